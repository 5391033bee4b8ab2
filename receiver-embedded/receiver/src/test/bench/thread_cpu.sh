#!/bin/bash
# Where each receiver's CPU goes per frame: ./hutch receiver and MAX IV's streaming-receiver side by side (set up as
# for ../shared/bench/side_by_side.sh), one case, ROUNDS interleaved runs of N frames each after a warm-up of N/5,
# the same C sender and data folder. Per run: end-to-end fps (../shared/bench/bench.py), then the CPU of every
# thread of the receiver's process over the run (/proc/<pid>/task/*/stat, grouped by thread name), in ms per frame,
# user + system, and in brackets the system (kernel) part.
# DATA=<folder> writes into that folder (e.g. DATA=/dev/shm/x for tmpfs); default a new folder under /tmp (ext4 here).
# PERF=<folder> also records `perf record -g` of each timed run into that folder (read with
# `perf report -i <file> --comms hutch-hdf5-writ --children --sort sym`).
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
import sys, os, json
if sys.argv[1] == 'snap':
    out = {}
    for t in os.listdir(f'/proc/{sys.argv[2]}/task'):
        try:
            s = open(f'/proc/{sys.argv[2]}/task/{t}/stat').read()
        except OSError:
            continue
        f = s[s.rindex(')') + 2:].split()
        out[t] = (s[s.index('(') + 1:s.rindex(')')], int(f[11]), int(f[12]))
    json.dump(out, open(sys.argv[3], 'w'))
else:
    a, b, n = json.load(open(sys.argv[2])), json.load(open(sys.argv[3])), int(sys.argv[4])
    ms = 1000 / os.sysconf('SC_CLK_TCK') / n
    g = {}
    for t, (name, u, s) in b.items():
        u0, s0 = a[t][1:] if t in a else (0, 0)
        k = name.rstrip('0123456789-#/').rstrip('-')
        gu, gs = g.get(k, (0, 0)); g[k] = (gu + u - u0, gs + s - s0)
    tot = sum(u + s for u, s in g.values()) * ms
    print(f'    CPU {tot:.2f} ms/frame: ' + ', '.join(f'{k} {(u + s) * ms:.2f} ({s * ms:.2f})'
          for k, (u, s) in sorted(g.items(), key=lambda x: -sum(x[1])) if (u + s) * ms >= 0.05))
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
  $PY "$B/bench.py" --api "http://127.0.0.1:$api" --pid "$pid" --bind "tcp://127.0.0.1:$sp" --n "$2" --shape "$SHAPE" \
    --compression "$COMP" --file "$DATA/bench_$1.h5" --dset /entry/instrument/test/data --timeout 240 --generator c \
    --blast "$BLAST" --label "$1" >"$D/r.json" 2>>"$D/bench.err" || fail "bench.py failed: $(tail -1 "$D/bench.err")"
  threads snap "$pid" "$D/t1"
  [ -z "$prf" ] || { kill -INT "$prf"; wait "$prf"; }
  [ -n "$3" ] || return 0
  $PY -c 'import json,sys; r=json.load(open(sys.argv[1])); print("  %-5s %s fps, %s of %s frames in the file, sequence ok %s, peak RSS %s MB, load %.1f"
    % (r["label"], r.get("e2e_fps"), r.get("file_frames"), r["n"], r.get("file_seq_ok"), r["max_rss_MB"], r["load1_before"]))' "$D/r.json"
  threads diff "$D/t0" "$D/t1" "$2"
}
for who in hutch maxiv; do run $who $((N / 5)); done
echo "$N frames $SHAPE $COMP into $DATA ($(df --output=fstype "$DATA" | tail -1)); per thread: ms/frame (system part)"
for r in $(seq "$ROUNDS"); do for who in hutch maxiv; do run $who "$N" timed; done; done
