#!/usr/bin/env bash
# tests/mutations/run.sh [ID...] - the project's mutation check: applies each mutation of mutations.tsv to the rules
# that decide pass or fail, builds, runs the tests that must catch it, and puts the file back. A mutation whose tests
# still pass SURVIVED: a check could be broken without any test noticing. Exit 1 when any survived or could not be
# applied. The "controls" mutations run the real suite against the demo Amanda (provision it first).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LIST="${MUTATIONS_LIST:-$ROOT/tests/mutations/mutations.tsv}"
TESTS="$ROOT/tests/BackupAcceptance.Tests"
LOG="${MUTATIONS_LOG:-$ROOT/results/mutations.log}"
mkdir -p "$(dirname "$LOG")"; : > "$LOG"
export BACKUP_ACCEPTANCE_REQUIRE_AMANDA=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

filter_for() {
  case "$1" in
    unit) echo "FullyQualifiedName~BackupAcceptance.Tests.Checks|FullyQualifiedName~BackupAcceptance.Tests.Session" ;;
    areas) echo "FullyQualifiedName~BackupAcceptance.Tests.Restoring.RestoreRoot|FullyQualifiedName~BackupAcceptance.Tests.Restoring.RestoreArea|FullyQualifiedName~BackupAcceptance.Tests.Session.WordRules" ;;
    controls) echo "FullyQualifiedName~SuiteControlsTests" ;;
    counts) echo "FullyQualifiedName~BackupAcceptance.Tests.Index|FullyQualifiedName~BackupAcceptance.Tests.Walks|FullyQualifiedName~IndexWalkIntegration|FullyQualifiedName~WalkCacheIntegration|FullyQualifiedName~SharedQueueWalkerIntegration|FullyQualifiedName~RandomPickIntegration|FullyQualifiedName~FileCountCheckIntegration" ;;
    nightly) echo "FullyQualifiedName~NightlyScheduleIntegration" ;;
    catalogue) echo "FullyQualifiedName~BackupAcceptance.Tests.Listing|FullyQualifiedName~BackupAcceptance.Tests.Index|FullyQualifiedName~BackupAcceptance.Tests.Image|FullyQualifiedName~DumpPick" ;;
    recovery) echo "FullyQualifiedName~FullRestoreRule|FullyQualifiedName~RecoveryPointIntegration|FullyQualifiedName~RecoveryTimeIntegration|FullyQualifiedName~FullRestoreIntegration|FullyQualifiedName~DataCommandIntegration" ;;
    settings) echo "FullyQualifiedName~BackupAcceptance.Tests.Settings" ;;
    settings-file) echo "FullyQualifiedName~SettingsIntegrationTests&Name!~A_value_from_the_file" ;;
    outputs) echo "FullyQualifiedName~BackupAcceptance.Tests.Outputs" ;;
    estate) echo "FullyQualifiedName~EstatePlanTests|FullyQualifiedName~EstateScreenRulesTests|FullyQualifiedName~EstateScreenTrustTests|FullyQualifiedName~DumpCatalogueTests|FullyQualifiedName~RecoveryLimitsTests" ;;
    core) echo "FullyQualifiedName~BackupAcceptance.Tests.Core|FullyQualifiedName~BackupAcceptance.Tests.Restic" ;;
    restic) echo "FullyQualifiedName~ResticControlsTests" ;;
    state) echo "FullyQualifiedName~IndexAccessTests|FullyQualifiedName~DumpClockTests|FullyQualifiedName~Hardening.AmandaStateFaultTests" ;;
    *) echo "mutations: unknown test set '$1'" >&2; return 1 ;;
  esac
}

# apply FILE ORIGINAL REPLACEMENT: literal, exactly one occurrence; escapes \n \t \\ decoded by perl.
apply() {
  perl -0777 -i -e '
    sub dec { my $s = shift; $s =~ s/\\(n|t|\\)/$1 eq "n" ? "\n" : $1 eq "t" ? "\t" : "\\"/ge; $s }
    my ($from, $to) = (dec(shift @ARGV), dec(shift @ARGV));
    local $/; my $text = <>;
    my $count = () = $text =~ /\Q$from\E/g;
    die "found $count times, not once\n" unless $count == 1;
    $text =~ s/\Q$from\E/$to/;
    print $text;
  ' "$2" "$3" "$1"
}

backup=""
restore() { if [ -n "$backup" ]; then cp -- "$backup" "$current"; rm -f -- "$backup"; backup=""; fi; }
trap restore EXIT INT TERM

killed=0; survived=(); broken=(); started=$(date +%s)
while IFS=$'\t' read -r id file set from to; do
  [[ -z "$id" || "$id" == \#* ]] && continue
  if [ $# -gt 0 ] && [[ " $* " != *" $id "* ]]; then continue; fi
  current="$ROOT/$file"
  backup=$(mktemp); cp -- "$current" "$backup"
  t0=$(date +%s)
  if ! apply "$current" "$from" "$to" 2>>"$LOG"; then
    broken+=("$id (not applied: the original text is not in $file exactly once)"); restore; continue
  fi
  if ! dotnet build "$TESTS" --disable-build-servers -v q -nologo >>"$LOG" 2>&1; then
    broken+=("$id (does not build)"); restore; continue
  fi
  if dotnet test "$TESTS" --no-build --disable-build-servers --filter "$(filter_for "$set")" >>"$LOG" 2>&1; then
    survived+=("$id ($file)"); verdict=SURVIVED
  else
    killed=$((killed + 1)); verdict=killed
  fi
  restore
  # A mutant may have let the suite browse the cut-short index, which amindexd then rewrites as a whole (partial)
  # file: put the demo's damaged fixtures back before the next mutant reads them.
  if [ "$set" = controls ]; then "$ROOT/provision/amanda-demo.sh" >>"$LOG" 2>&1 || { echo "mutations: re-provisioning failed, see $LOG" >&2; exit 1; }; fi
  printf '%-18s %-8s %-9s %3ss  %s\n' "$id" "$set" "$verdict" "$(( $(date +%s) - t0 ))" "$file"
done < "$LIST"
trap - EXIT INT TERM
dotnet build "$TESTS" --disable-build-servers -v q -nologo >>"$LOG" 2>&1 || echo "mutations: rebuilding the unmutated code failed, see $LOG" >&2

echo
echo "mutations: ${killed} killed, ${#survived[@]} survived, ${#broken[@]} not run, in $(( $(date +%s) - started )) s (log: $LOG)"
for s in "${survived[@]}"; do echo "  SURVIVED $s"; done
for b in "${broken[@]}"; do echo "  NOT RUN  $b"; done
[ "${#survived[@]}" -eq 0 ] && [ "${#broken[@]}" -eq 0 ]
