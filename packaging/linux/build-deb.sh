#!/usr/bin/env bash
# Build the one-folder app with PyInstaller and wrap it in a .deb (Debian 12 / UOS / Kylin family).
# Usage: bash packaging/linux/build-deb.sh [BUILD_DIR]      (default /tmp/zcx-build)
#   PYTHON=/path/to/python   the interpreter whose site-packages hold PySide6 and pyinstaller
#   SKIP_PYINSTALLER=1       reuse BUILD_DIR/dist/zcx-desktop from an earlier build
# Output: BUILD_DIR/zcx-desktop_<version>_<arch>.deb
# Installs to /opt/zcx-desktop, with /usr/bin/zcx-desktop (GUI) and /usr/bin/zcx (CLI).
# glibc floor = the build machine's glibc (computed below and written into Depends): build on
# the oldest distribution you support. PySide6 6.12 wheels need glibc >= 2.34; for UOS 20 /
# Kylin V10 (glibc 2.28) build there with PySide6 6.9.x (pip install "PySide6-Essentials<6.10").
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-/tmp/zcx-build}
PY=${PYTHON:-$REPO/.venv/bin/python}
[ -x "$PY" ] || PY=$(command -v python3)
VERSION=$("$PY" -c "import sys; sys.path.insert(0, '$REPO'); import zcx_desktop; print(zcx_desktop.__version__)")
ARCH=$(dpkg --print-architecture)
APP=$BUILD/dist/zcx-desktop

echo "==> icons" >&2
"$PY" "$REPO/packaging/linux/make_icons.py" "$BUILD/icons" >&2
if [ "${SKIP_PYINSTALLER:-0}" != 1 ]; then
  echo "==> pyinstaller (a few minutes)" >&2
  ZCX_ICON_DIR="$BUILD/icons" "$PY" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$BUILD/dist" --workpath "$BUILD/work" "$REPO/packaging/pyinstaller/zcx-desktop.spec"
fi
[ -x "$APP/zcx-desktop" ] || { echo "no app at $APP" >&2; exit 1; }

# The highest GLIBC_x.y symbol version any bundled binary needs is the package's glibc floor.
GLIBC=$(find "$APP" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
  | xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1 | cut -d_ -f2)
echo "==> glibc floor: $GLIBC" >&2

ROOT=$BUILD/deb-root
rm -rf "$ROOT"
mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" \
  "$ROOT/usr/share/doc/zcx-desktop"
cp -a "$APP" "$ROOT/opt/zcx-desktop"
ln -s /opt/zcx-desktop/zcx-desktop "$ROOT/usr/bin/zcx-desktop"
ln -s /opt/zcx-desktop/zcx "$ROOT/usr/bin/zcx"
install -m 644 "$REPO/packaging/linux/zcx-desktop.desktop" "$ROOT/usr/share/applications/"
for size in 16 24 32 48 64 128 256 512; do
  dir="$ROOT/usr/share/icons/hicolor/${size}x${size}/apps"
  mkdir -p "$dir"
  install -m 644 "$BUILD/icons/zcx-desktop-$size.png" "$dir/zcx-desktop.png"
done
mkdir -p "$ROOT/usr/share/icons/hicolor/scalable/apps"
install -m 644 "$REPO/packaging/linux/zcx-desktop.svg" "$ROOT/usr/share/icons/hicolor/scalable/apps/"
install -m 644 "$REPO/docs/INSTALL.md" "$ROOT/usr/share/doc/zcx-desktop/"
cp "$REPO"/resources/fonts/LICENSE-* "$REPO"/resources/fonts/OFL-* "$ROOT/usr/share/doc/zcx-desktop/" 2>/dev/null || true

SIZE_KB=$(du -sk "$ROOT" | cut -f1)
cat > "$ROOT/DEBIAN/control" <<CONTROL
Package: zcx-desktop
Version: $VERSION
Section: office
Priority: optional
Architecture: $ARCH
Installed-Size: $SIZE_KB
Depends: libc6 (>= $GLIBC), libegl1, libgl1, libfontconfig1, libfreetype6, libdbus-1-3, libglib2.0-0, libxkbcommon0, libxkbcommon-x11-0, libx11-xcb1, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-image0, libxcb-render-util0, libxcb-shape0, libxcb-randr0, libxcb-xinerama0, libxcb-xkb1
Maintainer: ZCX Desktop <zcx-desktop@localhost>
Homepage: https://localhost/zcx-desktop
Description: 政策阅读批注 — offline reader and annotator for Chinese policy documents
 Imports .txt/.html/.docx/.pdf/.md policy documents, shows them with their clause
 structure, keeps highlights and notes in layers, searches and compares documents
 and exports briefing packs. Works fully offline; the library lives in the user's
 data folder (~/.local/share/zcx-desktop/library).
CONTROL
cat > "$ROOT/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
exit 0
POSTINST
chmod 755 "$ROOT/DEBIAN/postinst"
cp "$ROOT/DEBIAN/postinst" "$ROOT/DEBIAN/postrm"

OUT="$BUILD/zcx-desktop_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zxz --build "$ROOT" "$OUT" >&2
echo "$OUT"
