#!/usr/bin/env bash
# Runs every test on a fresh machine: installs the pinned npm reference servers the integration tests talk to and
# redis-server for the fleet tests, restores NuGet packages, builds the solution in Release (warnings are errors) and
# runs the test projects one by one, each under a header line, with each failing test named as it fails.
# Extra arguments go to every 'dotnet test', e.g. ./test.sh --filter FullyQualifiedName~Generators
set -euo pipefail
cd "$(dirname "$0")"

command -v node >/dev/null || { echo "test.sh: node (>= 20) is needed for the reference MCP servers" >&2; exit 1; }
echo "test.sh: installing the pinned reference servers (tests/peers)"
npm ci --prefix tests/peers --no-audit --no-fund --loglevel=error

# The fleet-limit tests (tests/McpSdk.Tests/Fleet) start their own redis-server on a free loopback port: Debian's
# package, installed when missing (CI runs as root).
command -v redis-server >/dev/null || { echo "test.sh: installing redis-server"; apt-get update -qq && apt-get install -y -qq redis-server; }

echo "test.sh: building McpSdk.sln (Release)"
dotnet build McpSdk.sln -c Release -nologo -v:q

# Every project that says it is one (<IsTestProject>true), so a new test project runs without editing this script.
mapfile -t projects < <(grep -l '<IsTestProject>true</IsTestProject>' tests/*/*.csproj | xargs -n1 dirname | sort)
failed=()
for i in "${!projects[@]}"; do
    project="${projects[$i]}"
    echo
    echo "test.sh: [$((i + 1))/${#projects[@]}] $project"
    started=$SECONDS
    # A test that hangs fails the run with its name instead of stalling it.
    if dotnet test "$project" -c Release --no-build --nologo --blame-hang-timeout 5m --blame-hang-dump-type none \
        --logger "console;verbosity=minimal" "$@"; then
        echo "test.sh: $project passed in $((SECONDS - started)) s"
    else
        echo "test.sh: $project FAILED after $((SECONDS - started)) s"
        failed+=("$project")
    fi
done

echo
if ((${#failed[@]} > 0)); then
    echo "test.sh: FAILED: ${failed[*]}"
    exit 1
fi
echo "test.sh: all ${#projects[@]} test projects passed"
