#!/bin/sh
# Builds Hutch's desktop package from app/target/hutch-app.jar and its lib/, copied to INPUT_DIR by
# mvn -Pinstaller package, which runs this:
#   1. jlink: a runtime of only the JDK modules the app uses (no JDK needed on the target);
#   2. jpackage: an app image (launcher bin/hutch + that runtime + the jars on the class path);
#   3. jpackage: a .deb of that image (/opt/hutch, hutch on the PATH, desktop entry, icon).
# JavaFX is not linked into the runtime: its Maven jars carry their native libraries and stay on
# the class path, as with ./hutch, so the runtime needs only java.desktop and jdk.unsupported.
# Needs the JDK's jmods (Debian: in openjdk-17-jdk-headless), and for the .deb dpkg-deb and fakeroot.
# Usage: build.sh INPUT_DIR OUT_DIR VERSION
set -eu
input=$1 out=$2 version=$3
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}

# jdeps --print-module-deps over the app and its jars, plus what it cannot see: java.desktop and
# jdk.unsupported (JavaFX, loaded from the class path), jdk.crypto.ec (TLS to a receiver behind an
# ingress), jdk.zipfs (zip file systems), java.logging, java.management and java.xml.
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,\
java.net.http,java.rmi,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.jfr,jdk.management,\
jdk.unsupported,jdk.unsupported.desktop,jdk.zipfs

rm -rf "$out/runtime" "$out/image" "$out"/*.deb
mkdir -p "$out"
[ -d "$jdk/jmods" ] || { echo "build.sh: no $jdk/jmods (Debian: apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
"$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$modules" \
    --strip-debug --no-header-files --no-man-pages --compress=2 --output "$out/runtime"

"$jdk/bin/jpackage" --type app-image --dest "$out/image" \
    --name hutch --app-version "$version" --vendor "Hutch" \
    --description "Live view and control for X-ray area detectors" \
    --input "$input" --main-jar hutch-app.jar --main-class org.hutch.app.Main \
    --runtime-image "$out/runtime" --icon "$here/hutch.png" \
    --java-options '-Xmx4g'

if [ "${HUTCH_NO_DEB:-}" = 1 ]; then
    exit 0
fi
command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null || {
    echo "build.sh: the .deb needs dpkg-deb and fakeroot (Debian: apt-get install dpkg-dev fakeroot)" >&2; exit 1; }
# The jars and the jlinked modules are compressed already: gzip makes a .deb nearly as small as
# dpkg-deb's default xz, many times faster (dpkg-deb reads these variables since 1.21.10).
DPKG_DEB_COMPRESSOR_TYPE=gzip DPKG_DEB_COMPRESSOR_LEVEL=6 \
"$jdk/bin/jpackage" --type deb --dest "$out" \
    --app-image "$out/image/hutch" --name hutch --app-version "$version" --vendor "Hutch" \
    --description "Live view and control for X-ray area detectors" \
    --install-dir /opt --resource-dir "$here" --icon "$here/hutch.png" \
    --linux-package-name hutch --linux-deb-maintainer "hutch@localhost" \
    --linux-menu-group "Science" --linux-app-category science --linux-shortcut \
    --linux-package-deps libgtk-3-0
ls -l "$out"/*.deb
