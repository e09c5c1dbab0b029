#!/usr/bin/env bash
# Soak: the mixed scenario (forwarding, MESHdesk/APdesk over mosquitto, Mikrotik) for 10 minutes at 600 req/s,
# sampling the proxy's RSS (/proc) and GC counts (its metrics endpoint) every 5 s. Exit 1 unless RSS stays flat
# and under 150 MB.   loadtests/soak.sh [--duration 10m] [--rate 600]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/RadiusDisconnectProxy/RadiusDisconnectProxy.csproj -c Release -nologo -v q
dotnet build loadtests/RadiusDisconnectProxy.LoadTests/RadiusDisconnectProxy.LoadTests.csproj -c Release -nologo -v q
exec loadtests/RadiusDisconnectProxy.LoadTests/bin/Release/net10.0/rdp-load soak "$@"
