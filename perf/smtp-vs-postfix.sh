#!/usr/bin/env bash
# Issue 11's side-by-side: the same SMTP load into Postfix and into `mta run --relay-host`, delivered at smtp-sink.
#
# 1. Throughput: `smtp-source -s 20 -l 1024 -m 20000` straight into smtp-sink (the ceiling of the loopback itself),
#    then into Postfix relaying to smtp-sink, then into `mta run --journal sqlite --relay-host` pointing at smtp-sink.
#    Delivered msg/s = messages counted at the sink / seconds from the first connection to the last one counted.
# 2. Black hole: half the load (-s 10, -m 10000) to a healthy destination, half to a second one, run once with the
#    second one healthy too and once with it black-holed (a TCP server that accepts and never answers). Reports the
#    healthy destination's delivered/s with ÷ without the black hole, and the time from the start of the load until
#    the black hole is marked down: Postfix's first deferral for it (its greeting timeout), mta's link state `down`.
#
# Everything listens on free 127.0.0.1 ports; Postfix runs as a private instance (its own config, queue and log
# under a temporary folder); nothing is left running afterwards, and no Postfix service runs on port 25.
# Postfix is installed when missing (Debian `postfix`, "No configuration", so the package starts no service).
#
# Usage: perf/smtp-vs-postfix.sh [OUT_DIR]   (as root; needs the .NET SDK, python3, curl, jq)
#   MESSAGES=20000 SESSIONS=20 SIZE=1024   the load of case 1 (case 2 splits it in two)
#   BLACKHOLE_WAIT=360                      seconds to wait for Postfix to give up on the black hole
#   ONLY=direct,postfix,mta,blackhole       run only some parts (default: all)
#   MTA=path/to/mta                         use this mta instead of building src/MtaActors.Host in Release
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
messages=${MESSAGES:-20000}
sessions=${SESSIONS:-20}
size=${SIZE:-1024}
blackhole_wait=${BLACKHOLE_WAIT:-360}
only=",${ONLY:-direct,postfix,mta,blackhole},"
want() { [[ $only == *",$1,"* ]]; }

for tool in python3 curl jq dotnet; do
  command -v "$tool" >/dev/null || { echo "smtp-vs-postfix.sh: $tool is required" >&2; exit 2; }
done

if ! command -v smtp-source >/dev/null || ! command -v smtp-sink >/dev/null || [[ ! -x /usr/sbin/postfix ]]; then
  echo "== installing postfix (Debian package, no configuration: no service is started)"
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postfix >/dev/null
  # Should a main instance have been started all the same, it is ours: stop it, so nothing answers on port 25.
  postfix status >/dev/null 2>&1 && postfix stop >/dev/null 2>&1 || true
fi

