#!/usr/bin/env bash
# Qt needs a few system libraries (EGL, xkbcommon, fontconfig, ...). A desktop has them; a bare Debian or
# Ubuntu machine may not. Install the missing ones when we can (root with apt-get); otherwise say what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
qt=$(.venv/bin/python -c "import PySide6, os; print(os.path.dirname(PySide6.__file__))")
missing=$( (ldd "$qt"/Qt/lib/libQt6Widgets.so.6 "$qt"/Qt/plugins/platforms/libqoffscreen.so \
            "$qt"/Qt/plugins/platforms/libqxcb.so 2>/dev/null || true) | awk '/not found/ {print $1}' | sort -u)
[ -z "$missing" ] && exit 0
echo "Qt needs system libraries that are missing: $(echo $missing | tr '\n' ' ')"
packages="libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libglib2.0-0
          libdbus-1-3 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
          libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxrender1 libxi6 libsm6 libice6"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
else
  echo "Install them with your package manager, e.g.: sudo apt-get install $packages" >&2
fi
