#!/bin/sh
# Proves the receiver image without a container runtime (podman run cannot set rlimits on the build
# machines): unpacks the OCI image with umoci, runs its entrypoint in a chroot of that root file
# system as the image's user with a detectors.yaml and a token file where the manifests mount them,
# streams a short series into it from hutch simulate on the host, reads the HDF5 file back, and
# checks that the entrypoint refuses 0.0.0.0 without a token and that POST needs the token.
# Needs root (chroot), umoci, python3 (h5py + hdf5plugin to count the frames), and the app built
# (mvn -DskipTests package). Usage: prove-image.sh [OCI_IMAGE]  (default installer/target/oci/image:hutch-receiver)
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
image=${1:-$root/installer/target/oci/image:hutch-receiver}
work=$(mktemp -d)
receiver=
proc=
cleanup() {
    [ -z "$receiver" ] || kill "$receiver" 2>/dev/null || true
    if [ -n "$proc" ] && ! umount "$proc"; then
        echo "prove-image: $proc still mounted; $work left in place" >&2
        return
    fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "prove-image: FAIL: $*" >&2; [ ! -f "$work/receiver.log" ] || tail -n 30 "$work/receiver.log" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

umoci unpack --image "$image" "$work/bundle" >/dev/null
rootfs=$work/bundle/rootfs
user=$(python3 -c 'import json,sys; u=json.load(open(sys.argv[1]))["process"]["user"]; print("%d:%d" % (u["uid"], u["gid"]))' "$work/bundle/config.json")
entry=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["process"]["args"][0])' "$work/bundle/config.json")
[ "${user%%:*}" != 0 ] || fail "the image runs as root"
[ ! -e "$rootfs/usr/share/java/openjfx" ] && ! ls "$rootfs/opt/hutch/lib" | grep -q '^javafx-' || fail "JavaFX in the image"
echo "prove-image: image user $user, entrypoint $entry"
# a container runtime mounts /proc; the JDK's launcher finds its libraries through /proc/self/exe
mount -t proc proc "$rootfs/proc" || fail "cannot mount /proc in the chroot"
proc=$rootfs/proc

api=$(free_port) stream=$(free_port) data=$(free_port)
# what the Deployment mounts: the ConfigMap's detectors.yaml and the Secret's token
cat >"$rootfs/etc/hutch/detectors.yaml" <<YAML
proof:
  class: Detector
  dcu_host_purple: 127.0.0.1
  dcu_port_purple: $stream
  nworkers: 1
  api_port: $api
  data_port: $data
YAML
# (/var/run is a link to /run, absolute: resolve it inside the root file system, not on the host)
mkdir -p "$rootfs/run/secrets/hutch"
echo "proof-token" >"$rootfs/run/secrets/hutch/token"
path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# without a token the entrypoint's 0.0.0.0 is refused
if chroot --userspec="$user" "$rootfs" /usr/bin/env -i PATH=$path HOME=/tmp HUTCH_DETECTOR=proof \
        "$entry" >"$work/refused.log" 2>&1; then fail "the receiver bound 0.0.0.0 without a token"; fi
grep -q "without a token" "$work/refused.log" || { cat "$work/refused.log" >&2; fail "no clear refusal without a token"; }
echo "prove-image: without a token: $(grep -o 'refusing[^:]*' "$work/refused.log" | head -n 1)"

# chroot execs env, env the entrypoint, the entrypoint java: $! is the receiver itself
chroot --userspec="$user" "$rootfs" /usr/bin/env -i PATH=$path HOME=/tmp HUTCH_DETECTOR=proof HUTCH_HEAP_PERCENT=25 \
    HUTCH_RECEIVER_TOKEN_FILE=/var/run/secrets/hutch/token "$entry" >"$work/receiver.log" 2>&1 &
receiver=$!
i=0
until grep -q '^listening' "$work/receiver.log"; do
    i=$((i + 1)); [ $i -lt 240 ] && kill -0 "$receiver" 2>/dev/null || fail "receiver did not start"; sleep 0.5
done
echo "prove-image: $(grep '^listening' "$work/receiver.log")"

HUTCH_NO_BUILD=1 "$root/hutch" simulate --bind "tcp://127.0.0.1:$stream" --frames 5 --rate 20 --shape 64,64 \
    --filename proof.h5 >"$work/simulate.log" 2>&1 || { cat "$work/simulate.log" >&2; fail "hutch simulate"; }
python3 - "$api" <<'PY' || fail "the receiver did not write the series"
import json, sys, time, urllib.request, urllib.error
base = "http://127.0.0.1:%s" % sys.argv[1]
for _ in range(120):
    st = json.load(urllib.request.urlopen(base + "/api/v1/status", timeout=5))
    if st.get("state") == "idle" and (st.get("series") or {}).get("written") == 5:
        break
    time.sleep(0.5)
print("prove-image: status " + json.dumps(st)[:200])
assert (st.get("series") or {}).get("written") == 5, "not 5 frames written"
try:
    urllib.request.urlopen(urllib.request.Request(base + "/downsample?value=2", method="POST", data=b""), timeout=5)
    sys.exit("POST without the token was accepted")
except urllib.error.HTTPError as e:
    assert e.code == 401, e.code
    print("prove-image: POST without the token: HTTP 401")
PY
kill -TERM "$receiver"; wait "$receiver" || true; receiver=

h5=$rootfs/data/proof.h5
[ -f "$h5" ] || { ls -la "$rootfs/data" >&2; fail "no $h5"; }
[ "$(stat -c %u "$h5")" = "${user%%:*}" ] || fail "$h5 not owned by the image's user"
n=$(/usr/bin/python3 -c 'import sys, h5py, hdf5plugin; print(h5py.File(sys.argv[1], "r")["/entry/instrument/detector/data"].shape[0])' "$h5") \
    || fail "h5py cannot read $h5"
[ "$n" = 5 ] || fail "$h5 holds $n frames, expected 5"
echo "prove-image: /data/proof.h5 written by uid ${user%%:*} in the chroot, 5 frames read back with h5py"
