#!/usr/bin/env bash
# FreeRADIUS 3.2 (Debian, private config, foreground, no debug, per-request logging off) and RadiusDisconnectProxy
# (audit events on, as shipped), both as CoA proxies to the same instant NAS simulator, loaded identically at
# 32 and 256 requests in flight. Prints both rows, the ratios (throughput, p99, CPU per request) and the targets.
#   loadtests/compare-freeradius.sh [--duration 15s] [--windows 32 256] [--assert-targets]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/RadiusDisconnectProxy/RadiusDisconnectProxy.csproj -c Release -nologo -v q
dotnet build loadtests/RadiusDisconnectProxy.LoadTests/RadiusDisconnectProxy.LoadTests.csproj -c Release -nologo -v q
echo "net.core.rmem_max = $(cat /proc/sys/net/core/rmem_max)"
exec loadtests/RadiusDisconnectProxy.LoadTests/bin/Release/net10.0/rdp-load compare "$@"
