# faults.sh - sourced by amanda-demo.sh, applied after its prewarm phase. Damages what three fixture disks' dumps are made
# of, the negative controls for "Index damaged" and for a failed restore; applied on every run, since a browse or a
# new dump may have changed them.
#   cutindex:  the newest dump's index (.gz) cut to half its bytes and amindexd's uncompressed copy removed, as if
#              never browsed. amdump's intact file is kept aside (outside the index directory) to cut it again.
#   lostindex: the index files of the dump before the latest removed (the dump itself stays in the catalogue).
#   cuttape:   every vtape file of the disk cut to its 32 KiB Amanda header: the index is whole, the data gone, so
#              extract ends with "Extractor child exited with status 2" and tar's complaints.
#   losttape:  every vtape file of the disk deleted: amidxtaped finds another header at that file number and amrecover
#              says only "Got no header and data from server" (a backup fault that looks like a server's refusal).
# And one fault configuration:
#   CONF-refused: CONF's dumps under another name that lacks the storage which wrote them, so the tape server refuses
#              every restore (amidxtaped: "Storage 'CONF' not found"): the suite's machine is at fault, not the backup.
# Uses CONF, STATE, FIXTURES and die/log from common.sh and config.sh.

# The index directory of a localhost disk: '_' doubled, then '/' turned into '_' (Amanda's sanitise_filename).
index_dir_of() { printf '%s/index/localhost/%s' "$STATE" "$(sed 's/_/__/g; s#/#_#g' <<<"$1")"; }

cut_index() {
  local dir base gz size PRISTINE_INDEX="/srv/amanda/pristine-index/$CONF"
  dir=$(index_dir_of "$FIXTURES/cutindex")
  # The newest dump, from amdump's .header files: amindexd may have replaced or removed the .gz since.
  base=$(find "$dir" -maxdepth 1 -name '[0-9]*_[0-9]*.header' -printf '%f\n' | sort | tail -n 1)
  base=${base%.header}
  [ -n "$base" ] || die "no dump header for $FIXTURES/cutindex in $dir"
  gz="$base-unsorted.gz"
  install -d -m 0700 "$PRISTINE_INDEX"
  if [ ! -f "$PRISTINE_INDEX/$gz" ]; then
    gzip -t "$dir/$gz" 2>/dev/null || die "$dir/$gz is missing or damaged before it could be kept aside; dump again (--force-dump)"
    cp -p -- "$dir/$gz" "$PRISTINE_INDEX/$gz"
  fi
  size=$(stat -c %s "$PRISTINE_INDEX/$gz")
  head -c $((size / 2)) "$PRISTINE_INDEX/$gz" > "$dir/$gz.tmp"
  install -o backup -g backup -m 0600 "$dir/$gz.tmp" "$dir/$gz"
  rm -f -- "$dir/$gz.tmp" "$dir/$base-unsorted"
  log "cutindex: $gz cut to $((size / 2)) of $size bytes"
}

lose_index() {
  local dir previous
  dir=$(index_dir_of "$FIXTURES/lostindex")
  previous=$(find "$dir" -maxdepth 1 -name '[0-9]*_[0-9]*.header' -printf '%f\n' | sort | tail -n 2 | head -n 1)
  previous=${previous%%_*}
  [ "$(find "$dir" -maxdepth 1 -name '[0-9]*_[0-9]*.header' | wc -l)" -ge 2 ] || die "$FIXTURES/lostindex has fewer than two dumps"
  rm -f -- "$dir/${previous}"_*-unsorted "$dir/${previous}"_*.gz
  log "lostindex: index of the dump of $previous removed"
}

cut_tape() {
  local file n=0
  while IFS= read -r -d '' file; do
    truncate -s 32768 -- "$file"
    n=$((n + 1))
  done < <(vtape_files_of cuttape)
  [ "$n" -gt 0 ] || die "no vtape file holds $FIXTURES/cuttape"
  log "cuttape: $n vtape file(s) cut to the 32 KiB header"
}

# vtape_files_of NAME: the vtape files holding dumps of fixture disk NAME, NUL-separated.
vtape_files_of() { find "/srv/amanda/vtapes/$CONF" -name "[0-9]*.localhost.$(sed 's/_/__/g; s#/#_#g' <<<"$FIXTURES/$1").[0-9]*" -print0; }

lose_tape() {
  local n=0 file
  while IFS= read -r -d '' file; do rm -f -- "$file"; n=$((n + 1)); done < <(vtape_files_of losttape)
  # Gone already on a re-run; the catalogue must still list a dump, or the control would test a never-dumped disk.
  as_backup amadmin "$CONF" find localhost "$FIXTURES/losttape" | grep -q ' OK *$' || die "no dump of $FIXTURES/losttape in the catalogue"
  log "losttape: $n vtape file(s) deleted now (the catalogue still lists its dumps)"
}

# refusing_config NAME: CONF's dumps under NAME, without the storage that wrote them (auth local, like CONF).
refusing_config() {
  local etc="/etc/amanda/$1"
  claim_config "$1"
  install -d -o backup -g backup -m 0770 "$etc"
  mark_config "$1"
  write_if_changed "$etc/amanda.conf" <<REFUSED
# Written by BackupAcceptance provision/lib/faults.sh: a fault configuration. $CONF's dumps under another name whose
# storage is not defined, so amidxtaped refuses every restore ("Storage '$CONF' not found"). Listing works.
includefile "/etc/amanda/$CONF/amanda.conf"
tapelist "/etc/amanda/$CONF/tapelist"
REFUSED
  write_if_changed "$etc/disklist" <<<"includefile \"/etc/amanda/$CONF/disklist\""
  chown backup:backup "$etc/amanda.conf" "$etc/disklist"
  chmod 0660 "$etc/amanda.conf" "$etc/disklist"
  write_client_config "$1"
  log "fault configuration $1: $CONF's dumps, no storage (restores refused)"
}

damage_fixtures() { cut_index; lose_index; cut_tape; lose_tape; refusing_config "$CONF-refused"; }
