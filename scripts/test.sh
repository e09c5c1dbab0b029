#!/usr/bin/env bash
# Runs the whole test suite: installs the Debian packages the real-service tests need (when missing),
# without starting their system services, then runs `dotnet test` on the solution.
# Usage: scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium + fonts: the web console's browser tests (Playwright drives /usr/bin/chromium; it downloads no browser).
packages=(freeradius-utils freeradius-common freeradius mosquitto mosquitto-clients mariadb-server mariadb-client chromium fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
    echo "test.sh: installing ${missing[*]}" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    # A policy-rc.d that exits 101 keeps the packages' system services from starting during the install:
    # the tests start their own private instances on loopback.
    policy=/usr/sbin/policy-rc.d
    had_policy=no
    [ -e "$policy" ] && had_policy=yes
    if [ "$had_policy" = no ]; then
        printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
        $sudo chmod 755 "$policy"
    fi
    cleanup() { [ "$had_policy" = no ] && $sudo rm -f "$policy"; }
    trap cleanup EXIT
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    cleanup
    trap - EXIT
    # Never leave a packaged service running (in case a package started one regardless).
    for svc in freeradius mosquitto mariadb; do
        $sudo service "$svc" stop >/dev/null 2>&1 || true
    done
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test RadiusDisconnectProxy.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?

# One plain closing line over every test assembly: "N passed, N failed, N skipped".
sum() { awk -v key="$1" '$1 == key":" { n += $2 } END { print n + 0 }' "$log"; }
echo "tests: $(sum Passed) passed, $(sum Failed) failed, $(sum Skipped) skipped"
exit "$status"
