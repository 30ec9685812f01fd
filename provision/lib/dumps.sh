# dumps.sh - amdump runs of CONF until every dumpable disk has an OK dump, the demo's history dumps, and the prewarm
# browse. Sourced; uses CONF, DLES, HISTORY_DISKS, FIXTURES, STAMPS, MTIME and the helpers of common.sh.

# dumped_disks: disks with at least one OK dump, one per line, from `amadmin find`.
dumped_disks() {
  local -a f
  while read -r -a f; do
    if [ "${#f[@]}" -ge 11 ] && [ "${f[2]}" = localhost ] && [ "${f[-1]}" = OK ]; then
      printf '%s\n' "${f[3]}"
    fi
  done < <(as_backup amadmin "$CONF" find)
}
missing_dumps() {
  local have dle
  have=$(dumped_disks)
  for dle in "${DLES[@]}"; do
    [ "${dle##* }" = gtar-skip ] && continue
    grep -qxF -- "${dle% *}" <<<"$have" || printf '%s\n' "${dle% *}"
  done
}
amdump_bits() {
  local rc=$1 bits=()
  if ((rc & 1)); then bits+=(error); fi
  if ((rc & 2)); then bits+=(strange); fi
  if ((rc & 4)); then bits+=("a DLE failed"); fi
  if ((rc & 8)); then bits+=("result missing"); fi
  if ((rc & 16)); then bits+=("tape error"); fi
  local IFS=,; printf '%s' "${bits[*]}"
}

