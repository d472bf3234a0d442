#!/usr/bin/env bash
# Builds the Debian package, checks it, installs it, runs the installed
# programs, then removes it and checks nothing of it is left. Fails on the
# first problem; lintian's warnings are listed, its errors fail. Needs root or
# sudo (apt-get install). Run by .ci/run after the tests.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
fi
fail() {
    echo "test-package: FAIL: $*" >&2
    exit 1
}
step() { echo "== $*"; }

step "build the package"
deb=$(bash installer/build-deb.sh | tail -n 1)
[ -f "$deb" ] || fail "no package built"
version=$(sed -n 's/^ *VERSION \([0-9.]*\)$/\1/p' CMakeLists.txt | head -n 1)
[ -n "$version" ] || fail "cannot read the version from CMakeLists.txt"
[ "$(basename "$deb")" = "egress-auditor_${version}_amd64.deb" ] \
    || fail "package file name: $(basename "$deb")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step "control fields"
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = egress-auditor ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version: $(field Version)"
[ "$(field Architecture)" = amd64 ] || fail "Architecture: $(field Architecture)"
# Runtime dependencies come from dpkg-shlibdeps: the Qt and SQLite libraries.
for lib in libqt6core6 libqt6widgets6 libqt6charts6 libqt6svg6 libsqlite3-0 libc6; do
    field Depends | grep -q "\b$lib\b" || fail "Depends lacks $lib: $(field Depends)"
done
field Recommends | grep -q '\bfonts-noto-cjk\b' || fail "Recommends: $(field Recommends)"
dpkg-deb --info "$deb"

step "file list"
dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's|^\./|/|' > "$work/contents"
for path in /usr/bin/egress-auditor /usr/bin/egress-auditor-cli \
    /usr/share/applications/org.egressauditor.EgressAuditor.desktop \
    /usr/share/metainfo/org.egressauditor.EgressAuditor.metainfo.xml \
    /usr/share/mime/packages/egress-auditor.xml \
    /usr/share/icons/hicolor/scalable/apps/egress-auditor.svg \
    /usr/share/icons/hicolor/16x16/apps/egress-auditor.png \
    /usr/share/icons/hicolor/48x48/apps/egress-auditor.png \
    /usr/share/icons/hicolor/256x256/apps/egress-auditor.png \
    /usr/share/man/man1/egress-auditor.1.gz /usr/share/man/man1/egress-auditor-cli.1.gz \
    /usr/share/egress-auditor/sample/connections.csv \
    /usr/share/egress-auditor/sample/processes.csv /usr/share/egress-auditor/sample/hosts.csv \
    /usr/share/doc/egress-auditor/copyright /usr/share/doc/egress-auditor/changelog.gz; do
    grep -qx "$path" "$work/contents" || fail "the package lacks $path"
done
# Nothing outside /usr, and no test or build tool.
if grep -v '^/usr' "$work/contents" | grep -v '^/$' | grep -q .; then
    fail "files outside /usr: $(grep -v '^/usr' "$work/contents" | grep -v '^/$' | head -n 3)"
fi
if grep -E 'tst_|ea-render-icon|fuzz' "$work/contents"; then
    fail "the package holds build or test files"
fi

step "desktop entry, AppStream metadata, MIME type"
dpkg-deb --extract "$deb" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/org.egressauditor.EgressAuditor.desktop"
appstreamcli validate --no-net \
    "$work/root/usr/share/metainfo/org.egressauditor.EgressAuditor.metainfo.xml"
xmllint --noout "$work/root/usr/share/mime/packages/egress-auditor.xml"
mkdir -p "$work/mime/packages"
cp "$work/root/usr/share/mime/packages/egress-auditor.xml" "$work/mime/packages/"
mime_log=$(update-mime-database -V "$work/mime" 2>&1)
if grep -qiE 'error|warning|unknown' <<<"$mime_log"; then
    fail "update-mime-database: $mime_log"
fi
grep -q 'application/x-egress-auditor-case' "$work/mime/types" || fail "MIME type not compiled"
for page in egress-auditor egress-auditor-cli; do
    zcat "$work/root/usr/share/man/man1/$page.1.gz" | grep -q '^\.SH' || fail "man page $page is empty"
