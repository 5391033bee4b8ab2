#!/bin/sh
# Builds the receiver's OCI image from package registries only, without a container runtime:
#   mmdebstrap: Debian bookworm minbase + openjdk-17-jre-headless, user hutch (10001), /data, /etc/hutch;
#   the app's jars without JavaFX (app/target, from mvn package) and the entrypoint hutch-receiver;
#   umoci: an OCI image layout holding that root file system, with user, entrypoint, volume and ports.
# Needs root, network to deb.debian.org, and Debian's mmdebstrap and umoci.
# Usage: build-image.sh [OUT_DIR]  (default installer/target/oci); the image is OUT_DIR/image:hutch-receiver
# Load it elsewhere with: skopeo copy oci:OUT_DIR/image:hutch-receiver docker://registry/hutch-receiver:TAG
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/installer/target/oci}
suite=${HUTCH_DEBIAN_SUITE:-bookworm}
for tool in mmdebstrap umoci; do
    command -v $tool >/dev/null || { echo "build-image: needs $tool (Debian: apt-get install mmdebstrap umoci)" >&2; exit 1; }
done
[ -f "$root/app/target/hutch-app.jar" ] && [ -d "$root/app/target/lib" ] || {
    echo "build-image: build the app first: mvn -B -DskipTests package" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out/jars"
# the receiver's class path: everything the app uses except JavaFX and the JavaFX-only libraries
cp "$root/app/target/hutch-app.jar" "$out/jars/"
ls "$root/app/target/lib" | grep -v -E '^(javafx|controlsfx|chartfx|ikonli)-' | sed "s|^|$root/app/target/lib/|" \
    | xargs cp -t "$out/jars/"

mkdir -p "$out/bundle"
mmdebstrap --variant=minbase --include=openjdk-17-jre-headless \
    --dpkgopt=path-exclude=/usr/share/doc/* \
    --dpkgopt=path-exclude=/usr/share/locale/* \
    --customize-hook='echo "hutch:x:10001:10001:Hutch receiver:/tmp:/usr/sbin/nologin" >>"$1/etc/passwd"' \
    --customize-hook='echo "hutch:x:10001:" >>"$1/etc/group"' \
    --customize-hook='mkdir -p "$1/data" "$1/etc/hutch" "$1/opt/hutch/lib" "$1/opt/hutch/bin" && chown 10001:10001 "$1/data"' \
    --customize-hook="sync-in '$out/jars' /opt/hutch/lib" \
    --customize-hook="copy-in '$here/hutch-receiver' /opt/hutch/bin" \
    --customize-hook='rm -rf "$1/var/cache/apt"/*.bin "$1/var/lib/apt/lists"/*' \
    "$suite" "$out/rootfs.tar"

umoci init --layout "$out/image"
umoci new --image "$out/image:hutch-receiver"
umoci unpack --image "$out/image:hutch-receiver" "$out/bundle/unpacked"
tar -C "$out/bundle/unpacked/rootfs" -xf "$out/rootfs.tar"
umoci repack --image "$out/image:hutch-receiver" "$out/bundle/unpacked"
umoci config --image "$out/image:hutch-receiver" \
    --config.user 10001:10001 --config.workingdir /data \
    --config.entrypoint /opt/hutch/bin/hutch-receiver \
    --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --config.env HOME=/tmp \
    --config.volume /data --config.exposedports 5000/tcp --config.exposedports 5001/tcp \
    --config.label org.opencontainers.image.title=hutch-receiver \
    --config.label "org.opencontainers.image.version=$(unzip -p "$root/app/target/hutch-app.jar" META-INF/MANIFEST.MF 2>/dev/null | sed -n 's/^Implementation-Version: *//p' | tr -d '\r')"
umoci gc --layout "$out/image"
rm -rf "$out/bundle" "$out/rootfs.tar" "$out/jars"
echo "build-image: $out/image:hutch-receiver ($(du -sh "$out/image" | cut -f1))"
