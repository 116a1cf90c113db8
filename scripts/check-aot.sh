#!/usr/bin/env bash
# Native AOT check of the samples: publishes samples/Everything with Native AOT (its project sets PublishAot when a
# runtime identifier is given) for this machine's Linux RID, fails on any warning in the publish output (trim and AOT
# analysis, IL2xxx/IL3xxx, each reported at its call site rather than one IL2104 per assembly), runs the native binary
# against the embedded server and checks what it prints, in order; does the same against the real server-everything
# over stdio where ./test.sh has installed it; then publishes and runs samples/Agent the same way. Prints the binary's
# size and the time taken; exits non-zero on failure.
#
# Needs, besides the .NET SDK, a C toolchain for the native link: clang or gcc, with objcopy (binutils) and the C
# library's development files. zlib comes with the .NET runtime pack. When the toolchain is missing and this runs as
# root on a machine with apt-get, it installs Debian's clang (which brings the rest); otherwise it says what to install.
#
# Build output goes to artifacts/aot/ (MCPSDK_AOT_DIR overrides), apart from the normal bin/ and obj/ folders, so it
# never disturbs a 'dotnet build' or 'dotnet test' running in the same checkout. Usage: scripts/check-aot.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${MCPSDK_AOT_DIR:-$root/artifacts/aot}"
started=$SECONDS

fail() {
    echo "check-aot: FAILED: $*" >&2
    exit 1
}

have() { command -v "$1" >/dev/null 2>&1; }

case "$(uname -s)/$(uname -m)" in
    Linux/x86_64) rid=linux-x64 ;;
    Linux/aarch64 | Linux/arm64) rid=linux-arm64 ;;
    *) fail "this script publishes for Linux x64 or arm64, not $(uname -s)/$(uname -m)" ;;
esac

# The native link: the ILCompiler package calls clang, or gcc when there is no clang, then objcopy to strip symbols.
toolchain_works() {
    local cc probe
    if have clang; then cc=clang; elif have gcc; then cc=gcc; else return 1; fi
    { have objcopy || have llvm-objcopy; } || return 1
    probe="$(mktemp -d)"
    if printf 'int main(void) { return 0; }\n' | "$cc" -x c - -o "$probe/a.out" >/dev/null 2>&1; then
        rm -rf "$probe"
        return 0
    fi
    rm -rf "$probe"
    return 1
}

if ! toolchain_works; then
    if [[ $(id -u) -eq 0 ]] && have apt-get; then
        echo "check-aot: no working C toolchain for the native link; installing clang with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends clang binutils libc6-dev >/dev/null
        toolchain_works || fail "clang was installed but still cannot link a C program"
    else
        fail "Native AOT needs a C toolchain: clang (or gcc), binutils (objcopy) and the C library's development files" \
            "(Debian/Ubuntu: 'sudo apt-get install clang'); see https://aka.ms/nativeaot-prerequisites"
    fi
fi
have dotnet || fail "the .NET SDK ('dotnet') is not on PATH"

mkdir -p "$out"
log="$out/publish.log"
publish="$out/publish"
rm -rf "$publish"

echo "check-aot: publishing samples/Everything for $rid with Native AOT (log: $log)"
publish_started=$SECONDS
# TrimmerSingleWarn=false: each trim/AOT warning on its own line with its call site, not one IL2104 per assembly.
if ! dotnet publish "$root/samples/Everything/Everything.csproj" -c Release -r "$rid" \
    --artifacts-path "$out/build" -o "$publish" \
    -p:TrimmerSingleWarn=false -tl:off -nologo >"$log" 2>&1; then
    cat "$log" >&2
    fail "dotnet publish exited non-zero (warnings are errors in this repository; see the lines above)"
fi
publish_seconds=$((SECONDS - publish_started))

# Any warning at all fails the check, whatever its code or source (the summary line '0 Warning(s)' is not one).
warnings="$(grep -i 'warning' "$log" | grep -viE '^[[:space:]]*0 Warning\(s\)' || true)"
if [[ -n $warnings ]]; then
    echo "$warnings" >&2
    fail "the publish printed $(grep -c . <<<"$warnings") warning line(s), listed above"
fi

binary="$publish/Everything"
[[ -x $binary ]] || fail "no native binary at $binary"

# Each expected line, in this order (progress before the result, as the sample promises), exactly as printed;
# the last one is a prefix, since the server appends the duration and step count.
expected=(
    "Echo: Hello from McpSdk"
    "The sum of 1 and 2 is 3."
    "Weather { Temperature = 36, Conditions = Light rain / drizzle, Humidity = 82 }"
    "  progress 1/3"
    "  progress 2/3"
    "  progress 3/3"
    "Long running operation completed.*"
)