# run_amdump [DISK...]: amdump the config (or only DISKs of localhost), retried once; dies on failure.
run_amdump() {
  local attempt t0 rc=0
  for attempt in 1 2; do
    t0=${EPOCHREALTIME//[.,]/}
    rc=0
    if [ $# -gt 0 ]; then as_backup amdump "$CONF" localhost "$@" || rc=$?; else as_backup amdump "$CONF" || rc=$?; fi
    log "amdump ${*:-(all disks)} attempt $attempt: exit $rc ($(secs_since "$t0")s)"
    [ "$rc" -eq 0 ] && return 0
    log "amdump exit $rc = $(amdump_bits "$rc"); amreport follows"
    as_backup amreport "$CONF" || true
    # Once seen: exit 4 with nothing dumped at the first vtape reuse; the next run succeeded.
    if [ "$attempt" -eq 1 ]; then log "retrying amdump once"; fi
  done
  die "amdump $CONF ${*:-} failed twice, last exit $rc ($(amdump_bits "$rc")); see amreport above"
}


# dump_if_needed [REASON...]: one amdump of every disk when a reason is given or a dumpable disk has no OK dump;
# DUMP_REASONS says why (empty: no dump ran).
dump_if_needed() {
  local missing
  DUMP_REASONS=("$@")
  mapfile -t missing < <(missing_dumps)
  if [ "${#missing[@]}" -gt 0 ]; then DUMP_REASONS+=("no OK dump: ${missing[*]}"); fi
  if [ "${#DUMP_REASONS[@]}" -eq 0 ]; then
    log "every dumpable disk has an OK dump; no amdump (--force-dump to dump anyway)"
    return 0
  fi
  local why; why=$(printf '%s; ' "${DUMP_REASONS[@]}")
  log "amdump needed: ${why%; }"
  # Always all disks in one run: every run takes a vtape, so per-disk runs rotate the others out.
  run_amdump
  mapfile -t missing < <(missing_dumps)
  [ "${#missing[@]}" -eq 0 ] || die "amdump exited 0 but these disks have no OK dump: ${missing[*]}"
  as_backup amreport "$CONF" | sed -n '/^DUMP SUMMARY/,/^(brought to you/p'
}

# newest_dump_age_hours DISK: hours since the newest OK dump of DISK (9999 when none).
newest_dump_age_hours() {
  local newest
  newest=$(as_backup amadmin "$CONF" find localhost "$1" 2>/dev/null | awk '$NF=="OK"{print $1" "$2}' | sort | tail -1)
  [ -n "$newest" ] || { echo 9999; return; }
  echo $(( ($(date +%s) - $(date -d "$newest" +%s)) / 3600 ))
}

# make_history FORCE: the controls that need a past, two more dumps of HISTORY_DISKS with changes between and after
# them; redone when FORCE is 1 (the main dump just dumped them in their changed state) or on a new HISTORY_VERSION.
HISTORY_VERSION=3
make_history() {
  local have=
  if [ -f "$STAMPS/history" ]; then read -r have < "$STAMPS/history" || true; fi
  if [ "$1" != 1 ] && [ "$have" = "$HISTORY_VERSION" ]; then
    log "history v$HISTORY_VERSION present (canary dumped $(newest_dump_age_hours "$FIXTURES/canary") h ago)"
    return 0
  fi
  rm -f -- "$STAMPS/history"
  for name in shrinking tampered layered; do
    rm -rf -- "${FIXTURES:?}/$name"; mkdir -p -- "$FIXTURES/$name"; "build_$name" "$FIXTURES/$name"
    find "$FIXTURES/$name" -exec touch -h -d "$MTIME" -- {} +
  done
  write_canary "$FIXTURES/canary"
  change_layered 1; as_backup amadmin "$CONF" force-level-1 localhost "$FIXTURES/layered" >/dev/null
  run_amdump "${HISTORY_DISKS[@]}"
  # Between the two dumps: half of shrinking goes; stale does not change at all.
  find "$FIXTURES/shrinking" -name 'file*[13579].txt' -delete
  write_canary "$FIXTURES/canary"
  change_layered 4; as_backup amadmin "$CONF" force-level-1 localhost "$FIXTURES/layered" >/dev/null
  run_amdump "${HISTORY_DISKS[@]}"
  # After the last dump: different bytes in one document, its old mtime put back (looks unchanged).
  printf 'document 07: TAMPERED after the dump\n' > "$FIXTURES/tampered/doc07.txt"
  touch -h -d "$MTIME" -- "$FIXTURES/tampered/doc07.txt"
  printf '%s\n' "$HISTORY_VERSION" > "$STAMPS/history"
  log "history: shrinking 100 -> $(count "$FIXTURES/shrinking" f) files, canary renewed, tampered/doc07.txt changed after its dump"
}

# prewarm: amindexd sorts a dump's index file the first time anyone browses it; two amindexd doing that at once for
# the same dump answer '500 "/" is an invalid directory'. Tests run amrecover sessions in parallel (and in two
# processes), so browse every dump once here, in one session, while nothing else runs.
prewarm() {
  prewarm_commands | PAGER=cat TERM=xterm amrecover "$CONF" -h localhost > /dev/null 2>&1 || true
  log "browsed every dump once ($(as_backup amadmin "$CONF" find | grep -c ' OK *$') dumps)"
}

# prewarm_commands: setdate, setdisk and ls for every OK dump of localhost in CONF's catalogue.
prewarm_commands() {
  local -a f
  while read -r -a f; do
    # Never the cut-short index (faults.sh): amindexd's first browse would rewrite it as a whole, partial file.
    if [ "${#f[@]}" -ge 11 ] && [ "${f[2]}" = localhost ] && [ "${f[-1]}" = OK ] && [ "${f[3]}" != "$FIXTURES/cutindex" ]; then
      printf 'setdate %s-%s\nsetdisk %s\nls\n' "${f[0]}" "${f[1]//:/-}" "${f[3]}"
    fi
  done < <(as_backup amadmin "$CONF" find)
  printf 'quit\n'
}

# smoke_test CONFIG DISK FILE: amrecover CONFIG lists FILE at the root of DISK, or die with what it said.
smoke_test() {
  local said
  said=$(printf 'setdisk %s\nls\nquit\n' "$2" | PAGER=cat TERM=xterm amrecover "$1" -h localhost 2>&1) || true
  if ! grep -q " ${3//./\\.}\$" <<<"$said"; then
    printf '%s\n' "$said" >&2
    die "amrecover smoke test failed: amrecover $1 shows no $3 at the root of $2"
  fi
  log "amrecover $1 lists $3 in $2"
}
