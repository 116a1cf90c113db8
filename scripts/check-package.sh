#!/usr/bin/env bash
# Packs McpSdk (runtime under lib/, the source generator under analyzers/dotnet/cs) and the mcpsdk tool (McpSdk.Cli)
# into artifacts/packages, where the README's "Install" section takes them from. Then builds the Everything sample
# OUTSIDE this repository from the McpSdk package alone, through that folder as a feed, runs it, and installs and runs
# the tool from it: proof that a consumer needs nothing but the package reference. Exits non-zero on any failure.
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

# The repository's version (Directory.Build.props), the one the README tells users to reference.
version="$(grep -oP '<Version>\K[^<]+' "$root/Directory.Build.props")" || fail "no <Version> in Directory.Build.props"
feed="$root/artifacts/packages"
consumer="$work/consumer"
mkdir -p "$feed" "$consumer"
rm -f "$feed"/McpSdk.*.nupkg
# A package cache of this run's own: a cache shared with earlier runs would serve an older build of the same version.
export NUGET_PACKAGES="$work/nuget-packages"

echo "check-package: packing McpSdk and McpSdk.Cli $version into ${feed#"$root"/}"
for project in src/McpSdk/McpSdk.csproj src/McpSdk.Cli/McpSdk.Cli.csproj; do
    dotnet pack "$root/$project" -c Release -o "$feed" -nologo -v:q >"$work/pack.log" 2>&1 \
        || { cat "$work/pack.log"; fail "dotnet pack $project"; }
done

package="$feed/McpSdk.$version.nupkg"
[[ -f "$package" ]] || fail "no package at $package"
contents="$(unzip -l "$package")"
grep -q "analyzers/dotnet/cs/McpSdk.Generators.dll" <<<"$contents" || fail "the generator is not under analyzers/dotnet/cs"
grep -q "lib/net10.0/McpSdk.dll" <<<"$contents" || fail "the runtime is not under lib/net10.0"
if grep -q "lib/.*McpSdk.Generators.dll" <<<"$contents"; then fail "the generator must not be a lib/ reference"; fi
grep -q " README.md$" <<<"$contents" || fail "the package has no README.md"
nuspec="$(unzip -p "$package" McpSdk.nuspec)"
grep -q "<description>" <<<"$nuspec" || fail "the package has no description"
grep -q "<readme>README.md</readme>" <<<"$nuspec" || fail "the package does not name its readme"
# Only DI abstractions are the core's own dependency: a container is the application's choice.
if grep -q 'id="Microsoft.Extensions.DependencyInjection"' <<<"$nuspec"; then fail "McpSdk depends on a DI container implementation"; fi
tool_package="$feed/McpSdk.Cli.$version.nupkg"
[[ -f "$tool_package" ]] || fail "no tool package at $tool_package"

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

echo "check-package: installing the mcpsdk tool from the package"
dotnet tool install McpSdk.Cli --version "$version" --add-source "$feed" --tool-path "$work/tools" >"$work/tool.log" 2>&1 \
    || { cat "$work/tool.log"; fail "dotnet tool install McpSdk.Cli"; }
help="$("$work/tools/mcpsdk" --help)" || { echo "$help"; fail "mcpsdk --help exited with an error"; }
grep -q "scaffold" <<<"$help" || { echo "$help"; fail "mcpsdk --help does not list scaffold"; }

echo "check-package: OK: ${feed#"$root"/}/McpSdk.$version.nupkg ($(stat -c %s "$package") bytes) builds and runs the sample alone; the mcpsdk tool installs and runs; $((SECONDS - started)) s"
