#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks the Flatpak manifest offline: flatpak-builder must parse it, and the
# app id and command in it must agree with the desktop file we ship.
# Usage: check-flatpak.sh SOURCE_ROOT APP_ID
set -eu

srcdir=$1
app_id=$2
manifest="$srcdir/flatpak/$app_id.json"
desktop_in="$srcdir/data/$app_id.desktop.in"

shown=$(flatpak-builder --show-manifest "$manifest")

# flatpak-builder prints the manifest back normalised, with "app-id" as "id".
field ()
{
  printf '%s\n' "$shown" | python3 -c '
import json, sys
m = json.load(sys.stdin)
print(m.get(sys.argv[1]) or m.get(sys.argv[2]) or "")' "$@"
}

status=0
manifest_id=$(field id app-id)
if [ "$manifest_id" != "$app_id" ]; then
  echo "manifest app id is '$manifest_id', expected '$app_id'"
  status=1
fi

if [ ! -f "$srcdir/data/$manifest_id.desktop.in" ]; then
  echo "no desktop file data/$manifest_id.desktop.in for the manifest's app id"
  status=1
fi

command=$(field command command)
exec_line=$(sed -n 's/^Exec=//p' "$desktop_in")
case "$exec_line" in
  "$command" | "$command "*) ;;
  *)
    echo "manifest command '$command' does not start the desktop file's Exec '$exec_line'"
    status=1
    ;;
esac

icon=$(sed -n 's/^Icon=//p' "$desktop_in")
if [ "$icon" != "$manifest_id" ]; then
  echo "desktop file Icon '$icon' differs from the app id '$manifest_id'"
  status=1
fi

[ $status -eq 0 ] && echo "manifest $manifest_id runs $command: consistent"
exit $status
