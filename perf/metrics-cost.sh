#!/usr/bin/env bash
# What metrics cost: in-memory `mta bench` runs with the metrics export listening and scraped every second
# (--metrics) and without, interleaved A/B in one sitting, so the machine's drift hits both alike.
# Prints each pair and the median ratio of delivered/s (with ÷ without). Usage: perf/metrics-cost.sh [PAIRS] [MESSAGES]
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-5}
messages=${2:-200000}
mta=src/MtaActors.Host/bin/Release/net10.0/mta
[ -x "$mta" ] || dotnet build src/MtaActors.Host -c Release >/dev/null
rate() { "$mta" bench --messages "$messages" --batch 1000 --in-flight 8 --warmup 20000 --json "$@" | python3 -c 'import json,sys; print(json.load(sys.stdin)["run"]["deliveredPerSecond"])'; }
ratios=()
for i in $(seq 1 "$pairs"); do
  if (( i % 2 )); then off=$(rate); on=$(rate --metrics); else on=$(rate --metrics); off=$(rate); fi
  ratio=$(python3 -c "print(f'{$on/$off:.3f}')")
  ratios+=("$ratio")
  echo "pair $i: off $off msg/s, on $on msg/s, on/off $ratio (load $(cut -d' ' -f1 /proc/loadavg))"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print "median on/off:", a[int((NR+1)/2)]}'
