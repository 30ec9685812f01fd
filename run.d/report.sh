# run.d/report.sh (sourced by run.sh) - the HTML report, rendered by the pinned Allure 3 (reporting/).

# Installs the pinned report tools (reporting/package-lock.json) once.
ensure_report_tools() {
  [ -x "$ROOT/reporting/node_modules/.bin/allure" ] && return 0
  command -v npm >/dev/null || { echo "run.sh: the report was not rendered: npm is needed for the HTML report" >&2; return 1; }
  (cd "$ROOT/reporting" && npm ci --no-audit --no-fund --loglevel=error) >"$RESULTS/npm.log" 2>&1 \
    || { echo "run.sh: the report was not rendered: npm ci failed, see $RESULTS/npm.log" >&2; return 1; }
}

# render_report RESULTS OUT: one self-contained HTML file (reporting/render.sh). Prints "Report: PATH"; a report not
# rendered is said on stderr with the path and returns 1 (the caller makes that exit 2).
render_report() {
  local results="$1" out="$2" report
  [ -d "$results" ] || { echo "run.sh: the report was not rendered: no Allure results in $results" >&2; return 1; }
  ensure_report_tools || return 1
  report=$("$ROOT/reporting/render.sh" "$results" "$out" 9>&-) \
    || { echo "run.sh: the report $out/index.html was not rendered (see above)" >&2; return 1; }
  echo "Report: $report"
}

# print_estate RESULTS: the estate page the suite wrote (disks x nights, results/estate.html), after the report's path.
# Nothing when the run wrote none (it stopped before its end): the report says why.
print_estate() {
  [ -f "$1/estate.html" ] && echo "Estate: $1/estate.html"
  return 0
}