done

step "lintian"
lintian_out=$(lintian --tag-display-limit 0 --info --pedantic "$deb" 2>&1 || true)
echo "$lintian_out"
if grep -q '^E:' <<<"$lintian_out"; then
    fail "lintian reports errors"
fi

step "install"
if dpkg-query -W -f='${Status}' egress-auditor 2>/dev/null | grep -q 'install ok installed'; then
    fail "egress-auditor is installed already: remove it first"
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get install -y -qq "$deb"
dpkg-query -L egress-auditor | sort > "$work/installed"

step "run the installed programs"
export QT_QPA_PLATFORM=offscreen
[ "$(/usr/bin/egress-auditor-cli --version)" = "egress-auditor-cli $version" ] \
    || fail "egress-auditor-cli --version: $(/usr/bin/egress-auditor-cli --version)"
[ "$(/usr/bin/egress-auditor --version)" = "Egress Auditor $version" ] \
    || fail "egress-auditor --version: $(/usr/bin/egress-auditor --version)"
classified=$(/usr/bin/egress-auditor-cli classify ::ffff:8.8.8.8)
echo "$classified"
grep -q '^::ffff:8.8.8.8,true,ipv6,.*,global,true,' <<<"$classified" || fail "classify ::ffff:8.8.8.8"
sample=/usr/share/egress-auditor/sample
# A home of its own: settings and recent cases of the person running this
# stay untouched.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
mkdir -p "$XDG_CONFIG_HOME"
for lang in en ja; do
    LANGUAGE=$lang LANG=C.UTF-8 /usr/bin/egress-auditor --screenshot "$work/shot-$lang.png" \
        "$sample/connections.csv" "$sample/processes.csv" "$sample/hosts.csv"
    [ "$(head -c 8 "$work/shot-$lang.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] \
        || fail "screenshot ($lang) is not a PNG"
done
cmp -s "$work/shot-en.png" "$work/shot-ja.png" && fail "the Japanese screenshot is the English one"
# The translation is in the installed binary: its help text in Japanese.
LANGUAGE=ja LANG=C.UTF-8 /usr/bin/egress-auditor --help | grep -q '外部の宛先' \
    || fail "egress-auditor --help is not in Japanese under LANGUAGE=ja"
if [ -n "${EA_PACKAGE_SHOTS:-}" ]; then
    cp "$work"/shot-*.png "$EA_PACKAGE_SHOTS"/
fi

step "MIME type of a case"
/usr/bin/egress-auditor-cli import --case "$work/audit.eacase" "$sample/connections.csv" >/dev/null
cp "$work/audit.eacase" "$work/renamed.bin"
sqlite3 "$work/other.sqlite" 'CREATE TABLE t(x);'
[ "$(xdg-mime query filetype "$work/audit.eacase")" = application/x-egress-auditor-case ] \
    || fail "xdg-mime: $(xdg-mime query filetype "$work/audit.eacase")"
# By content too: the SQLite header with the case's application id.
[ "$(xdg-mime query filetype "$work/renamed.bin")" = application/x-egress-auditor-case ] \
    || fail "xdg-mime (by content): $(xdg-mime query filetype "$work/renamed.bin")"
[ "$(xdg-mime query filetype "$work/other.sqlite")" != application/x-egress-auditor-case ] \
    || fail "any SQLite database is taken for a case"

step "remove"
"${sudo[@]}" apt-get remove --purge -y -qq egress-auditor
left=()
while IFS= read -r path; do
    if [ -e "$path" ] && [ ! -d "$path" ]; then
        left+=("$path")
    fi
done <"$work/installed"
[ ${#left[@]} -eq 0 ] || fail "left behind after removal: ${left[*]}"
[ -e /usr/share/egress-auditor ] && fail "left behind: /usr/share/egress-auditor"
dpkg-query -W egress-auditor 2>/dev/null | grep -q . && ! dpkg-query -W -f='${Status}' egress-auditor \
    | grep -q 'not-installed' && fail "the package is still known to dpkg"
echo "test-package: OK ($(basename "$deb"))"
