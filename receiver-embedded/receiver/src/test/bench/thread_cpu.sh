#!/bin/bash
# Where each receiver's CPU goes per frame: ./hutch receiver and MAX IV's streaming-receiver side by side (set up as
# for ../shared/bench/side_by_side.sh), one case, ROUNDS interleaved runs of N frames each after a warm-up of N/5,
# the same C sender and data folder. Per run: end-to-end fps (../shared/bench/bench.py), then the CPU of every
# thread of the receiver's process over the run (/proc/<pid>/task/*/stat, grouped by thread name), in ms per frame,
# user + system, and in brackets the system (kernel) part; and how the busiest thread spent the run (/proc/.../schedstat):
# on a CPU, runnable but waiting for one (the machine's load), or asleep (nothing to do, or blocked).
# DATA=<folder> writes into that folder (e.g. DATA=/dev/shm/x for tmpfs); default a new folder under /tmp (ext4 here).
# PERF=<folder> also records `perf record -g` of each timed run into that folder (read with
# `perf report -i <file> --comms hutch-hdf5-writ --children --sort sym`). QUEUE=1 also samples Hutch's queue of frames
# waiting for the file writer (/metrics, every 0.1 s; its HTTP requests add to Hutch's CPU).
# Usage, from the project root after `mvn -o install -DskipTests`:
#   [DATA=..] [N=1000] [ROUNDS=2] [CASE=1024,1024:none] bash receiver-embedded/receiver/src/test/bench/thread_cpu.sh
B=$(cd "$(dirname "$0")/../../../../.." && pwd)/../shared/bench
[ -f "$B/lib.sh" ] || { echo "no side-by-side harness at $B"; exit 1; }
source "$B/lib.sh"
PEER=${HUTCH_PEERS:-$HOME/hutch-peers}/maxiv; N=${N:-1000}; ROUNDS=${ROUNDS:-2}; CASE=${CASE:-1024,1024:none}
IFS=: read -r SHAPE COMP <<<"$CASE"
D=$(mktemp -d); DATA=${DATA:-$D/data}; mkdir -p "$DATA"; PIDS=""
stop() { for p in $PIDS; do kill "$p" 2>/dev/null; done
  for p in $PIDS; do for _ in $(seq 25); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done; kill -9 "$p" 2>/dev/null; done; }
trap 'stop; rm -f "$DATA"/bench_*.h5; rm -rf "$D"' EXIT
threads() { # snap PID FILE | diff FILE0 FILE1 FRAMES
  $PY - "$@" <<'PYEOF'
import sys, os, json, time
if sys.argv[1] == 'snap':
    out = {}
    for t in os.listdir(f'/proc/{sys.argv[2]}/task'):
        try:
            s = open(f'/proc/{sys.argv[2]}/task/{t}/stat').read()
        except OSError:
            continue
        f = s[s.rindex(')') + 2:].split()
        try:
            run, wait = (int(x) for x in open(f'/proc/{sys.argv[2]}/task/{t}/schedstat').read().split()[:2])
        except (OSError, ValueError):
            run = wait = 0
        out[t] = (s[s.index('(') + 1:s.rindex(')')], int(f[11]), int(f[12]), run, wait)
    out['@'] = time.monotonic_ns()
    json.dump(out, open(sys.argv[3], 'w'))
else:
    a, b, n = json.load(open(sys.argv[2])), json.load(open(sys.argv[3])), int(sys.argv[4])
    wall = b.pop('@') - a.pop('@')
    ms = 1000 / os.sysconf('SC_CLK_TCK') / n
    g = {}
    top = max(b, key=lambda t: b[t][1] + b[t][2] - (a[t][1] + a[t][2] if t in a else 0))
    run, wait = (b[top][i] - (a[top][i] if top in a else 0) for i in (3, 4))
    for t, (name, u, s, _, _) in b.items():
        u0, s0 = a[t][1:3] if t in a else (0, 0)
        k = name.rstrip('0123456789-#/').rstrip('-')
        gu, gs = g.get(k, (0, 0)); g[k] = (gu + u - u0, gs + s - s0)
    tot = sum(u + s for u, s in g.values()) * ms
    print(f'    CPU {tot:.2f} ms/frame: ' + ', '.join(f'{k} {(u + s) * ms:.2f} ({s * ms:.2f})'
          for k, (u, s) in sorted(g.items(), key=lambda x: -sum(x[1])) if (u + s) * ms >= 0.05))
    print(f'    busiest thread, {b[top][0]}: on a CPU {run / wall:.0%} of the run, runnable but waiting for a CPU '
          f'{wait / wall:.0%}, asleep {1 - (run + wait) / wall:.0%} (the run includes the second the sender waits for its peer)')
PYEOF
}
BLAST=$(bash "$B/build_stins_blast.sh" 2>"$D/build.err") || { echo "cannot build the C sender: $(tail -1 "$D/build.err")"; exit 1; }
HS=$(free_port); HA=$(free_port); MS=$(free_port); MA=$(free_port); MD=$(free_port)
printf 'bench:\n  class: Detector\n  dcu_host_purple: 127.0.0.1\n  dcu_port_purple: %s\n  api_port: %s\n  data_port: %s\n  dset_name: /entry/instrument/test/data\n' \
  "$MS" "$MA" "$MD" >"$D/peer.yaml"
