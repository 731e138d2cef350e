#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a translatable string in the sources has no finished translation:
# regenerates the template from po/POTFILES.in with the keywords of meson's
# glib preset, merges every language of po/LINGUAS against it, and lists the
# untranslated and fuzzy entries. Also runs msgfmt --check on each .po file.
# Usage: check-translations.sh SOURCE_ROOT
set -eu

srcdir=$1
podir="$srcdir/po"
tmpdir=$(mktemp -d)
trap 'rm -rf "$tmpdir"' EXIT

xgettext --package-name=shotline --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format \
  --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format \
  --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
  --directory="$srcdir" --files-from="$podir/POTFILES.in" \
  --output="$tmpdir/shotline.pot"

status=0
for lang in $(sed -e 's/#.*//' "$podir/LINGUAS"); do
  po="$podir/$lang.po"
  if ! msgfmt --check --output-file=/dev/null "$po"; then
    echo "$lang.po: msgfmt --check failed"
    status=1
    continue
  fi

  merged="$tmpdir/$lang.po"
  msgmerge --quiet --output-file="$merged" "$po" "$tmpdir/shotline.pot"

  msgattrib --untranslated --no-obsolete --no-wrap \
    --output-file="$tmpdir/$lang.untranslated" "$merged"
  msgattrib --only-fuzzy --no-obsolete --no-wrap \
    --output-file="$tmpdir/$lang.fuzzy" "$merged"

  for kind in untranslated fuzzy; do
    # Every real entry has a source reference; the header has none.
    entries=$(awk 'BEGIN { RS = "" } /(^|\n)#:/ { print; print "" }' \
      "$tmpdir/$lang.$kind" 2>/dev/null || true)
    [ -n "$entries" ] || continue
    echo "$lang.po: $kind entries:"
    printf '%s\n' "$entries"
    status=1
  done
done

[ $status -eq 0 ] && echo "every string is translated in: $(sed -e 's/#.*//' "$podir/LINGUAS" | xargs)"
exit $status
