#!/usr/bin/env bash
# RadSec next to UDP (docs/radsec.md): the Release proxy with `listen` and `listen_tls`, one `type = other` NAS (the
# instant NAS simulator in its own process), then the same closed-loop load (window 32, one socket / one connection)
# over UDP, over RadSec (TLS 1.3, historic), and over RADIUS/1.1. Prints answers/s, p50/p99 and the proxy's CPU µs
# per request for each. Certificates are made with openssl in a temporary directory.
#   loadtests/radsec-compare.sh [--duration 10s] [--window 32]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=10s; window=32
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --window) window="$2"; shift 2 ;;
    *) echo "usage: $0 [--duration 10s] [--window 32]" >&2; exit 2 ;;
  esac
done
dotnet build src/RadiusDisconnectProxy/RadiusDisconnectProxy.csproj -c Release -nologo -v q
dotnet build loadtests/RadiusDisconnectProxy.LoadTests/RadiusDisconnectProxy.LoadTests.csproj -c Release -nologo -v q
proxy=src/RadiusDisconnectProxy/bin/Release/net10.0/radius-disconnect-proxy
load=loadtests/RadiusDisconnectProxy.LoadTests/bin/Release/net10.0/rdp-load
work=$(mktemp -d /tmp/rdp-radsec-compare.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "${KEEP:-}" ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.'"$1"'); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# A CA, the proxy's certificate and a DAC's certificate (EC P-256, as docs/radsec.md shows).
cd "$work"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=Load CA" -keyout ca.key -out ca.pem 2>/dev/null
for who in proxy dac; do
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$who" -keyout "$who.key" -out "$who.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\n' > "$who.ext"
  openssl x509 -req -in "$who.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -extfile "$who.ext" -out "$who.pem" 2>/dev/null
done
cd - >/dev/null

udp_port=$(free_port SOCK_DGRAM); tls_port=$(free_port SOCK_STREAM)
# The simulator runs until its stdin closes: hold a FIFO open for it.
mkfifo "$work/nas.in"; exec 3<>"$work/nas.in"
"$load" simulate nas --secret nassecret --lifetime 10m < "$work/nas.in" > "$work/nas.log" 2>&1 & pids+=($!)
for _ in $(seq 100); do grep -q READY "$work/nas.log" 2>/dev/null && break; sleep 0.2; done
nas_port=$(sed -n 's/^READY nas endpoint=127.0.0.1:\([0-9]*\).*/\1/p' "$work/nas.log")
cat > "$work/radius.conf" <<CONF
listen { ipaddr = 127.0.0.1  port = $udp_port }
listen_tls { ipaddr = 127.0.0.1  port = $tls_port  certificate = proxy.pem  private_key = proxy.key  ca_file = ca.pem }
security { max_pending = 100000 }
client load { ipaddr = 127.0.0.1  secret = testing123 }
client dac { ipaddr = 127.0.0.1  proto = tls  certificate_subject = "CN=dac" }
mqtt { mode = off }
audit { enabled = yes }
nas bras1 { type = other  nasidentifier = bras-1  ipaddr = 127.0.0.1  coa_port = $nas_port  secret = nassecret }
CONF
"$proxy" serve --config "$work/radius.conf" > "$work/proxy.log" 2>&1 & proxy_pid=$!; pids+=($proxy_pid)
for _ in $(seq 100); do grep -q "RadSec" "$work/proxy.log" 2>/dev/null && break; sleep 0.2; done
sleep 1

common=(--window "$window" --duration "$duration" --warmup 2s --nas-identifier bras-1 --pid "$proxy_pid" --no-progress)
echo "== UDP (one socket)"
"$load" run -t "127.0.0.1:$udp_port" -s testing123 "${common[@]}" --name udp --results "$work/results" | grep -E "answers/s|udp|µs" || true
echo "== RadSec (one connection)"
"$load" radsec -t "127.0.0.1:$tls_port" --ca "$work/ca.pem" --cert "$work/dac.pem" --key "$work/dac.key" "${common[@]}"
echo "== RADIUS/1.1 (one connection)"
"$load" radsec -t "127.0.0.1:$tls_port" --ca "$work/ca.pem" --cert "$work/dac.pem" --key "$work/dac.key" --radius11 "${common[@]}"
