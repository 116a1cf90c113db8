#!/usr/bin/env bash
# Runs every test on a fresh machine: installs the pinned npm reference servers the integration tests talk to and
# redis-server for the fleet tests, restores NuGet packages, builds the solution in Release (warnings are errors) and runs all test projects.
# Extra arguments go to 'dotnet test', e.g. ./test.sh --filter FullyQualifiedName~Generators
set -euo pipefail
cd "$(dirname "$0")"

command -v node >/dev/null || { echo "test.sh: node (>= 20) is needed for the reference MCP servers" >&2; exit 1; }
npm ci --prefix tests/peers --no-audit --no-fund --loglevel=error

# The fleet-limit tests (tests/McpSdk.Tests/Fleet) start their own redis-server on a free loopback port: Debian's
# package, installed when missing (CI runs as root).
command -v redis-server >/dev/null || (apt-get update && apt-get install -y redis-server)

dotnet build McpSdk.slnx -c Release
# A test that hangs fails the run with its name instead of stalling it.
dotnet test McpSdk.slnx -c Release --no-build --blame-hang-timeout 5m --blame-hang-dump-type none "$@"
