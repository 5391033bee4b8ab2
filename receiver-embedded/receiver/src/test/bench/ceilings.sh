#!/bin/bash
# The ceilings under the receiver's 2 MB raw case, on this machine, now: run from the project root after
# `mvn -o install -DskipTests`, beside ../shared/bench/side_by_side.sh (same minutes, same load).
#   loopback: a JVM pushing 2 MB messages into a JVM sink (plain jeromq); the C sender of ../shared/bench into
#             a bare jeromq sink (byte[] parts) and into one with the receiver's pooled native parts; the C
#             sender into its C null sink
#   disk:     the receiver's chunk writes alone (ChunkWriteCost) into the data folder and into tmpfs (/dev/shm), and
#             dd bs=2M buffered, with fdatasync, direct; then the page cache's share: dd bs=2M at the receiver's
#             chunk addresses into a new file (every page new) and again over the same file (conv=notrunc: the
#             same pages, already in the page cache)
# Usage: bash receiver-embedded/receiver/src/test/bench/ceilings.sh [frames] [data folder]
set -e
N=${1:-1000}; DIR=${2:-/tmp}
B=$(cd "$(dirname "$0")/../../../../.." && pwd)/../shared/bench; PY=/usr/bin/python3
[ -f "$B/build_stins_blast.sh" ] || { echo "no C sender harness at $B"; exit 1; }
fp() { $PY -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }
CP="receiver-embedded/receiver/target/test-classes:receiver-embedded/receiver/target/classes:app/target/lib/*"
J="java -Xmx384m -XX:MaxDirectMemorySize=384m -cp $CP"
BLAST=$(bash "$B/build_stins_blast.sh")
POOL=$($PY "$B/stins_gen.py" --dump-pool "${HUTCH_PEERS:-$HOME/hutch-peers}/cache/stins_pools/1024x1024_uint16_none_p8_s1" \
  --shape 1024,1024 --compression none)
echo "load $(cut -d' ' -f1-3 /proc/loadavg); $N messages of 2 MB"
p=$(fp); $J org.hutch.receiver.LoopbackProbe sink "tcp://127.0.0.1:$p" 2>/dev/null & S=$!
$J org.hutch.receiver.LoopbackProbe push "tcp://127.0.0.1:$p" "$N" 2097152 >/dev/null 2>&1; wait $S
for mode in "" pooled; do
  p=$(fp); $J org.hutch.receiver.LoopbackProbe sink "tcp://127.0.0.1:$p" $mode 2>/dev/null & S=$!
  "$BLAST" --bind "tcp://127.0.0.1:$p" --n "$N" --shape 1024,1024 --compression none --wait-peer 2 --pool-dir "$POOL" >/dev/null
  wait $S
done
p=$(fp); "$BLAST" --sink --connect "tcp://127.0.0.1:$p" --timeout 60 & S=$!
"$BLAST" --bind "tcp://127.0.0.1:$p" --n "$N" --shape 1024,1024 --compression none --wait-peer 0.5 --pool-dir "$POOL" >/dev/null
wait $S; echo
for d in "$DIR" /dev/shm; do
  echo "into $d ($(df --output=fstype "$d" | tail -1)): $($J org.hutch.receiver.ChunkWriteCost "$N" 1024 1024 "$d" 2>/dev/null | grep frames)"
done
D=$(mktemp -d "$DIR/ceil.XXXX")
for f in "" conv=fdatasync oflag=direct; do
  /usr/bin/time -f "dd bs=2M count=$N $f: %e s wall, %S s system" dd if=/dev/zero of="$D/dd.bin" bs=2M count="$N" $f 2>&1 | tail -1
  rm -f "$D/dd.bin"
done
sync
# at the receiver's chunk addresses (13456 + i * 2 MiB for a 1024x1024 uint16 series)
for f in "" conv=notrunc; do
  /usr/bin/time -f "dd bs=2M count=$N at 13456 + i * 2M ${f:-(new pages)}${f:+ (pages already cached)}: %e s wall, %S s system" \
    dd if=/dev/zero of="$D/dd.bin" bs=2M count="$N" oflag=seek_bytes seek=13456 $f 2>&1 | tail -1
done
rm -f "$D/dd.bin"
rmdir "$D"
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
