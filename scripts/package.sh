#!/usr/bin/env bash
# Builds the release artefacts of RadiusDisconnectProxy:
#   dist/radius-disconnect-proxy-<version>-linux-x64/   self-contained single-file binary, dictionaries beside it
#   dist/radius-disconnect-proxy_<version>_amd64.deb     Debian package (built with dpkg-deb)
# Neither needs a .NET runtime on the server. The last line printed is the path of the .deb.
#
# Usage: scripts/package.sh [--out DIR] [--no-publish] [--fast]
#   --out DIR      write to DIR instead of dist/
#   --no-publish   reuse the single-file binary already in DIR (only rebuild the .deb)
#   --fast         gzip -1 instead of xz -6 (same contents, a larger file: ~45 s less CPU; the package test uses it)
#
# Package layout (docs/operations.md, "Install from the package"):
#   /usr/lib/radius-disconnect-proxy/radius-disconnect-proxy   the binary; /usr/bin/radius-disconnect-proxy links to it
#   /usr/lib/radius-disconnect-proxy/dictionaries               → /usr/share/radius-disconnect-proxy/dictionaries
#     (the binary resolves its own symlink and loads the dictionaries next to its real path)
#   /etc/radius-disconnect-proxy/radius.conf                    conffile, root:radproxy 0640 (set by postinst)
#   /lib/systemd/system/radius-disconnect-proxy.service         Type=notify, ExecReload=HUP, User=radproxy
#   /usr/share/man/man8/radius-disconnect-proxy.8.gz
set -euo pipefail
cd "$(dirname "$0")/.."

out=dist
publish=yes
compression=(-Zxz -z6 --threads-max="$(nproc)")
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out=$2; shift 2 ;;
        --no-publish) publish=no; shift ;;
        --fast) compression=(-Zgzip -z1); shift ;;
        *) echo "usage: scripts/package.sh [--out DIR] [--no-publish] [--fast]" >&2; exit 2 ;;
    esac
done

for tool in dotnet dpkg-deb gzip; do
    command -v "$tool" >/dev/null || { echo "package.sh: $tool is required (dpkg-deb: Debian package dpkg)" >&2; exit 1; }
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
name=radius-disconnect-proxy
project=src/RadiusDisconnectProxy
packaging=$project/packaging
version=$(dotnet msbuild "$project" -getProperty:Version)
mkdir -p "$out"
out=$(cd "$out" && pwd)
bindir=$out/$name-$version-linux-x64

# Scratch directories: the package tree, and the publish's own bin/obj (below).
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

if [ "$publish" = yes ]; then
    rm -rf "$bindir"
    echo "package.sh: publishing $name $version (linux-x64, self-contained, single file)" >&2
    # --artifacts-path: every project's intermediate and build output go to the scratch directory, never to the
    # src/*/bin and obj folders. Built there with DebugType=none, the libraries would otherwise lose their .pdb files
    # under a test build that is copying them at that moment (the suite runs this script while it builds).
    dotnet publish "$project" -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -p:DebugType=none \
        --artifacts-path "$stage/build" -o "$bindir" >&2
fi
[ -x "$bindir/$name" ] || { echo "package.sh: $bindir/$name missing (run without --no-publish)" >&2; exit 1; }

# The Debian package tree, built in a scratch directory and owned by root in the archive (--root-owner-group).
root=$stage/root
install -d "$root/DEBIAN" "$root/usr/bin" "$root/usr/lib/$name" "$root/usr/share/$name" \
    "$root/usr/share/doc/$name" "$root/usr/share/man/man8" "$root/lib/systemd/system" "$root/etc/$name"
install -m 0755 "$bindir/$name" "$root/usr/lib/$name/$name"
ln -s "../lib/$name/$name" "$root/usr/bin/$name"
cp -r dictionaries "$root/usr/share/$name/dictionaries"
find "$root/usr/share/$name" -type d -exec chmod 0755 {} + && find "$root/usr/share/$name" -type f -exec chmod 0644 {} +
ln -s "../../share/$name/dictionaries" "$root/usr/lib/$name/dictionaries"
install -m 0640 radius.conf.example "$root/etc/$name/radius.conf"
install -m 0644 "$packaging/$name.service" "$root/lib/systemd/system/$name.service"
gzip -9n < "$packaging/$name.8" > "$root/usr/share/man/man8/$name.8.gz"
chmod 0644 "$root/usr/share/man/man8/$name.8.gz"
install -m 0644 README.md radius.conf.example "$root/usr/share/doc/$name/"
install -m 0644 "$packaging/copyright" "$root/usr/share/doc/$name/copyright"
install -m 0755 "$packaging/debian/postinst" "$packaging/debian/prerm" "$packaging/debian/postrm" "$root/DEBIAN/"
echo "/etc/$name/radius.conf" > "$root/DEBIAN/conffiles"
installed_size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$installed_size/" "$packaging/debian/control" > "$root/DEBIAN/control"

deb=$out/${name}_${version}_amd64.deb
echo "package.sh: building $deb" >&2
dpkg-deb --root-owner-group "${compression[@]}" --build "$root" "$deb" >&2
ls -l "$deb" >&2
echo "$deb"
