#!/usr/bin/env bash
# four-at-once.sh [N] - the night's checks in N parts (default 4) at once on this host, then merged into one report,
# one summary and one exit code (./run.sh report). Run it from the folder the parts should go to (they land in
# shards/shard-1 .. shards/shard-N there); RUN_SH names run.sh, FEATURES the feature files.
# Restores of one Amanda configuration take turns at its tape drive (a lock per configuration in
# /run/lock/backup-acceptance): the parts overlap everything else (listing, walking, comparing).
set -uo pipefail
parts=${1:-4}
run=${RUN_SH:-/opt/backup-acceptance/run.sh}
features=${FEATURES:-/etc/backup-acceptance/features}
[[ "$parts" =~ ^[1-9][0-9]*$ ]] || { echo "four-at-once.sh: N must be a number of parts, got '$parts'" >&2; exit 2; }
mkdir -p -m 0700 shards
# Built once, before the parts start: N builds of one tree at once would race for its files (and a part's test host
# could load an assembly while another part's build rewrites it). Each part then runs with --no-build.
if [ -f "$(dirname "$run")/BackupAcceptance.sln" ]; then
  dotnet build "$(dirname "$run")/src/BackupAcceptance.Suite" --disable-build-servers -v quiet -nologo > shards/build.log 2>&1 \
    || { tail -n 20 shards/build.log >&2; echo "four-at-once.sh: the build failed (shards/build.log); nothing was checked" >&2; exit 2; }
fi
# Each part appends its disks' counts to a count history of its own (one file written by N processes at once is not
# known to be safe); a disk stays in the same part while the feature files keep their disks.
counts=${BACKUP_ACCEPTANCE_COUNT_HISTORY:-$(dirname "$run")/allure-history/counts.jsonl}
for ((i = 1; i <= parts; i++)); do
  BACKUP_ACCEPTANCE_RESULTS="shards/shard-$i" BACKUP_ACCEPTANCE_COUNT_HISTORY="${counts%.jsonl}-part-$i-of-$parts.jsonl" \
    "$run" --features "$features" --shard "$i/$parts" --quiet -- --no-build > "shards/part-$i.log" 2>&1 &
done
wait   # each part's own exit code is in its folder (exit-code): the merge reads them
shards=()
for ((i = 1; i <= parts; i++)); do shards+=("shards/shard-$i"); done
# One summary, one report with one history point, and the exit code of the whole: 1 a backup fault, 130 a part
# interrupted, 2 a part that could not check (or did not run: the merge refuses a missing part), else 0.
exec "$run" report "${shards[@]}"
