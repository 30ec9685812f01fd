# config.sh - one Amanda configuration on this host: its directories, amanda.conf and disklist, from a disk table
# (disks/<name>.tsv). Sourced; uses log, die and write_if_changed.

# shellcheck source=provision/lib/ownership.sh
source "$(dirname "${BASH_SOURCE[0]}")/ownership.sh"

# use_config NAME [SLOTS]: the configuration the functions below work on.
use_config() {
  # The name ends up in paths, a label regex and amanda.conf strings.
  [[ "$1" =~ ^[A-Za-z0-9_-]+$ ]] || die "bad configuration name: $1"
  CONF=$1
  claim_config "$CONF"   # a configuration the demo did not make stops the run here, before anything is written
  NUM_SLOTS=${2:-20}
  ETC_CONF="/etc/amanda/$CONF"
  STATE="/var/lib/amanda/$CONF"
  VTAPES="/srv/amanda/vtapes/$CONF"
  HOLDING="/srv/amanda/holding/$CONF"
  DLES=()
  HISTORY_DISKS=()
  FIXTURE_NAMES=()
}

# read_disks TABLE [SKIPPED...]: DLES ("disk dumptype"), HISTORY_DISKS, FIXTURE_NAMES and FIXTURE_VERSION from a
# disk table, leaving out the fixtures named after it.
read_disks() {
  local table=$1 disk dumptype version history what path; shift
  [ -f "$table" ] || die "no disk table $table"
  while read -r disk dumptype version history what; do
    [[ -z "$disk" || "$disk" == \#* ]] && continue
    [[ " $* " == *" $disk "* ]] && continue
    [[ "$dumptype" =~ ^gtar-(local|layered|skip)$ && "$history" =~ ^(yes|no)$ && -n "$what" ]] \
      || die "$table: bad line for $disk (disk dumptype version history what)"
    if [[ "$disk" == /* ]]; then
      path=$disk
    else
      path="$FIXTURES/$disk"
      FIXTURE_NAMES+=("$disk")
      FIXTURE_VERSION[$disk]=$version
      # The seed is part of randomnames' version: another seed rebuilds it.
      if [ "$disk" = randomnames ]; then FIXTURE_VERSION[$disk]="$version seed $SEED"; fi
    fi
    DLES+=("$path $dumptype")
    if [ "$history" = yes ]; then HISTORY_DISKS+=("$path"); fi
  done < "$table"
}

# describe_disks TABLE: the table as help text.
describe_disks() {
  local disk dumptype version history what
  while read -r disk dumptype version history what; do
    [[ -z "$disk" || "$disk" == \#* ]] && continue
    [[ "$disk" == /* ]] || disk="/srv/fixtures/$disk"
    printf '  %-25s %s\n' "$disk" "$what" | fold -s -w 118 | sed '2,$s/^/                            /'
  done < "$1"
}

# write_server_config: directories, vtape slots, amanda.conf and disklist of CONF.
write_server_config() {
  install -d -o backup -g backup -m 0770 "$ETC_CONF"
  mark_config "$CONF"
  make_shared_folders
  install -d -o backup -g backup -m 0750 "$VTAPES" "$HOLDING" "$STATE" "$STATE/curinfo" "$STATE/index"
  # amcheck exits 1 when the logdir is missing, although it only prints a NOTE.
  install -d -o backup -g backup -m 0750 "$STATE/log"
  # Pre-created slots: with none, auto-create-slot made only a single slot0.
  local i
  for ((i = 1; i <= NUM_SLOTS; i++)); do
    [ -d "$VTAPES/slot$i" ] || install -d -o backup -g backup -m 0750 "$VTAPES/slot$i"
  done

  write_if_changed "$ETC_CONF/amanda.conf" <<AMANDA_CONF
# Written by BackupAcceptance provision/amanda-demo.sh; re-running it overwrites changes.
org "$CONF"
mailto ""                 # no mail; amreport prints to stdout when run by hand
dumpuser "backup"
dumpcycle 0               # every run is a full (level 0) dump
runspercycle 1
tapecycle $NUM_SLOTS tapes        # = num-slot. Run $((NUM_SLOTS + 1)) relabels the oldest vtape and its dumps vanish;
                          # every run dumps all disks, so each disk always keeps recent dumps.
runtapes 1
infofile "$STATE/curinfo"
logdir   "$STATE/log"
indexdir "$STATE/index"
dtimeout 1800
ctimeout 30
etimeout 300

define changer vtapes {
    tpchanger "chg-disk:$VTAPES"
    property "num-slot" "$NUM_SLOTS"
    property "auto-create-slot" "yes"
}
tpchanger "vtapes"
tapetype "HARDDISK"
labelstr "^$CONF-[0-9][0-9]*\$"
autolabel "$CONF-%%" empty volume_error

define tapetype HARDDISK {
    comment "Virtual Tapes"
    length 2048 mbytes
}

# "define holdingdisk" alone is not enough: without the holdingdisk line below, amcheck is
# happy but every DLE fails with "can't dump required holdingdisk when no holdingdisk space".
define holdingdisk hd1 {
    directory "$HOLDING"
    use 512 mbytes
    chunksize 0
}
holdingdisk "hd1"

define dumptype gtar-local {
    program "GNUTAR"
    auth "local"          # amandad is forked over pipes: no inetd, no open port
    index yes             # amrecover browses the index
    compress none
    estimate calcsize
    record yes
    holdingdisk required
}

define dumptype gtar-layered {
    gtar-local
    dumpcycle 7           # fulls are not due every run: with amadmin force-level-1, the history runs are level 1
}

define dumptype gtar-skip {
    gtar-local
    strategy skip         # listed in the disklist, never dumped: the "no dumps" negative control
}
AMANDA_CONF

  write_if_changed "$ETC_CONF/disklist" < <(
    echo "# Written by BackupAcceptance provision/amanda-demo.sh"
    local dle
    for dle in "${DLES[@]}"; do printf 'localhost %-24s %s\n' "${dle% *}" "${dle##* }"; done
  )
  chown backup:backup "$ETC_CONF/amanda.conf" "$ETC_CONF/disklist"
  chmod 0660 "$ETC_CONF/amanda.conf" "$ETC_CONF/disklist"
  write_client_config "$CONF"
}

# write_client_config NAME [AUTH]: what `amrecover NAME` reads after /etc/amanda/amanda-client.conf (which the demo
# never writes: it is the site's): this host as index and tape server, and AUTH ("local"), in NAME's own folder.
write_client_config() {
  local etc="/etc/amanda/$1"
  write_if_changed "$etc/amanda-client.conf" <<CLIENT_CONF
# Written by BackupAcceptance provision/lib/config.sh
conf "$1"
index_server "localhost"
tape_server  "localhost"
auth "${2:-local}"
CLIENT_CONF
  chown backup:backup "$etc/amanda-client.conf"
  chmod 0644 "$etc/amanda-client.conf"
}

# check_config: amcheck, or die with its output.
check_config() {
  local out
  if ! out=$(as_backup amcheck "$CONF" 2>&1); then
    printf '%s\n' "$out" >&2
    die "amcheck $CONF failed (output above)"
  fi
  log "amcheck OK: $(grep -m1 '^Client check' <<<"$out" || echo 'no client line')"
}
