#!/usr/bin/env bash
# Issue 2's isolation check (see docs/bench.md): 10,000 messages over 6 links, once with no fault and once with one
# link hung, side by side in one process, repeated; the other links must deliver all their messages and keep at
# least 90% of their no-fault throughput (median ratio). The synchronous baseline runs beside it for comparison.
# Then a real daemon shows the hung link's state in GET /api/queues (through `mta queues`).
#
# Usage: perf/isolation.sh [OUT_DIR]     (needs the .NET SDK, curl and jq; apt-get install jq)
# Exit 0 when every check holds, 1 when one fails.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
command -v jq >/dev/null || { echo "isolation.sh: jq is required (apt-get install jq)" >&2; exit 2; }

dotnet build src/MtaActors.Host -c Release -v quiet -nologo >/dev/null
mta=src/MtaActors.Host/bin/Release/net10.0/mta
failed=0

echo "== 1. in-process: no fault vs ras-3 hung, actor engine and synchronous baseline"
cmd=("$mta" bench --links 6 --messages 10000 --fault ras-3:hang --compare --repeat 5 --warmup 5000 --baseline sync --timeout 20)
echo "\$ mta ${cmd[*]:1}"
"${cmd[@]}" --json > "$out/isolation.json" || true
jq -r '.comparisons[] | "\(.engine): median healthy-link ratio \(.medianHealthyRatio | . * 1000 | round / 1000)  pairs: \([.pairs[] | "\(.noFault.healthyPerSecond|round) -> \(.withFault.healthyPerSecond|round) msg/s (\(.healthyRatio * 1000 | round / 1000)), healthy delivered \(.withFault.healthyDelivered)/\(.withFault.healthyExpected)"] | join("; "))"' "$out/isolation.json"
jq -r '.comparisons[] | select(.engine == "actor") | .pairs[-1].withFault.links[] | "  actor with fault: \(.name) delivered \(.delivered)/\(.expected) state \(.state)"' "$out/isolation.json"
actor_ok=$(jq '[.comparisons[] | select(.engine == "actor") | .pairs[] | .withFault.healthyComplete and .noFault.healthyComplete] | all' "$out/isolation.json")
ratio_ok=$(jq '[.comparisons[] | select(.engine == "actor") | .medianHealthyRatio >= 0.9] | all' "$out/isolation.json")
state_ok=$(jq '[.comparisons[] | select(.engine == "actor") | .pairs[].withFault.links[] | select(.faulted) | .state | test("retrying|down")] | all' "$out/isolation.json")
echo "healthy links delivered everything: $actor_ok; median ratio >= 0.9: $ratio_ok; hung link retrying/down: $state_ok"
[[ $actor_ok == true && $ratio_ok == true && $state_ok == true ]] || failed=1

echo "== 2. daemon: x400-newyork hung, its state in GET /api/queues"
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18080)
url="http://127.0.0.1:$port"
"$mta" run --journal memory --data "$data" --http "$url" --log-level warning --smtp off > "$out/daemon.log" 2>&1 &
daemon=$!
trap 'kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -sf "$url/health" >/dev/null && break; sleep 0.2; done
"$mta" fault set x400-newyork hang --http "$url"
"$mta" send --from postmaster@london.contoso.com --to someone@newyork.contoso.com --priority urgent --count 20 --http "$url" >/dev/null
state=up
for _ in $(seq 1 120); do
  state=$(curl -sf "$url/api/queues" | jq -r '.[] | select(.name == "x400-newyork") | .state')
  [[ $state != up ]] && break
  sleep 0.5
done
echo "\$ mta queues"
"$mta" queues --http "$url" | tee "$out/queues.txt"
[[ $state == retrying || $state == down ]] || { echo "x400-newyork stayed $state" >&2; failed=1; }
exit $failed
