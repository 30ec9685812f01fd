# run.d/report.sh (sourced by run.sh) - the HTML report, rendered by the pinned Allure 3 (reporting/); where that
# renderer cannot run (no Node, as on an installed release), Reqnroll's own HTML report of the run instead.

# Installs the pinned report tools (reporting/package-lock.json) once.
ensure_report_tools() {
  [ -x "$ROOT/reporting/node_modules/.bin/allure" ] && return 0
  command -v npm >/dev/null || { echo "run.sh: the report was not rendered: npm is needed for the HTML report" >&2; return 1; }
  (cd "$ROOT/reporting" && npm ci --no-audit --no-fund --loglevel=error) >"$RESULTS/npm.log" 2>&1 \
    || { echo "run.sh: the report was not rendered: npm ci failed, see $RESULTS/npm.log" >&2; return 1; }
}

# allure_renderer_here: Allure's renderer can run: its scripts are here (a source tree), and Node with them, or npm to
# install them. A release ships neither.
allure_renderer_here() {
  [ -f "$ROOT/reporting/render.sh" ] && command -v node >/dev/null \
    && { [ -x "$ROOT/reporting/node_modules/.bin/allure" ] || command -v npm >/dev/null; }
}

REQNROLL_REPORT_NAME=reqnroll-report.html

# reqnroll_report_on RESULTS: where Allure's renderer cannot run, the suite also writes Reqnroll's HTML report (its
# Cucumber HTML formatter, fed by the glue; one file, no Node) into the results folder, for render_report to use.
reqnroll_report_on() {
  allure_renderer_here && return 0
  local path="$1/$REQNROLL_REPORT_NAME"
  path=${path//\\/\\\\}; path=${path//\"/\\\"}
  export REQNROLL_FORMATTERS="{\"formatters\":{\"html\":{\"outputFilePath\":\"$path\"}}}"
}

# render_report RESULTS OUT: one self-contained HTML file (reporting/render.sh). Prints "Report: PATH"; a report not
# rendered is said on stderr with the path and returns 1 (the caller makes that exit 2). Without Allure's renderer,
# Reqnroll's report of the run becomes OUT/index.html, said in one line: the run's exit code never depends on Node.
render_report() {
  local results="$1" out="$2" report
  [ -d "$results" ] || { echo "run.sh: the report was not rendered: no Allure results in $results" >&2; return 1; }
  if ! allure_renderer_here; then fallback_report "$(dirname -- "$results")" "$out"; return 0; fi
  ensure_report_tools || return 1
  report=$("$ROOT/reporting/render.sh" "$results" "$out" 9>&-) \
    || { echo "run.sh: the report $out/index.html was not rendered (see above)" >&2; return 1; }
  echo "Report: $report"
}

# report_line RESULTS OUT: render_report for --quiet: only its "Report: PATH" line (none where a release's merge has no
# HTML report) and its status, so a missing line is never taken for a report that failed.
report_line() {
  local said status=0
  said=$(render_report "$1" "$2") || status=$?
  grep '^Report: ' <<<"$said" || true
  return "$status"
}

# fallback_report RUN_FOLDER OUT: Reqnroll's HTML report of the run, moved to OUT/index.html where the Allure report
# would be (the summary, the evidence pack and the Report: line name one place). A merge of parts has none.
fallback_report() {
  local written="$1/$REQNROLL_REPORT_NAME"
  if [ -s "$written" ] && mkdir -p -- "$2" && mv -f -- "$written" "$2/index.html"; then
    echo "run.sh: Allure's renderer (Node) is not on this machine: the report is Reqnroll's HTML report (no history, trends or failure categories)"
    echo "Report: $2/index.html"
  else
    echo "run.sh: no HTML report: Allure's renderer (Node) is not on this machine and this run wrote no Reqnroll report (a merge of parts has none: each part's own is in its folder)"
  fi
}

# print_estate RESULTS: the estate page the suite wrote (disks x nights, results/estate.html), after the report's path.
# Nothing when the run wrote none (it stopped before its end): the report says why.
print_estate() {
  [ -f "$1/estate.html" ] && echo "Estate: $1/estate.html"
  return 0
}
