#!/usr/bin/env bash
# Packs McpSdk into one NuGet package (runtime under lib/, the source generator under analyzers/dotnet/cs), then
# builds the Everything sample OUTSIDE this repository from that package alone, through a local feed, and runs it:
# proof that a consumer needs nothing but the one package reference. Exits non-zero on any failure.
# Usage: scripts/check-package.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
started=$SECONDS
work="$(mktemp -d)"   # outside the repo, so none of its Directory.*.props apply to the consumer
trap 'rm -rf "$work"' EXIT

fail() {
    echo "check-package: FAILED: $*" >&2
    exit 1
}

# A version of its own per run: the NuGet cache never serves an older build of the same version.
version="0.1.0-check.$(date +%s)"
feed="$work/feed"
consumer="$work/consumer"
mkdir -p "$feed" "$consumer"

echo "check-package: packing McpSdk $version"
dotnet pack "$root/src/McpSdk/McpSdk.csproj" -c Release -o "$feed" -p:Version="$version" -nologo -v:q >"$work/pack.log" 2>&1 \
    || { cat "$work/pack.log"; fail "dotnet pack"; }

package="$feed/McpSdk.$version.nupkg"
[[ -f "$package" ]] || fail "no package at $package"
contents="$(unzip -l "$package")"
grep -q "analyzers/dotnet/cs/McpSdk.Generators.dll" <<<"$contents" || fail "the generator is not under analyzers/dotnet/cs"
grep -q "lib/net10.0/McpSdk.dll" <<<"$contents" || fail "the runtime is not under lib/net10.0"
if grep -q "lib/.*McpSdk.Generators.dll" <<<"$contents"; then fail "the generator must not be a lib/ reference"; fi

cp "$root"/samples/Everything/*.cs "$consumer/"
# The sample's one other package (its progress bar), at the version the repository pins.
spectre="$(grep -oP 'Include="Spectre.Console" Version="\K[^"]+' "$root/Directory.Packages.props")" \
    || fail "no Spectre.Console version in Directory.Packages.props"
cat >"$consumer/Everything.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="McpSdk" Version="$version" />
    <PackageReference Include="Spectre.Console" Version="$spectre" />
  </ItemGroup>
</Project>
XML
# The local feed in addition to the machine's configured sources (the package's own dependencies come from there).
cat >"$consumer/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="mcpsdk-local" value="$feed" />
  </packageSources>
</configuration>
XML

echo "check-package: building the sample from the package"
dotnet build "$consumer/Everything.csproj" -c Release -nologo -v:q >"$work/build.log" 2>&1 \
    || { cat "$work/build.log"; fail "the sample does not build from the package"; }

output="$(dotnet "$consumer/bin/Release/net10.0/Everything.dll")" || { echo "$output"; fail "the sample exited with an error"; }
for line in "Echo: Hello from McpSdk" "The sum of 1 and 2 is 3." "Weather { Temperature = 36, Conditions = Light rain / drizzle, Humidity = 82 }" "Long running operation completed."; do
    grep -qF "$line" <<<"$output" || { echo "$output"; fail "missing output line: $line"; }
done

echo "check-package: OK: McpSdk.$version.nupkg ($(stat -c %s "$package") bytes) builds and runs the sample alone; $((SECONDS - started)) s"
