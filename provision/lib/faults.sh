# faults.sh - sourced by amanda-demo.sh, applied after its prewarm phase. Damages what three fixture disks' dumps are made
# of, the negative controls for "Index damaged" and for a failed restore; applied on every run, since a browse or a
# new dump may have changed them.
#   cutindex:  the newest dump's index (.gz) cut to half its bytes and amindexd's uncompressed copy removed, as if
#              never browsed. amdump's intact file is kept aside (outside the index directory) to cut it again.
#   lostindex: the index files of the dump before the latest removed (the dump itself stays in the catalogue).
#   cuttape:   every vtape file of the disk cut to its 32 KiB Amanda header: the index is whole, the data gone, so
#              extract ends with "Extractor child exited with status 2" and tar's complaints.
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
  done < <(find "/srv/amanda/vtapes/$CONF" -name "[0-9]*.localhost.$(sed 's/_/__/g; s#/#_#g' <<<"$FIXTURES/cuttape").[0-9]*" -print0)
  [ "$n" -gt 0 ] || die "no vtape file holds $FIXTURES/cuttape"
  log "cuttape: $n vtape file(s) cut to the 32 KiB header"
}

damage_fixtures() { cut_index; lose_index; cut_tape; }
