#!/usr/bin/env bash
# Durability figures for issue 3 (see perf/RESULTS-durability.md and docs/crash-test.md):
#  (a) recovery: fill a daemon on SQLite with N unfinished messages (every link faulted `down`, so nothing leaves),
#      stop it (SIGKILL in round 1, SIGTERM in round 2), start it again with the faults gone and time
#      process start -> GET /health 200 -> first delivery -> everything delivered;
#  (b) shutdown: SIGTERM while the N messages are queued (round 2): time to exit and the exit code.
# Usage: perf/durability.sh [N]   (default 100000; PORT, DATA_ROOT and KEEP=1 may be set)
# Prints one line per figure and the daemon's own recovery log lines (replay vs routing timestamps).
set -euo pipefail

N=${1:-100000}
PORT=${PORT:-18480}
URL="http://127.0.0.1:$PORT"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-/tmp/mta-durability-build}
DATA_ROOT=${DATA_ROOT:-$(mktemp -d /tmp/mta-durability-XXXXXX)}
mkdir -p "$DATA_ROOT"
LINKS="x400-paris site-paris x400-newyork ras-newyork imc-internet msmail-pc edk-fax local-store"
PID=

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
say() { echo "$*" >&2; }

cleanup() {
  if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then kill -9 "$PID" 2>/dev/null || true; fi
  if [[ "${KEEP:-0}" != 1 ]]; then rm -rf "$DATA_ROOT"; fi
}
trap cleanup EXIT

say "building the daemon (Release) into $OUT"
dotnet build "$ROOT/src/MtaActors.Host" -c Release -o "$OUT" -v quiet -nologo >/dev/null

start_daemon() { # $1 data folder, $2 log file; sets PID and STARTED
  STARTED=$(now)
  (cd "$ROOT" && exec dotnet "$OUT/mta.dll" run --data "$1" --http "$URL" --smtp off >"$2" 2>&1) &
  PID=$!
}

wait_health() { # prints seconds from STARTED to /health 200
  local deadline=$(( $(date +%s) + 600 ))
  until curl -sf -o /dev/null "$URL/health"; do
    kill -0 "$PID" 2>/dev/null || { say "daemon exited"; exit 1; }
    (( $(date +%s) < deadline )) || { say "not healthy within 600 s"; exit 1; }
    sleep 0.02
  done
  elapsed "$STARTED" "$(now)"
}

delivered() { curl -sf "$URL/api/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["delivered"])'; }

fault_all_down() {
  for link in $LINKS; do
    curl -sf -o /dev/null -X PUT "$URL/api/links/$link/faults" -H 'Content-Type: application/json' -d '{"kind":"down"}'
  done
}

fill() { # submits N messages in batches of 1000 (1 KiB bodies, mixed recipients); prints seconds taken
  python3 - "$URL" "$N" <<'PY'
import json, sys, time, urllib.request
url, n = sys.argv[1], int(sys.argv[2])
mix = [
    ["jsmith@london.contoso.com", "mjones@london.contoso.com"],
    ["london-sales@london.contoso.com"],
    ["pdupont@paris.contoso.com", "kwong@newyork.contoso.com"],
    ["partner@example.com", "jdoe@msmail.contoso.com", "sales@fax.contoso.com"],
    ["apatel@london.contoso.com", "pdupont@paris.contoso.com", "buyer@example.org"],
]
body = "x" * 1024
start = time.time()
sent = 0
while sent < n:
    count = min(1000, n - sent)
    batch = [{"from": "postmaster@london.contoso.com", "to": mix[(sent + i) % len(mix)], "body": body} for i in range(count)]
    request = urllib.request.Request(url + "/api/messages/batch", json.dumps(batch).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        assert response.status == 202, response.status
    sent += count
print(f"{time.time() - start:.2f}")
PY
}

recover_and_time() { # $1 data folder, $2 label, $3 log name
  local log="$DATA_ROOT/$3-restart.log"
  start_daemon "$1" "$log"
  local health; health=$(wait_health)
  local first=
  local deadline=$(( $(date +%s) + 600 ))
  while :; do
    if [[ -z "$first" && $(delivered) -gt 0 ]]; then first=$(elapsed "$STARTED" "$(now)"); fi
    [[ -n "$first" ]] && break
    (( $(date +%s) < deadline )) || { say "no delivery within 600 s"; exit 1; }
    sleep 0.02
  done
  echo "$2: recovery with $N unfinished messages: process start -> /health 200: ${health} s; -> first delivery: ${first} s"
  say "daemon log lines of the recovery ($log):"
  grep -E "listening on|recovered|re-routed|MTA ready|Engine started" "$log" | sed 's/^/    /' >&2 || true
  kill -9 "$PID"; wait "$PID" 2>/dev/null || true; PID=
}

echo "durability figures: N=$N, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"

# Round 1: fill, SIGKILL, recover.
data1="$DATA_ROOT/round1"
start_daemon "$data1" "$DATA_ROOT/round1-fill.log"
wait_health >/dev/null
fault_all_down
secs=$(fill)
echo "round 1: filled $N messages (all links down) in ${secs} s"
kill -9 "$PID"; wait "$PID" 2>/dev/null || true; PID=
recover_and_time "$data1" "round 1 (after SIGKILL)" round1

# Round 2: fill, SIGTERM (timed), recover.
data2="$DATA_ROOT/round2"
start_daemon "$data2" "$DATA_ROOT/round2-fill.log"
wait_health >/dev/null
fault_all_down
secs=$(fill)
echo "round 2: filled $N messages (all links down) in ${secs} s"
t0=$(now)
kill -TERM "$PID"
code=0; wait "$PID" || code=$?
PID=
echo "round 2: SIGTERM with $N messages queued: exit after $(elapsed "$t0" "$(now)") s, exit code $code"
recover_and_time "$data2" "round 2 (after SIGTERM)" round2
