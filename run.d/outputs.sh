# run.d/outputs.sh (sourced by run.sh) - what monitoring reads after a run (docs/monitoring.md): junit.xml,
# backup_acceptance.prom (Prometheus textfile), a sharded run's merged summary.json, and under --format nagios the
# Nagios/Icinga plugin line and code (0 OK, 2 CRITICAL, 3 UNKNOWN), all from the run's summary.json by
# src/BackupAcceptance.Outputs.

FORMAT=text
NAGIOS_SAID=""
NAGIOS_ERRORS=""

# run_outputs ARGS...: the one place that says how the Outputs program is started: dotnet run in a source tree, the
# published program in a release (run_program, run.d/layout.sh).
run_outputs() {
  run_program BackupAcceptance.Outputs "$@" 9>&-
}

# use_format NAME: text (the default) or nagios. Under nagios only the plugin line reaches stdout, and what run.sh says
# on stderr is kept aside (NAGIOS_ERRORS) for the line that explains a run that could not end (nagios_fallback).
use_format() {
  case "$1" in
    text) [ "$FORMAT" != nagios ] || die "--format: both nagios and text given; name one"
          FORMAT=text ;;
    nagios) [ "$FORMAT" != nagios ] || return 0   # taken early already (early_format)
            FORMAT=nagios
            NAGIOS_ERRORS=$(mktemp /tmp/backup-acceptance-nagios.XXXXXXXX)
            exec 3>&1 1>/dev/null 2>"$NAGIOS_ERRORS"
            trap 'nagios_fallback $?' EXIT ;;
    *) die "--format: '$1' is neither text nor nagios" ;;
  esac
}

# early_format ARGS...: run.sh's arguments; a run's or a merge's --format nagios takes effect before anything else, so
# what fails before the arguments are read (a bad settings file or value, a results group that does not exist) still
# reaches Nagios as one UNKNOWN line with the reason, never a bare exit 2 that Nagios would read as CRITICAL.
early_format() {
  case "${1:-}" in demo|test|bench|mutate|package|baseline|evidence|-h|--help|help) return 0 ;; esac
  while [ $# -gt 0 ]; do
    case "$1" in
      --) return 0 ;;
      --format) [ "${2:-}" != nagios ] || use_format nagios; return 0 ;;
      --features|--tags|--shard) shift ;;   # their value is never an option
    esac
    shift
  done
}

# write_outputs CODE SUMMARY.json...: the outputs of a run whose exit code is CODE (the parts of a sharded run when
# several). Prints the Nagios line under --format nagios. Returns 0, or 1 when they could not be written (said).
OUTPUTS_LINE="" OUTPUTS_STATUS=3
write_outputs() {
  local code=$1 args status=0 log="$RESULTS/outputs.log"
  shift
  args=(--results "$RESULTS" --exit-code "$code")
  # A part of a sharded run holds a part of the night's series: only the merge (./run.sh report) writes the shared
  # textfile, so node_exporter never shows one part's disks with a fresh timestamp as the whole night.
  if [ -n "${BACKUP_ACCEPTANCE_PROMETHEUS_TEXTFILE:-}" ] && [ -z "${BACKUP_ACCEPTANCE_SHARD:-}" ]; then
    args+=(--textfile "$BACKUP_ACCEPTANCE_PROMETHEUS_TEXTFILE")
  fi
  [ "$FORMAT" != nagios ] || args+=(--nagios)
  OUTPUTS_LINE=$(run_outputs "${args[@]}" "$@" 2>"$log") || status=$?
  OUTPUTS_STATUS=$status
  # Under --nagios the program's own codes are 0, 2 and 3; anything else (1: dotnet could not build or start it) is trouble.
  if { [ "$FORMAT" = nagios ] && [[ "$status" =~ ^[023]$ ]] && [ -n "$OUTPUTS_LINE" ]; } || { [ "$FORMAT" != nagios ] && [ "$status" = 0 ]; }; then
    [ -s "$log" ] || rm -f -- "$log"
    return 0
  fi
  printf '%s\n' "$OUTPUTS_LINE" >> "$log"
  echo "run.sh: the monitoring outputs (junit.xml, backup_acceptance.prom) were not written: $(grep -m1 . "$log" || echo "exit $status") (see $log)" >&2
  OUTPUTS_LINE="BACKUP ACCEPTANCE UNKNOWN - the monitoring outputs could not be written (see $log)"
  OUTPUTS_STATUS=3
  return 1
}

# nagios_exit: under --format nagios, the plugin line on the real stdout and its code; else nothing.
nagios_exit() {
  [ "$FORMAT" = nagios ] || return 0
  NAGIOS_SAID=1
  printf '%s\n' "$OUTPUTS_LINE" >&3
  exit "$OUTPUTS_STATUS"
}

# nagios_fallback STATUS (the EXIT trap under --format nagios): a run.sh that ends before its line (bad usage, a
# refused results folder, a failure of its own) still prints one line and UNKNOWN: Nagios would read its 2 as CRITICAL.
nagios_fallback() {
  local status=$1 why=""
  [ -n "$NAGIOS_ERRORS" ] || return 0
  [ -s "$NAGIOS_ERRORS" ] && why=$(grep -v '^ ' "$NAGIOS_ERRORS" | tail -n 1 | tr '|' '/')
  rm -f -- "$NAGIOS_ERRORS"
  [ -z "$NAGIOS_SAID" ] || return 0
  printf 'BACKUP ACCEPTANCE UNKNOWN - the check could not run (run.sh exit %s)%s\n' "$status" "${why:+: $why}" >&3
  exit 3
}

# ensure_prometheus_parser: the project's tests parse the textfile with the Prometheus client's own parser (Debian's
# python3-prometheus-client): installed here, as chromium is for the report's browser test.
ensure_prometheus_parser() {
  # Debian's own python3: a python3 earlier on PATH (pyenv, a venv) does not see Debian's packages.
  /usr/bin/python3 -c 'import prometheus_client.parser' 2>/dev/null && return 0
  [ "$(id -u)" = 0 ] || die "the monitoring tests need Debian's python3-prometheus-client: install it (apt-get install python3-prometheus-client) or run as root"
  echo "run.sh: installing python3-prometheus-client (Debian) for the monitoring tests ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-prometheus-client >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-prometheus-client >/dev/null; } \
    || die "apt-get install python3-prometheus-client failed"
}