./hutch receiver --stins tcp://127.0.0.1:$HS --api-port $HA --data-dir "$DATA" --dset /entry/instrument/test/data >"$D/hutch.log" 2>&1 &
HP=$!; PIDS="$HP"
PEER_DIR="$PEER" $PY "$B/run_maxiv_receiver.py" "$D/peer.yaml" bench >"$D/maxiv.log" 2>&1 &
MP=$!; PIDS="$PIDS $MP"
wait_http "http://127.0.0.1:$HA/status" 90 || fail "hutch receiver did not come up: $(tail -1 "$D/hutch.log")"
wait_http "http://127.0.0.1:$MA/status" 60 || fail "MAX IV receiver did not come up: $(tail -1 "$D/maxiv.log")"
run() { # who frames [timed]
  local pid api sp prf=""
  if [ "$1" = hutch ]; then pid=$HP; api=$HA; sp=$HS; else pid=$MP; api=$MA; sp=$MS; fi
  sync; sleep 1
  threads snap "$pid" "$D/t0"
  if [ -n "$PERF" ] && [ -n "$3" ]; then
    mkdir -p "$PERF"; perf record -g -p "$pid" -o "$PERF/$1.$(date +%H%M%S).data" >/dev/null 2>&1 & prf=$!
  fi
  local qs=""
  if [ -n "$QUEUE" ] && [ "$1" = hutch ] && [ -n "$3" ]; then  # frames waiting for the file writer, every 0.1 s
    ( while :; do curl -sf "http://127.0.0.1:$api/metrics" | awk '$1 == "hutch_receiver_queue_frames" {print $2}'; sleep 0.1; done ) \
      >"$D/queue.txt" 2>/dev/null & qs=$!
  fi
  $PY "$B/bench.py" --api "http://127.0.0.1:$api" --pid "$pid" --bind "tcp://127.0.0.1:$sp" --n "$2" --shape "$SHAPE" \
    --compression "$COMP" --file "$DATA/bench_$1.h5" --dset /entry/instrument/test/data --timeout 240 --generator c \
    --blast "$BLAST" --label "$1" >"$D/r.json" 2>>"$D/bench.err" || fail "bench.py failed: $(tail -1 "$D/bench.err")"
  threads snap "$pid" "$D/t1"
  [ -z "$prf" ] || { kill -INT "$prf"; wait "$prf"; }
  [ -z "$qs" ] || { kill "$qs"; wait "$qs" 2>/dev/null; }
  [ -n "$3" ] || return 0
  $PY -c 'import json,sys; r=json.load(open(sys.argv[1])); print("  %-5s %s fps, %s of %s frames in the file, sequence ok %s, peak RSS %s MB, load %.1f"
    % (r["label"], r.get("e2e_fps"), r.get("file_frames"), r["n"], r.get("file_seq_ok"), r["max_rss_MB"], r["load1_before"]))' "$D/r.json"
  threads diff "$D/t0" "$D/t1" "$2"
  [ -z "$qs" ] || $PY -c 'import sys; q=[float(x) for x in open(sys.argv[1]) if x.strip()]; q=q[1:-1] or [0]
print("    frames waiting for the writer: mean %.1f, max %.0f (%d samples; the queue holds up to 128 MiB)" % (sum(q)/len(q), max(q), len(q)))' "$D/queue.txt"
}
for who in hutch maxiv; do run $who $((N / 5)); done
echo "$N frames $SHAPE $COMP into $DATA ($(df --output=fstype "$DATA" | tail -1)); per thread: ms/frame (system part)"
for r in $(seq "$ROUNDS"); do for who in hutch maxiv; do run $who "$N" timed; done; done
