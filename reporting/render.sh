#!/usr/bin/env bash
# render.sh RESULTS_DIR OUTPUT_DIR - renders an allure-results folder (and the allurerc.json the suite wrote beside
# it) into one self-contained HTML file with the pinned Allure 3, appends a point to the history it names, and strips
# the analytics Allure 3.18 embeds (a report read offline must not phone home). Needs `npm ci` in this folder.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
results="$1" out="$2"
rc="$results/../allurerc.json"
[ -f "$rc" ] || { echo "render.sh: no allurerc.json beside $results (the suite writes it)" >&2; exit 1; }
history=$(sed -n 's/.*"historyPath": "\(.*\)".*/\1/p' "$rc")
if [ -n "$history" ]; then
  # Allure reads the history whole and appends to it; a history it cannot use fails the render with a stack trace.
  if [ -e "$history" ] && { [ ! -f "$history" ] || [ ! -r "$history" ] || [ ! -w "$history" ]; }; then
    echo "render.sh: the report's history $history is not a file this user can read and append to" >&2; exit 1
  fi
  mkdir -p "$(dirname "$history")" || { echo "render.sh: the report's history folder $(dirname "$history") cannot be made" >&2; exit 1; }
fi
"$here/node_modules/.bin/allure" generate "$results" -c "$rc" -o "$out" >"$out.log" 2>&1 \
  || { cat "$out.log" >&2; echo "render.sh: allure generate failed (log: $out.log)" >&2; exit 1; }
# Allure has been seen to report an error and still exit 0: the file is what counts.
[ -s "$out/index.html" ] || { cat "$out.log" >&2; echo "render.sh: allure generate wrote no $out/index.html" >&2; exit 1; }
perl -0pi -e 's{<script async src="https://www\.googletagmanager\.com/[^"]*"></script>\s*<script>\s*window\.dataLayer.*?</script>}{}s' "$out/index.html"
if grep -q googletagmanager "$out/index.html"; then echo "render.sh: analytics left in $out/index.html" >&2; exit 1; fi
echo "$out/index.html"