# run_sample NAME [ARGS...]: runs the binary with ARGS, shows its output, checks its exit code and expected lines.
run_sample() {
    local name=$1 status=0 next=0 line
    shift
    echo "check-aot: running $binary $* ($name)"
    timeout 60 "$binary" "$@" >"$out/run-$name.out" 2>"$out/run-$name.err" || status=$?
    cat "$out/run-$name.out"
    if [[ $status -ne 0 ]]; then
        cat "$out/run-$name.err" >&2
        fail "the binary ($name) exited with $status (124: it ran longer than 60 s)"
    fi
    while IFS= read -r line; do
        # shellcheck disable=SC2053 # the expected line is a glob pattern on purpose
        if [[ $next -lt ${#expected[@]} && $line == ${expected[$next]} ]]; then
            next=$((next + 1))
        fi
    done <"$out/run-$name.out"
    if [[ $next -lt ${#expected[@]} ]]; then
        cat "$out/run-$name.err" >&2
        fail "the output ($name) lacks, in order, the line: '${expected[$next]}'"
    fi
}

run_started=$SECONDS
run_sample embedded
# Also against the real reference server over stdio, where ./test.sh has installed it (it needs Node.js).
server="$root/tests/peers/node_modules/@modelcontextprotocol/server-everything/dist/index.js"
if have node && [[ -f $server ]]; then
    run_sample stdio --stdio node "$server" stdio
else
    echo "check-aot: skipped the run against the real server-everything over stdio (run ./test.sh first to install it)"
fi
# And with a fleet-scoped rate on a Redis of its own (Debian's redis-server, which ./test.sh installs), stopped by PID.
if have redis-server; then
    # A port nobody listens on yet (a connection to it is refused).
    redis_port=$((20000 + RANDOM % 30000))
    while (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null; do redis_port=$((20000 + RANDOM % 30000)); done
    redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$out/redis.log" 2>&1 &
    redis_pid=$!
    trap 'kill "$redis_pid" 2>/dev/null || true' EXIT
    for _ in $(seq 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && break
        sleep 0.1
    done
    run_sample fleet --fleet "127.0.0.1:$redis_port"
    grep -q "^fleet: 4 echo calls under a fleet rate on 127.0.0.1:$redis_port, 0 fallbacks$" "$out/run-fleet.out" ||
        fail "the binary (fleet) did not run its echo calls under the fleet rate on Redis"
    kill "$redis_pid"
    wait "$redis_pid" 2>/dev/null || true
    trap - EXIT
else
    echo "check-aot: skipped the run with a fleet-scoped rate (no redis-server; run ./test.sh first to install it)"
fi
run_seconds=$((SECONDS - run_started))

# The Agent sample: AI functions (constant schemas, binding with source-generated metadata) under
# FunctionInvokingChatClient, also with zero warnings, and run.
agent_log="$out/publish-agent.log"
agent_publish="$out/publish-agent"
rm -rf "$agent_publish"
echo "check-aot: publishing samples/Agent for $rid with Native AOT (log: $agent_log)"
if ! dotnet publish "$root/samples/Agent/Agent.csproj" -c Release -r "$rid" \
    --artifacts-path "$out/build" -o "$agent_publish" \
    -p:TrimmerSingleWarn=false -tl:off -nologo >"$agent_log" 2>&1; then
    cat "$agent_log" >&2
    fail "dotnet publish of samples/Agent exited non-zero"
fi
warnings="$(grep -i 'warning' "$agent_log" | grep -viE '^[[:space:]]*0 Warning\(s\)' || true)"
[[ -z $warnings ]] || { echo "$warnings" >&2; fail "the Agent publish printed warnings, listed above"; }
timeout 60 "$agent_publish/Agent" >"$out/run-agent.out" 2>"$out/run-agent.err" || { cat "$out/run-agent.err" >&2; fail "the Agent binary failed"; }
cat "$out/run-agent.out"
grep -q '^answer: .*The sum of 1 and 2 is 3. 5 jobs done.$' "$out/run-agent.out" || fail "the Agent binary printed no answer"
grep -qE 'at most [12] ran at once' "$out/run-agent.out" || fail "the Agent binary did not hold [MaxConcurrency(2)]"

size=$(stat -c %s "$binary")
echo "check-aot: OK: 0 warnings; binary $(numfmt --to=iec-i --suffix=B "$size") ($size bytes);" \
    "publish ${publish_seconds}s, run ${run_seconds}s, total $((SECONDS - started))s"
