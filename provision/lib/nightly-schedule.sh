# nightly-schedule.sh - the disk table of ba-nightly (disks/ba-nightly.tsv) and its schedule: rounds of amdump run in
# a fixed order (level 0 three days back, level 0, level 1, holding), checked against `amadmin find`. The schedule is
# one story (changes between dumps, a flipped byte after them), so anything missing means it is told again from the
# start. Sourced; uses CONF, ETC_CONF, STATE, VTAPES, HOLDING, FIXTURES, STAMPS and the helpers of common.sh.

NIGHTLY_ROUNDS=(0@-3d 0 1 0@holding)
NIGHTLY_DISKS=() NIGHTLY_DEVICES=() NIGHTLY_TYPES=() NIGHTLY_VERSIONS=() NIGHTLY_DUMPS=() NIGHTLY_WHAT=()

# read_nightly_disks TABLE: the NIGHTLY_* arrays, one entry per disk.
read_nightly_disks() {
  local disk device dumptype version dumps what round
  [ -f "$1" ] || die "no disk table $1"
  while read -r disk device dumptype version dumps what; do
    [[ -z "$disk" || "$disk" == \#* ]] && continue
    [[ "$disk" =~ ^[a-z0-9-]+$ && "$device" =~ ^([a-z0-9-]+|-)$ && "$dumptype" =~ ^nightly && -n "$version" && -n "$what" ]] \
      || die "$1: bad line for $disk (disk device dumptype version dumps what)"
    # The dumps must be rounds, in the rounds' order.
    local rest=" ${NIGHTLY_ROUNDS[*]} "
    for round in ${dumps//,/ }; do
      [[ "$rest" == *" $round "* ]] || die "$1: $disk: dumps $dumps: $round is no round, or out of order (${NIGHTLY_ROUNDS[*]})"
      rest=" ${rest#*" $round "}"
    done
    NIGHTLY_DISKS+=("$disk"); NIGHTLY_DEVICES+=("$([ "$device" = - ] && echo "$disk" || echo "$device")")
    NIGHTLY_TYPES+=("$dumptype"); NIGHTLY_VERSIONS+=("$version"); NIGHTLY_DUMPS+=("$dumps"); NIGHTLY_WHAT+=("$what")
  done < "$1"
}

describe_nightly() {
  local i
  for ((i = 0; i < ${#NIGHTLY_DISKS[@]}; i++)); do
    printf '  %-25s %s\n' "nightly/${NIGHTLY_DISKS[i]}" "dumps ${NIGHTLY_DUMPS[i]}: ${NIGHTLY_WHAT[i]}" | fold -s -w 118 | sed '2,$s/^/                            /'
  done
}

# The version the stamp holds: the schedule's and every disk's line but its description.
NIGHTLY_SCHEDULE_VERSION=1
nightly_version() {
  local i
  echo "schedule $NIGHTLY_SCHEDULE_VERSION"
  for ((i = 0; i < ${#NIGHTLY_DISKS[@]}; i++)); do
    echo "${NIGHTLY_DISKS[i]} ${NIGHTLY_DEVICES[i]} ${NIGHTLY_TYPES[i]} v${NIGHTLY_VERSIONS[i]} ${NIGHTLY_DUMPS[i]}"
  done
}

# nightly_catalogue: "disk dumps" per disk from `amadmin find`, dumps in the table's words: a dump on the holding disk
# is 0@holding, one over 36 hours older than the newest dump 0@-3d. A split dump's parts count once.
nightly_catalogue() {
  as_backup amadmin "$CONF" find | perl -ne '
    my @f = split;
    next unless @f >= 11 && $f[2] eq "localhost" && $f[-1] eq "OK";
    next if $seen{"$f[0] $f[1] $f[3]"}++;
    push @dumps, [ "$f[0] $f[1]", $f[3], $f[4], $f[5] ];
    END {
      use Time::Local;
      sub t { my @t = split /[- :]/, shift; timegm($t[5], $t[4], $t[3], $t[2], $t[1] - 1, $t[0]) }
      my ($newest) = sort { $b <=> $a } map { t($_->[0]) } @dumps;
      my %d;
      for (sort { $a->[0] cmp $b->[0] } @dumps) {
        my ($when, $disk, $lv, $storage) = @$_;
        $disk =~ s{.*/}{};
        my $w = $lv . ($storage eq "HOLDING" ? "\@holding" : $newest - t($when) > 36 * 3600 ? "\@-3d" : "");
        push @{ $d{$disk} }, $w;
      }
      print "$_ ", join(",", @{ $d{$_} }), "\n" for sort keys %d;
    }'
}
nightly_expected() {
  local i
  for ((i = 0; i < ${#NIGHTLY_DISKS[@]}; i++)); do echo "${NIGHTLY_DISKS[i]} ${NIGHTLY_DUMPS[i]}"; done | sort
}

# nightly_missing: why the schedule must be told again (nothing: it is complete and fresh).
nightly_missing() {
  local have=
  if [ -f "$STAMPS/$CONF" ]; then have=$(cat -- "$STAMPS/$CONF"); fi
  if [ "$have" != "$(nightly_version)" ]; then echo "stamp $STAMPS/$CONF differs from the disk table"; return; fi
  local i
  for ((i = 0; i < ${#NIGHTLY_DISKS[@]}; i++)); do
    [ -d "$FIXTURES/${NIGHTLY_DEVICES[i]}" ] || { echo "no $FIXTURES/${NIGHTLY_DEVICES[i]}"; return; }
  done
  if [ "$(nightly_catalogue)" != "$(nightly_expected)" ]; then echo "the catalogue (amadmin find) differs from the table"; return; fi
  local age; age=$(newest_dump_age_hours "$FIXTURES/live")
  if [ "$age" -ge 20 ]; then echo "its dumps are $age hours old"; fi
}

# nightly_reset: everything of CONF but its amanda.conf and disklist, and the fixtures, gone.
nightly_reset() {
  rm -f -- "$STAMPS/$CONF"
  rm -rf -- "${VTAPES:?}"/* "${HOLDING:?}"/* "${STATE:?}"/{curinfo,index,log} "${FIXTURES:?}"
  rm -f -- "$ETC_CONF"/tapelist* "$ETC_CONF/command_file"
  rm -f -- /var/lib/amanda/gnutar-lists/localhost"$(sed 's/_/__/g; s#/#_#g' <<<"$FIXTURES")"_*
  log "reset: $CONF's vtapes, holding disk, catalogue and fixtures removed"
}

nightly_build_fixtures() {
  local i dir
  for ((i = 0; i < ${#NIGHTLY_DISKS[@]}; i++)); do
    dir="$FIXTURES/${NIGHTLY_DEVICES[i]}"
    mkdir -p -- "$dir"
    "build_${NIGHTLY_DISKS[i]}" "$dir"
    find "$dir" -exec touch -h -d "$MTIME" -- {} +
  done
  log "fixtures built: ${NIGHTLY_DISKS[*]}"
}

# nightly_amdump ROUND DISK...: one amdump of DISKs (paths) for ROUND. Exit 2 (STRANGE) is accepted only when every
# strange dump is an encrypted one (amcrypt-ossl under OpenSSL 3 warns about its key derivation).
nightly_amdump() {
  local round=$1 rc=0 t0=${EPOCHREALTIME//[.,]/} pre=() opts=(--exact-match) strange; shift
  case "$round" in
    0@-3d) pre=(faketime '3 days ago') ;;
    0@holding) opts+=(--no-taper) ;;
  esac
  runuser -u backup -- "${pre[@]}" amdump "${opts[@]}" "$CONF" localhost "$@" || rc=$?
  log "round $round: amdump ${*##*/} exit $rc ($(secs_since "$t0")s)"
  [ "$rc" -eq 0 ] && return 0
  strange=$({ as_backup amreport "$CONF" || true; } | awk '/^STRANGE DUMP DETAILS/ { on = 1 } on && /^ *\/-- localhost/ { print $3 }' | sort -u)
  if [ "$rc" -eq 2 ] && [ -n "$strange" ] && ! grep -qvxF -f <(encrypted_disks) <<<"$strange"; then
    log "round $round: STRANGE only for $(tr '\n' ' ' <<<"$strange")(accepted: OpenSSL 3's warning)"
    return 0
  fi
  as_backup amreport "$CONF" || true
  die "amdump $CONF round $round exit $rc ($(amdump_bits "$rc")); amreport above"
}

# run_schedule: every round in order with its disks, then the changes after the last dump.
run_schedule() {
  local round i paths
  for round in "${NIGHTLY_ROUNDS[@]}"; do
    paths=()
    for ((i = 0; i < ${#NIGHTLY_DISKS[@]}; i++)); do
      [[ ",${NIGHTLY_DUMPS[i]}," == *",$round,"* ]] || continue
      paths+=("$FIXTURES/${NIGHTLY_DISKS[i]}")
      if [ "$round" = 1 ]; then
        if declare -F "change_${NIGHTLY_DISKS[i]}" >/dev/null; then "change_${NIGHTLY_DISKS[i]}" "$FIXTURES/${NIGHTLY_DEVICES[i]}"; fi
        as_backup amadmin "$CONF" force-level-1 localhost "$FIXTURES/${NIGHTLY_DISKS[i]}" >/dev/null
      fi
    done
    [ "${#paths[@]}" -eq 0 ] || nightly_amdump "$round" "${paths[@]}"
  done
  for ((i = 0; i < ${#NIGHTLY_DISKS[@]}; i++)); do
    if declare -F "after_${NIGHTLY_DISKS[i]}" >/dev/null; then "after_${NIGHTLY_DISKS[i]}" "$FIXTURES/${NIGHTLY_DEVICES[i]}"; fi
  done
  local have; have=$(nightly_catalogue)
  if [ "$have" != "$(nightly_expected)" ]; then
    diff <(nightly_expected) <(printf '%s\n' "$have") >&2 || true
    die "after the schedule, amadmin $CONF find differs from the disk table (diff above: < table, > catalogue)"
  fi
  nightly_version > "$STAMPS/$CONF"   # last, so an interrupted schedule is told again
}

# encrypted_disks: the paths of the disks whose dumptype encrypts (their dumps are STRANGE under OpenSSL 3).
encrypted_disks() {
  local i
  for ((i = 0; i < ${#NIGHTLY_DISKS[@]}; i++)); do
    if [ "${NIGHTLY_TYPES[i]}" = nightly-encrypt ]; then echo "$FIXTURES/${NIGHTLY_DISKS[i]}"; fi
  done
}
