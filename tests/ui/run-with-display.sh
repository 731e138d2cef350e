#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a UI test on the display there is, or on a private Xvfb server with
# its own session bus where there is none (CI, a terminal over ssh).
mkdir -p "${XDG_RUNTIME_DIR:-/tmp}" && chmod 700 "${XDG_RUNTIME_DIR:-/tmp}" 2>/dev/null
if [ -n "${DISPLAY:-}" ]; then
  exec dbus-run-session -- "$@" --tap
fi
exec xvfb-run -a -s '-screen 0 1600x1000x24' dbus-run-session -- "$@" --tap
