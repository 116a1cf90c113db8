#!/usr/bin/env bash
# Runs every test on a fresh machine: installs the pinned npm reference servers the integration tests talk to,
# restores NuGet packages, builds the solution in Release (warnings are errors) and runs all test projects.
# Extra arguments go to 'dotnet test', e.g. ./test.sh --filter FullyQualifiedName~Generators
set -euo pipefail
cd "$(dirname "$0")"

command -v node >/dev/null || { echo "test.sh: node (>= 20) is needed for the reference MCP servers" >&2; exit 1; }
npm ci --prefix tests/peers --no-audit --no-fund --loglevel=error

dotnet build McpSdk.slnx -c Release
# A test that hangs fails the run with its name instead of stalling it.
dotnet test McpSdk.slnx -c Release --no-build --blame-hang-timeout 5m --blame-hang-dump-type none "$@"
