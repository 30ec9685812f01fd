# run.d/layout.sh (sourced by run.sh) - where run.sh runs from: a source tree (a clone: the SDK builds and runs the
# programs with dotnet test and dotnet run) or a release (./run.sh package: the programs published self-contained in
# programs/, no SDK, no Node). A release is known by its layout: the RELEASE file and the published suite beside run.sh.

RELEASE_PROGRAMS="$ROOT/programs"

in_release() { [ -f "$ROOT/RELEASE" ] && [ -x "$RELEASE_PROGRAMS/BackupAcceptance.Suite" ]; }

# release_defaults: a release keeps the site's data outside itself, so an upgrade (a new release beside the old one)
# keeps it: feature files and settings in /etc/backup-acceptance, results and histories in /var/lib/backup-acceptance.
# Only what neither the environment nor the settings file set (load_settings runs first); a source tree keeps its own.
release_defaults() {
  in_release || return 0
  local etc=/etc/backup-acceptance state=/var/lib/backup-acceptance
  export BACKUP_ACCEPTANCE_FEATURES="${BACKUP_ACCEPTANCE_FEATURES:-$etc/features}"
  export BACKUP_ACCEPTANCE_RESULTS="${BACKUP_ACCEPTANCE_RESULTS:-$state/results}"
  export BACKUP_ACCEPTANCE_ALLURE_HISTORY="${BACKUP_ACCEPTANCE_ALLURE_HISTORY:-$state/history/history.jsonl}"
  export BACKUP_ACCEPTANCE_COUNT_HISTORY="${BACKUP_ACCEPTANCE_COUNT_HISTORY:-$state/history/counts.jsonl}"
  export BACKUP_ACCEPTANCE_ESTATE_HISTORY="${BACKUP_ACCEPTANCE_ESTATE_HISTORY:-$state/history/estate.jsonl}"
  export BACKUP_ACCEPTANCE_EVIDENCE_DIR="${BACKUP_ACCEPTANCE_EVIDENCE_DIR:-$state/evidence}"
  # The site's own allure-config.json (links, title) when it has one, else the release's.
  if [ -z "${BACKUP_ACCEPTANCE_ALLURE_CONFIG:-}" ]; then
    if [ -f "$etc/allure-config.json" ]; then export BACKUP_ACCEPTANCE_ALLURE_CONFIG="$etc/allure-config.json"
    else export BACKUP_ACCEPTANCE_ALLURE_CONFIG="$ROOT/allure-config.json"; fi
  fi
  RESULTS="$BACKUP_ACCEPTANCE_RESULTS"
  # The watchdog ships with the published suite (its Run/ folder), not under src/.
  WATCHDOG="$RELEASE_PROGRAMS/Run/watchdog.sh"
  # The test platform's first-run notice and its telemetry have no place in a nightly job's output.
  export TESTINGPLATFORM_TELEMETRY_OPTOUT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
}

# release_refuses COMMAND: what only a clone can do is refused in a release, saying so, before anything starts.
release_refuses() {
  in_release || return 0
  case "${1:-}" in
    demo|test|mutate|bench|package)
      die "'$1' needs the source tree (a clone of the repository with the .NET SDK): this is an installed release ($(head -n1 "$ROOT/RELEASE")), which runs: run (the default), baseline, report, evidence, --help" ;;
  esac
}

# suite_command DOTNET_TEST_ARGS...: SUITE_COMMAND, the command that runs the suite. In a source tree, dotnet test with
# these arguments; in a release, the published suite (NUnit's runner), each dotnet test option given as the runner's:
# --results-directory and --filter as they are, the JUnit logger as the same package's runner extension; the project
# path and build options dropped; what follows -- passed as it is. No TRX in a release: the runner's TRX extension
# runs the tests in a second process under a controller (measured: 2 processes, 1 without it), and run.sh's SIGTERM
# then reaches the controller, not the suite, which is killed before it writes its summary (seen: exit 130, no summary).
suite_command() {
  reqnroll_report_on "$RESULTS"   # where Allure's renderer cannot run (run.d/report.sh)
  if ! in_release; then SUITE_COMMAND=(dotnet "$@"); return 0; fi
  SUITE_COMMAND=("$RELEASE_PROGRAMS/BackupAcceptance.Suite")
  [ "${1:-}" != test ] || shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --logger) [ $# -ge 2 ] || die "suite_command: --logger needs a value"
                case "$2" in
                  trx|trx\;*) ;;   # no TRX in a release (above)
                  *) die "a release's suite has no logger '$2' (it takes the Testing Platform's options after --)" ;;
                esac
                shift 2 ;;
      --results-directory|--filter) [ $# -ge 2 ] || die "suite_command: $1 needs a value"; SUITE_COMMAND+=("$1" "$2"); shift 2 ;;
      --disable-build-servers|--no-build|--no-restore) shift ;;
      -c|--configuration) shift 2 ;;
      "$ROOT"/src/*) shift ;;
      *) SUITE_COMMAND+=("$1"); shift ;;
    esac
  done
  # The runner's live progress and colours would garble dotnet-test.log.
  SUITE_COMMAND+=(--no-ansi --progress off)
}

# suite_process_pattern: what stop_suite asks to stop first (pkill -f): dotnet test's test host in a source tree, the
# published suite itself in a release (it has no test host: its process is the test run).
suite_process_pattern() {
  if in_release; then printf '/programs/BackupAcceptance[.]Suite( |$)'; else printf 'testhost'; fi
}

# run_program NAME ARGS...: one of src/'s console programs (BackupAcceptance.Baseline, ...): the built program in a
# source tree (built first when missing or older than a source), the published executable in a release. Its exit
# status is the caller's to read.
run_program() {
  local name=$1; shift
  if in_release; then
    [ -x "$RELEASE_PROGRAMS/$name" ] || die "this release has no program $name (programs/): rebuild it with ./run.sh package"
    "$RELEASE_PROGRAMS/$name" "$@"
  else
    require_dotnet
    local program="$ROOT/src/$name/bin/Release/net10.0/$name.dll"
    # Not 'dotnet run': its build check costs about 5 s on every call, and every run calls the Outputs program.
    if program_is_stale "$program"; then
      # One build at a time (shards start together); the second finds it current. The touch marks the program
      # current even when the build had nothing to compile (MSBuild then leaves the file's time alone).
      mkdir -p "$ROOT/src/$name/obj"
      ( flock -w 600 9 || exit 1
        ! program_is_stale "$program" && exit 0
        dotnet build "$ROOT/src/$name" -c Release --disable-build-servers -v quiet -nologo >&2 && touch "$program"
      ) 9>"$ROOT/src/$name/obj/.run-program.lock" \
        || die "building $name failed (dotnet build src/$name -c Release shows why)"
    fi
    dotnet "$program" "$@"
  fi
}

# program_is_stale DLL: missing, or older than a source, project or build file of src/ (any project: the programs
# use the libraries), or than a folder of src/ (a file deleted or renamed there), so a changed source is never run
# from an old build.
program_is_stale() {
  [ -f "$1" ] || return 0
  [ -n "$(find "$ROOT/src" "$ROOT"/Directory.*.props \( -name bin -o -name obj \) -prune -o \
            \( -type d -o -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -newer "$1" -print -quit 2>/dev/null)" ]
}
