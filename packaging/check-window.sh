#!/usr/bin/env sh
# Starts the app image's launcher without arguments and checks that it maps a window titled "Toolsmith",
# then closes it. Linux only: needs the GTK 3 libraries, xwininfo (x11-utils) and either a display or
# xvfb-run (xvfb). Usage: packaging/check-window.sh [path/to/bin/Toolsmith]
set -eu
launcher=${1:-target/dist/Toolsmith/bin/Toolsmith}
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$launcher"
fi

"$launcher" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT

# JavaFX also creates an unmapped 10x10 "Toolsmith" leader window; only a viewable one counts.
viewable_window() {
  for id in $(xwininfo -root -tree | awk '/"Toolsmith": \(/ {print $1}'); do
    xwininfo -id "$id" | grep -q 'Map State: IsViewable' && return 0
  done
  return 1
}

i=0
while [ "$i" -lt 120 ]; do
  if viewable_window; then
    echo "Window opened by $launcher"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "The launcher exited before opening a window." >&2
    exit 1
  fi
  sleep 0.5
  i=$((i + 1))
done
echo "No window after 60 seconds." >&2
exit 1