work=$(mktemp -d /tmp/smtp-vs-postfix.XXXXXX)
chmod 755 "$work" # Postfix's daemons run as the postfix user and must reach their queue under it
pids=()
instances=()
cleanup() {
  for conf in "${instances[@]}"; do postfix -c "$conf" stop >/dev/null 2>&1 || true; done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_port() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "nothing listens on 127.0.0.1:$1" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$(now)"; }
rate() { python3 -c "import sys; n, s = float(sys.argv[1]), float(sys.argv[2]); print(f'{n / s:.0f}' if s > 0 else '0')" "$1" "$2"; }
ratio() { python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(f'{a / b:.3f}' if b > 0 else 'n/a')" "$1" "$2"; }
report() { echo "$*" | tee -a "$out/results.txt"; }

# smtp-sink -c rewrites one counter line ("sess=N quit=N mesg=N\r"); the last mesg= is what it accepted so far.
# The start_* functions set the global `port` rather than print it: run in a command substitution, they would record
# their pid for the cleanup in a subshell, and the cleanup would miss it.
start_sink() { # NAME -> port
  port=$(free_port)
  smtp-sink -c -u postfix "127.0.0.1:$port" 1024 > "$work/$1.sink" 2>&1 &
  pids+=($!)
  wait_port "$port"
}
sink_count() { tail -c 400 "$work/$1.sink" 2>/dev/null | tr '\r' '\n' | grep -o 'mesg=[0-9]*' | tail -1 | cut -d= -f2 || true; }
wait_sink() { # NAME COUNT START TIMEOUT -> prints seconds from START until COUNT were counted (or the timeout)
  local n
  while :; do
    n=$(sink_count "$1")
    if [[ ${n:-0} -ge $2 ]] || python3 -c "import sys,time; sys.exit(0 if time.time() - float(sys.argv[1]) > float(sys.argv[2]) else 1)" "$3" "$4"; then
      break
    fi
    sleep 0.05
  done
  since "$3"
}

start_blackhole() { # -> port; accepts connections, holds them open, never says a word
  port=$(free_port)
  python3 -c '
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(1024); held = []
while True:
    c, _ = s.accept(); held.append(c)
' "$port" &
  pids+=($!)
  wait_port "$port"
}

start_postfix() { # NAME MAIN_CF_LINES... -> port (its smtpd)
  local name=$1; shift
  local dir="$work/postfix-$name"
  port=$(free_port)
  mkdir -p "$dir/conf" "$dir/queue" "$dir/data"
  chown postfix "$dir/data"
  {
    echo "compatibility_level = 3.6"
    echo "queue_directory = $dir/queue"
    echo "data_directory = $dir/data"
    echo "mail_owner = postfix"
    echo "setgid_group = postdrop"
    echo "myhostname = postfix-bench.localdomain"
    echo "mydestination ="
    echo "inet_interfaces = 127.0.0.1"
    echo "inet_protocols = ipv4"
    echo "mynetworks = 127.0.0.0/8"
    echo "smtpd_relay_restrictions = permit_mynetworks, reject"
    echo "maillog_file_prefixes = $work"
    echo "maillog_file = $dir/maillog"
    echo "biff = no"
    printf '%s\n' "$@"
  } > "$dir/conf/main.cf"
  # The stock master.cf with its smtpd on our port instead of 25, unchrooted (the private queue has no chroot files).
  sed -E "s/^smtp( +)inet .*/127.0.0.1:$port inet n - n - - smtpd/" /etc/postfix/master.cf > "$dir/conf/master.cf"
  postfix -c "$dir/conf" check >/dev/null 2>&1 || true
  postfix -c "$dir/conf" start >/dev/null 2>&1 || { echo "postfix $name did not start; see $dir/maillog" >&2; cat "$dir/maillog" >&2 || true; exit 1; }
  instances+=("$dir/conf")
  wait_port "$port"
}
stop_postfix() { postfix -c "$work/postfix-$1/conf" stop >/dev/null 2>&1 || true; }

mta_pid=
start_mta() { # NAME ARGS... -> sets mta_url, mta_smtp
  local name=$1; shift
  local http; http=$(free_port); mta_smtp=$(free_port); mta_url="http://127.0.0.1:$http"
  # smtp-source's sessions all come from 127.0.0.1 and reconnect after every message; a closing session holds its
  # slot for a moment, so at the default maxSessionsPerClient (20) some of the 20 reconnects hear 421 and smtp-source
  # stops. 50 is Postfix's own default per-client limit (smtpd_client_connection_count_limit).
  echo '{ "smtp": { "maxSessionsPerClient": 50 } }' > "$work/mta-settings.json"
  "$mta_bin" run --settings "$work/mta-settings.json" --journal sqlite --data "$work/mta-$name" --http "$mta_url" --smtp "127.0.0.1:$mta_smtp" --log-level warning "$@" \
    > "$out/mta-$name.log" 2>&1 &
  mta_pid=$!
  pids+=("$mta_pid")
  for _ in $(seq 1 300); do curl -sf "$mta_url/health" >/dev/null && break; sleep 0.2; done
  curl -sf "$mta_url/health" >/dev/null || { echo "mta $name did not become healthy; see $out/mta-$name.log" >&2; exit 1; }
  wait_port "$mta_smtp"
}
# CPU seconds the daemon has used so far (user + system): what a message costs it, whatever else the machine runs.
mta_cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$mta_pid/stat"; }
stop_mta() { kill "$mta_pid" 2>/dev/null || true; wait "$mta_pid" 2>/dev/null || true; }

source_load() { # PORT SESSIONS MESSAGES RECIPIENT
  smtp-source -s "$2" -l "$size" -m "$3" -f sender@source.example -t "$4" "127.0.0.1:$1" > /dev/null
}

report "# perf/smtp-vs-postfix.sh $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(postconf -d mail_version 2>/dev/null)"
mta_bin=${MTA:-$repo/src/MtaActors.Host/bin/Release/net10.0/mta}
if [[ -z ${MTA:-} ]] && { want mta || want blackhole; }; then
  dotnet build src/MtaActors.Host -c Release -v quiet -nologo >/dev/null
fi

sink_timeout=600
direct_rate= postfix_rate= mta_rate=

if want direct; then
  start_sink direct
  t0=$(now)
  source_load "$port" "$sessions" "$messages" rcpt@sink.example
  secs=$(wait_sink direct "$messages" "$t0" "$sink_timeout")
  direct_rate=$(rate "$(sink_count direct)" "$secs")
  report "direct  smtp-source -s $sessions -l $size -m $messages -> smtp-sink: $(sink_count direct) delivered in $secs s = $direct_rate msg/s"
fi

if want postfix; then
  start_sink postfix; sink=$port
  start_postfix relay "relayhost = [127.0.0.1]:$sink"
  t0=$(now)
  source_load "$port" "$sessions" "$messages" rcpt@sink.example
  secs=$(wait_sink postfix "$messages" "$t0" "$sink_timeout")
  postfix_rate=$(rate "$(sink_count postfix)" "$secs")
  report "postfix smtp-source -> Postfix $(postconf -d -h mail_version) (relayhost) -> smtp-sink: $(sink_count postfix) delivered in $secs s = $postfix_rate msg/s"
  stop_postfix relay
fi

if want mta; then
  start_sink mta; sink=$port
  start_mta relay --relay-host "127.0.0.1:$sink"
  t0=$(now)
  source_load "$mta_smtp" "$sessions" "$messages" rcpt@sink.example
  secs=$(wait_sink mta "$messages" "$t0" "$sink_timeout")
  mta_rate=$(rate "$(sink_count mta)" "$secs")
  cpu=$(mta_cpu)
  report "mta     smtp-source -> mta run --journal sqlite --relay-host -> smtp-sink: $(sink_count mta) delivered in $secs s = $mta_rate msg/s ($cpu CPU-s in the daemon since its start: $(rate "$(sink_count mta)" "$cpu") msg per CPU-second)"
  stop_mta
fi

if [[ -n $mta_rate && -n $postfix_rate ]]; then
  report "mta / postfix delivered: $(ratio "$mta_rate" "$postfix_rate") (target >= 3)"
fi
if [[ -n $mta_rate && -n $direct_rate ]]; then
  report "mta / direct: $(ratio "$mta_rate" "$direct_rate") (target >= 0.5)"
fi

# Case 2: the healthy destination's throughput with the other one black-holed, against both healthy.
half_sessions=$((sessions / 2))
half=$((messages / 2))
loaders=()
split_load() { # PORT: both halves at once, in the background (their pids in loaders)
  source_load "$1" "$half_sessions" "$half" rcpt@healthy.example &
  loaders=($!)
  source_load "$1" "$half_sessions" "$half" rcpt@other.example &
  loaders+=($!)
  pids+=("${loaders[@]}")
}
stop_load() { for pid in "${loaders[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }

if want blackhole && [[ -x /usr/sbin/postfix ]]; then
  for variant in healthy blackhole; do
    start_sink "pf-$variant-a"; sink=$port
    if [[ $variant == healthy ]]; then start_sink "pf-$variant-b"; else start_blackhole; fi
    other=$port
    start_postfix "$variant" "transport_maps = inline:{ healthy.example=relay:[127.0.0.1]:$sink, other.example=relay:[127.0.0.1]:$other }"
    t0=$(now)
    split_load "$port"
    secs=$(wait_sink "pf-$variant-a" "$half" "$t0" "$sink_timeout")
    eval "pf_${variant}_rate=$(rate "$(sink_count "pf-$variant-a")" "$secs")"
    if [[ $variant == blackhole ]]; then
      # Postfix gives up on a destination that never greets after smtp_helo_timeout, then defers its mail.
      down=
      while [[ -z $down ]] && python3 -c "import sys,time; sys.exit(0 if time.time() - float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$t0" "$blackhole_wait"; do
        grep -q 'to=<rcpt@other.example>.*status=deferred' "$work/postfix-$variant/maillog" 2>/dev/null && down=$(since "$t0")
        sleep 0.5
      done
      pf_down=${down:-"not within $blackhole_wait"}
    fi
    stop_load
    stop_postfix "$variant"
  done
  report "postfix black hole: healthy destination $pf_blackhole_rate msg/s with, $pf_healthy_rate without; ratio $(ratio "$pf_blackhole_rate" "$pf_healthy_rate"); black hole deferred (marked down) after $pf_down s (smtp_helo_timeout $(postconf -d -h smtp_helo_timeout))"
fi

if want blackhole; then
  for variant in healthy blackhole; do
    start_sink "mta-$variant-a"; sink=$port
    if [[ $variant == healthy ]]; then start_sink "mta-$variant-b"; else start_blackhole; fi
    other=$port
    # The sample topology with one more SMTP link for other.example; the rest (healthy.example) goes to the relay host.
    jq --arg other "127.0.0.1:$other" '.links += [{ name: "smtp-other", kind: "smtp-gateway", secured: true,
        addressSpaces: [{ type: "smtp", pattern: "*@other.example", cost: 1 }], remote: { smtp: $other, connections: 10 } }]' \
      config/topology.json > "$work/topology-$variant.json"
    start_mta "$variant" --config "$work/topology-$variant.json" --relay-host "127.0.0.1:$sink"
    t0=$(now)
    split_load "$mta_smtp"
    down=
    while :; do
      n=$(sink_count "mta-$variant-a")
      if [[ $variant == blackhole && -z $down ]] && [[ $(curl -sf "$mta_url/api/queues" | jq -r '.[] | select(.name == "smtp-other") | .state') == down ]]; then
        down=$(since "$t0")
      fi
      [[ ${n:-0} -ge $half ]] && break
      python3 -c "import sys,time; sys.exit(0 if time.time() - float(sys.argv[1]) > float(sys.argv[2]) else 1)" "$t0" "$sink_timeout" && break
      sleep 0.05
    done
    secs=$(since "$t0")
    eval "mta_${variant}_rate=$(rate "$(sink_count "mta-$variant-a")" "$secs")"
    if [[ $variant == blackhole && -z $down ]]; then
      for _ in $(seq 1 60); do
        [[ $(curl -sf "$mta_url/api/queues" | jq -r '.[] | select(.name == "smtp-other") | .state') == down ]] && { down=$(since "$t0"); break; }
        sleep 0.5
      done
    fi
    [[ $variant == blackhole ]] && mta_down=${down:-"not within $(since "$t0")"}
    stop_load
    stop_mta
  done
  report "mta black hole: healthy destination $mta_blackhole_rate msg/s with, $mta_healthy_rate without; ratio $(ratio "$mta_blackhole_rate" "$mta_healthy_rate") (target >= 0.95); black hole link down after $mta_down s (target <= 5)"
fi

echo "results: $out/results.txt"
