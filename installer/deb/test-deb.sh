#!/bin/sh
# Installs the .deb, runs the installed copy (version, receiver help, a short simulated acquisition
# whose file is read back), then purges the package and checks that none of its files, the PATH link
# or the desktop entry is left. Needs root (dpkg). Usage: test-deb.sh installer/target/jpackage/hutch_*.deb
set -eu
deb=$(readlink -f "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "test-deb: FAIL: $*" >&2; exit 1; }

export DEBIAN_FRONTEND=noninteractive
# dpkg -i does not fetch dependencies (GTK, X libraries): let apt complete them, then check it is installed
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || apt-get install -y -qq -f --no-install-recommends >>"$work/dpkg.log" 2>&1 \
    || { cat "$work/dpkg.log" >&2; fail "dpkg -i $deb"; }
dpkg -s hutch | grep -q '^Status: install ok installed' || fail "hutch not installed"
dpkg -L hutch >"$work/files"

[ "$(command -v hutch)" = /usr/bin/hutch ] || fail "hutch is not on the PATH"
[ "$(readlink -f /usr/bin/hutch)" = /opt/hutch/bin/hutch ] || fail "/usr/bin/hutch does not point into /opt/hutch"
desktop=/usr/share/applications/hutch.desktop
icon=/usr/share/icons/hicolor/128x128/apps/hutch.png
grep -q '^Exec=/opt/hutch/bin/hutch$' "$desktop" || fail "no desktop entry starting /opt/hutch/bin/hutch"
icon_of_entry=$(sed -n 's/^Icon=//p' "$desktop")
[ -f "$icon_of_entry" ] && [ -f "$icon" ] || fail "the desktop entry's icon is missing"
[ -x /opt/hutch/lib/runtime/bin/java ] || fail "no bundled runtime"

# run as a user with a home of its own, as a desktop user would (the natives unpack there)
export HOME="$work/home"
mkdir -p "$HOME"
version=$(hutch --version) || fail "hutch --version"
echo "test-deb: $version"
case "$version" in "hutch "[0-9]*) ;; *) fail "unexpected version '$version'";; esac
hutch receiver --help | grep -q -- '--config' || fail "hutch receiver --help"
hutch acquire --detector simulator:shape=64,64 --data-dir "$work/data" --frames 5 --exposure 0.01 \
    --filename deb-check 2>"$work/acquire.log" || { cat "$work/acquire.log" >&2; fail "hutch acquire"; }
h5=$(find "$work/data" -name '*.h5' | head -n 1)
[ -n "$h5" ] || fail "acquire wrote no HDF5 file"
if /usr/bin/python3 -c 'import h5py, hdf5plugin' 2>/dev/null; then
    n=$(/usr/bin/python3 -c 'import sys, h5py, hdf5plugin; print(h5py.File(sys.argv[1], "r")["/entry/instrument/detector/data"].shape[0])' "$h5")
    [ "$n" = 5 ] || fail "$h5 holds $n frames, expected 5"
    echo "test-deb: $h5 holds 5 frames (read with h5py)"
else
    echo "test-deb: $h5 written (h5py not installed: frames not counted)"
fi

# the window itself, where an X server can be made: lab mode acquires three frames on its own
if command -v xvfb-run >/dev/null; then
    xvfb-run -a sh -c 'echo $$ >"$1/gui.pid"; exec hutch app --data-dir "$1/gui" --auto-acquire 3' sh "$work" \
        >"$work/gui.log" 2>&1 &
    i=0
    until grep -qs 'closed .*(3 frames)' "$work/gui.log"; do
        i=$((i + 1))
        [ $i -lt 360 ] || { cat "$work/gui.log" >&2; kill "$(cat "$work/gui.pid")" 2>/dev/null; fail "the installed app's window acquired nothing"; }
        sleep 0.5
    done
    kill "$(cat "$work/gui.pid")"
    wait || true
    echo "test-deb: the installed app's window (Xvfb) acquired 3 frames in lab mode: $(ls "$work/gui")"
else
    echo "test-deb: xvfb-run not installed: the window is not started"
fi

dpkg --purge hutch >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg --purge hutch"; }
left=$(while read -r f; do [ "$f" = /. ] || [ ! -e "$f" ] || [ -d "$f" -a "$f" != /opt/hutch ] || echo "$f"; done <"$work/files")
[ -z "$left" ] || fail "left after purge: $left"
for f in /opt/hutch /usr/bin/hutch "$desktop" "$icon"; do [ ! -e "$f" ] && [ ! -L "$f" ] || fail "$f left after purge"; done
echo "test-deb: installed, ran and purged cleanly ($(du -h "$deb" | cut -f1) package)"
