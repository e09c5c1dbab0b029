#!/usr/bin/env bash
# Runs every load scenario against the proxy started as a real process, then FreeRADIUS side by side.
# Reports: loadtests/results/ (Markdown, JSON, latency CSV per run, plus a summary per command).
#   loadtests/run-all.sh                 # 20 s measured per run
#   DURATION=60s loadtests/run-all.sh    # longer runs
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-20s}"
dotnet build src/RadiusDisconnectProxy/RadiusDisconnectProxy.csproj -c Release -nologo -v q
dotnet build loadtests/RadiusDisconnectProxy.LoadTests/RadiusDisconnectProxy.LoadTests.csproj -c Release -nologo -v q
LOAD=loadtests/RadiusDisconnectProxy.LoadTests/bin/Release/net10.0/rdp-load
status=0
"$LOAD" scenarios all --duration "$DURATION" "$@" || status=1
"$LOAD" compare --duration "${COMPARE_DURATION:-15s}" "$@" || status=1
exit $status
