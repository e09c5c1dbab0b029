#!/usr/bin/env bash
# Runs the whole test suite: installs the Debian packages the real-service tests need (when missing), without
# starting their system services and leaving none of them enabled at boot, then runs `dotnet test` on the solution.
# Usage: scripts/test.sh [extra dotnet test arguments]
#
# The packages: radclient and FreeRADIUS 3.2 (freeradius-utils, freeradius), mosquitto and its clients, MariaDB,
# Chromium (the web console's browser tests), dpkg-deb (in dpkg: the .deb test). The tests start their own private
# instances on free loopback ports; a system service is never needed, so those the packages bring are disabled.
#
# RDP_POLICY_RC_D (default /usr/sbin/policy-rc.d) exists only so tests/…/Install/TestScriptInstallTests can run
# this script against a scratch file.
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium + fonts: the web console's browser tests (Playwright drives /usr/bin/chromium; it downloads no browser).
packages=(freeradius-utils freeradius-common freeradius mosquitto mosquitto-clients mariadb-server mariadb-client
          chromium fonts-dejavu-core dpkg)
# package → the system service it ships (to disable once we installed it).
declare -A service_of=([freeradius]=freeradius [mosquitto]=mosquitto [mariadb-server]=mariadb)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
policy=${RDP_POLICY_RC_D:-/usr/sbin/policy-rc.d}
made_policy=no

# Removes the policy-rc.d only when this script created it; never fails (it runs under set -e and from a trap).
restore_policy() {
    if [ "$made_policy" = yes ]; then
        $sudo rm -f "$policy" || true
        made_policy=no
    fi
    return 0
}

# Stops a packaged service and keeps it from starting at boot, with or without a running systemd.
disable_service() {
    local svc=$1
    if [ -d /run/systemd/system ]; then
        $sudo systemctl disable --now "$svc" >/dev/null 2>&1 || true
    else
        # No systemd running (containers, CI): stop through the init script, remove the boot links of both worlds.
        $sudo service "$svc" stop >/dev/null 2>&1 || true
        if command -v systemctl >/dev/null 2>&1; then
            $sudo systemctl disable "$svc" >/dev/null 2>&1 || true
        fi
        if [ -e "/etc/init.d/$svc" ]; then
            $sudo update-rc.d "$svc" disable >/dev/null 2>&1 || true
        fi
    fi
    return 0
}

if [ "${#missing[@]}" -gt 0 ]; then
    echo "test.sh: installing ${missing[*]}" >&2
    # A policy-rc.d that exits 101 keeps the packages' system services from starting during the install (Docker-style
    # images ship one already: then it is left exactly as it was).
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
        $sudo chmod 755 "$policy"
        made_policy=yes
    fi
    trap restore_policy EXIT
    export DEBIAN_FRONTEND=noninteractive
    # Another apt run on the machine holds the dpkg lock for a while: wait for it instead of failing.
    apt=($sudo apt-get -o DPkg::Lock::Timeout=600)
    if ! { "${apt[@]}" update -qq && "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
        echo "test.sh: apt-get could not install ${missing[*]}" >&2
        exit 1
    fi
    restore_policy
    trap - EXIT
    for p in "${missing[@]}"; do
        if [ -n "${service_of[$p]:-}" ]; then
            disable_service "${service_of[$p]}"
        fi
    done
    echo "test.sh: installed; system services of these packages are stopped and disabled" >&2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test RadiusDisconnectProxy.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?

# The failed tests again, at the end where a CI page that keeps only the tail of the output still shows them: each
# name with its error message and the first lines of its stack trace.
if grep -q '^  Failed ' "$log"; then
    echo "failed tests:"
    awk '/^  Failed / { on = 1; n = 0 }
         /^  (Passed|Skipped) / || /^\[xUnit/ { on = 0 }
         on && n < 24 { print; n++ }' "$log"
fi

# One plain closing line over every test assembly: "N passed, N failed, N skipped".
sum() { awk -v key="$1" '$1 == key":" { n += $2 } END { print n + 0 }' "$log"; }
echo "tests: $(sum Passed) passed, $(sum Failed) failed, $(sum Skipped) skipped"
exit "$status"
