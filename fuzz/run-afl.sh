#!/usr/bin/env bash
# Coverage-guided fuzzing of one harness with AFL++ through SharpFuzz (see fuzz/README.md).
# Usage: fuzz/run-afl.sh <packet|dictionary|conf|routeros|mqtt-reply> [seconds] [work-dir]
# Needs: Debian's afl++ package, and `dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0`.
# Crashes land in <work-dir>/<target>/default/crashes/; replay one with
#   dotnet <work-dir>/bin/rdp-fuzz.dll <target> --replay <file>
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run-afl.sh <target> [seconds] [work-dir]}
seconds=${2:-300}
work=${3:-/tmp/rdp-afl}
export PATH="$PATH:$HOME/.dotnet/tools"

if [ ! -f "$work/bin/.instrumented" ]; then
    dotnet build fuzz/RadiusDisconnectProxy.Fuzz -c Release >/dev/null
    mkdir -p "$work/bin"
    cp -r fuzz/RadiusDisconnectProxy.Fuzz/bin/Release/net10.0/. "$work/bin/"
    # Instrument our own assemblies only (SharpFuzz rewrites them with AFL's edge coverage).
    for dll in radius-disconnect-proxy.dll RadiusDisconnectProxy.Radius.dll RadiusDisconnectProxy.RouterOs.dll; do
        sharpfuzz "$work/bin/$dll"
    done
    touch "$work/bin/.instrumented"
fi

export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
mkdir -p "$work/$target"
# -t: .NET start-up is slow and the first inputs pay the JIT; -m none: the runtime reserves far more than AFL's default.
timeout --signal=INT "$seconds" afl-fuzz -i "fuzz/corpus/$target" -o "$work/$target" -t 10000+ -m none \
    -- dotnet "$work/bin/rdp-fuzz.dll" "$target" || true
stats="$work/$target/default/fuzzer_stats"
if [ -f "$stats" ]; then
    grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|bitmap_cvg|edges_found|total_edges|saved_crashes|saved_hangs|stability) ' "$stats"
fi
