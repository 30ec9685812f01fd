#!/usr/bin/env bash
# amanda-demo.sh - build a real Amanda 3.5.1 server AND client on this one Debian 12 host, with
# fixture disks made to break naive amrecover drivers, and dump them to virtual tapes.
#
# Why: BackupAcceptance verifies backups by driving real `amrecover` sessions. Its tests and CI
# need a real catalogue to browse and restore from: odd file names (quotes, glob characters, TAB,
# non-ASCII, names that look like amrecover commands), an empty disk, a "hollow" disk of empty
# directories only, a disk that is listed but never dumped, and a large disk for walk speed.
#
# How: `auth "local"` everywhere, so amcheck/amdump/amrecover fork amandad over pipes; no inetd,
# ssh, systemd or open port is needed. Must run as root. Uses only bash, coreutils and perl
# (a bare Debian 12 has no python). Idempotent: a re-run checks the setup in seconds and dumps
# only when a dumpable disk lacks an OK dump, a fixture was rebuilt, or a dump is forced.
# Background: /work/shared/amanda-facts.md (sections 2, 3, 8, 9).
#
# Layout:
#   /etc/amanda/$AMANDA_CONFIG/{amanda.conf,disklist}   server config (backup:backup 0660)
#   /etc/amanda/amanda-client.conf                      what amrecover reads (auth local)
#   /var/lib/amanda/$AMANDA_CONFIG/{curinfo,index,log}  server state and per-dump indexes
#   /srv/amanda/vtapes/$AMANDA_CONFIG/slot1..slot20     chg-disk virtual tapes
#   /srv/amanda/holding/$AMANDA_CONFIG                  holding disk
#   /srv/fixtures/<name>                                fixture disks (see --help)
#   /srv/fixtures/.stamps/<name>                        fixture version; a match skips the rebuild
set -euo pipefail
# Functions too must hit the ERR trap, so a failure names its phase and line.
set -o errtrace

usage() {
  cat <<'EOF'
Usage: amanda-demo.sh [--force-dump] [--help]

Builds (as root, on Debian 12) a local Amanda 3.5.1 server+client with auth "local", chg-disk
virtual tapes and fixture disks, dumps them once, and smoke-tests amrecover. Re-runs are a fast
no-op unless a dump is missing, a fixture was rebuilt, or a dump is forced.

Options:
  --force-dump   run amdump even when every dumpable disk already has an OK dump
  -h, --help     print this help and exit

Environment:
  AMANDA_CONFIG=daily       configuration name (/etc/amanda/<name>, labels <name>-NN)
  AMANDA_BIG_FIXTURE=1      0 = neither create nor list /srv/fixtures/big
  AMANDA_FORCE_DUMP=0       1 = same as --force-dump
  AMANDA_RANDOM_NAMES_SEED  seed of /srv/fixtures/randomnames (default 20261126; "fresh" = a new
                            random seed). A different seed rebuilds that fixture and dumps again.

Disks (all on host localhost):
  /etc                      the real /etc
  /srv/fixtures/oddnames    >200 files, nested dirs, hostile names, binary.bin (bytes 0..255)
  /srv/fixtures/empty       an empty directory
  /srv/fixtures/hollow      7 nested empty directories, no file
  /srv/fixtures/notdumped   one file; dumptype with "strategy skip", so never dumped
  /srv/fixtures/randomnames ~100 dirs, ~300 files with random names (any byte but NUL and '/',
                            amrecover command words), from a seed; seed in .stamps/randomnames
  /srv/fixtures/big         2,000 directories, 20,000 files (AMANDA_BIG_FIXTURE=1)
  /srv/fixtures/shrinking   100 files at the dump before the latest, 50 at the latest (a count drop)
  /srv/fixtures/tampered    20 files; one changed after its latest dump, its old mtime put back
  /srv/fixtures/canary      canary.txt with a timestamp and token written before each dump, and a
                            new run-<timestamp>.txt each time (so consecutive dumps differ)
  /srv/fixtures/stale       10 files, never changed between its dumps (identical consecutive dumps)
  /srv/fixtures/lostindex   10 files, three dumps; the index of the dump before the latest is deleted
  /srv/fixtures/cutindex    20 files, one dump whose index file is cut to half (see faults.sh)
  /srv/fixtures/cuttape     10 files, dumps whose vtape files hold only the header: restores fail
  /srv/fixtures/layered     a level 0 then two level 1 dumps, files added, changed and deleted in
                            between: amrecover merges the chain (what the index-file count must match)
EOF
}

PROVISION_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)   # before the script leaves for /
CONF="${AMANDA_CONFIG:-daily}"
BIG="${AMANDA_BIG_FIXTURE:-1}"
FORCE_DUMP="${AMANDA_FORCE_DUMP:-0}"
SEED="${AMANDA_RANDOM_NAMES_SEED:-20261126}"

for arg in "$@"; do
  case "$arg" in
    --force-dump) FORCE_DUMP=1 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; printf '\namanda-demo: unknown argument: %s\n' "$arg" >&2; exit 2 ;;
  esac
done
# The name ends up in paths, a label regex and amanda.conf strings.
[[ "$CONF" =~ ^[A-Za-z0-9_-]+$ ]] || { echo "amanda-demo: bad AMANDA_CONFIG: $CONF" >&2; exit 2; }
[[ "$BIG" = 0 || "$BIG" = 1 ]] || { echo "amanda-demo: AMANDA_BIG_FIXTURE must be 0 or 1" >&2; exit 2; }
[[ "$FORCE_DUMP" = 0 || "$FORCE_DUMP" = 1 ]] || { echo "amanda-demo: AMANDA_FORCE_DUMP must be 0 or 1" >&2; exit 2; }
if [ "$SEED" = fresh ]; then SEED=$((SRANDOM % 1000000000)); fi
[[ "$SEED" =~ ^[0-9]+$ ]] || { echo "amanda-demo: AMANDA_RANDOM_NAMES_SEED must be a number or 'fresh'" >&2; exit 2; }

ETC_CONF="/etc/amanda/$CONF"
STATE="/var/lib/amanda/$CONF"
VTAPES="/srv/amanda/vtapes/$CONF"
HOLDING="/srv/amanda/holding/$CONF"
FIXTURES=/srv/fixtures
STAMPS="$FIXTURES/.stamps"
MTIME='2024-01-02 03:04:05 UTC'
NUM_SLOTS=20

# Bump a version to rebuild that fixture (and re-dump) on the next run.
declare -A FIXTURE_VERSION=([oddnames]=1 [empty]=1 [hollow]=1 [notdumped]=1 [big]=1 [randomnames]="1 seed $SEED" [shrinking]=1 [tampered]=1 [canary]=1 [stale]=1 [lostindex]=1 [cutindex]=1 [cuttape]=1 [layered]=1)

# Disklist, in order: disk and dumptype. Every dumptype but gtar-skip must end with an OK dump.
DLES=(
  "/etc gtar-local"
  "$FIXTURES/oddnames gtar-local"
  "$FIXTURES/empty gtar-local"
  "$FIXTURES/hollow gtar-local"
  "$FIXTURES/notdumped gtar-skip"
  "$FIXTURES/randomnames gtar-local"
  "$FIXTURES/shrinking gtar-local"
  "$FIXTURES/tampered gtar-local"
  "$FIXTURES/canary gtar-local"
  "$FIXTURES/stale gtar-local"
  "$FIXTURES/lostindex gtar-local"
  "$FIXTURES/cutindex gtar-local"
  "$FIXTURES/cuttape gtar-local"
  "$FIXTURES/layered gtar-layered"
)
# Dumped twice more by the history phase, changed in between: the negative controls that need a past.
HISTORY_DISKS=("$FIXTURES/shrinking" "$FIXTURES/tampered" "$FIXTURES/canary" "$FIXTURES/stale" "$FIXTURES/lostindex" "$FIXTURES/layered")
HISTORY_VERSION=3
if [ "$BIG" = 1 ]; then DLES+=("$FIXTURES/big gtar-local"); fi

# ------------------------------------------------------------------ helpers
T_START=${EPOCHREALTIME//[.,]/}   # microseconds; bash builtin, no fork, any locale
PHASE=
PHASE_T0=
PHASE_TIMES=()

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*"; }
die() { printf 'amanda-demo: ERROR: %s\n' "$*" >&2; exit 1; }
secs_since() { local d=$(( ${EPOCHREALTIME//[.,]/} - $1 )); printf '%d.%d' $((d / 1000000)) $((d % 1000000 / 100000)); }
as_backup() { runuser -u backup -- "$@"; }

phase_end() {
  [ -n "$PHASE" ] || return 0
  local s; s=$(secs_since "$PHASE_T0")
  log "-- $PHASE: ${s}s"
  PHASE_TIMES+=("$(printf '%-10s %7ss' "$PHASE" "$s")")
  PHASE=
}
phase() { phase_end; PHASE=$1; PHASE_T0=${EPOCHREALTIME//[.,]/}; log "== $PHASE"; }
trap 'printf "amanda-demo: failed in phase %s (line %s)\n" "${PHASE:-?}" "$LINENO" >&2' ERR

# Write stdin to FILE only when it differs, so re-runs keep mtimes and can say "unchanged".
write_if_changed() {
  local file=$1 new old=
  new=$(cat)
  if [ -f "$file" ]; then old=$(cat -- "$file"); fi
  if [ "$new" = "$old" ]; then log "unchanged: $file"; return 0; fi
  printf '%s\n' "$new" > "$file"
  log "written:   $file"
}

# ------------------------------------------------------------------ fixtures
# put FILE [CONTENT]: create FILE and its parents; the default content is FILE's own path.
put() {
  [ -d "${1%/*}" ] || mkdir -p -- "${1%/*}"
  printf '%s\n' "${2:-path: ${1#"$FIXTURES"/}}" > "$1"
}

build_oddnames() {
  local r=$1 d f lvl deep a b c k n body
  put "$r/README.txt" "oddnames fixture root: hostile names for amrecover drivers (see amanda-demo.sh)"
  perl -e 'print map { chr } 0 .. 255' > "$r/binary.bin"
  put "$r/extract" 'a file named like the amrecover command "extract"'
  put "$r/-leading-dash.txt"
  # A directory named like an amrecover command, holding files named like commands.
  put "$r/ls/ls"; put "$r/ls/cd"; put "$r/ls/quit"
  # The sentinel name of the old end-of-output trick must be a real directory here.
  put "$r/intentionally-invalid/marker.txt"; put "$r/intentionally-invalid/second file.txt"

  # shellcheck disable=SC2016 # literal $ in names is the point
  local files=(
    " leading space.txt" "trailing space.txt " "inner space.txt" "two  spaces.txt"
    "quote'single.txt" 'quote"double.txt' 'back\slash.txt' 'back\\double.txt'
    "star*.txt" "question?.txt" "bracket[1].txt" "open[bracket.txt" "close]bracket.txt"
    "ünïcødé.txt" "файл.txt" "日本語.txt" "中文.txt" "emoji-😀.txt" "emoji-👩‍💻-zwj.txt"
    $'tab\there.txt' "semi;colon.txt" "amp&ersand.txt" "hash#tag.txt" "percent%20.txt"
    'dollar$HOME.txt' "colon:name.txt" ';&#%$:all.txt' "dots...txt" "~tilde.txt"
  )
  for f in "${files[@]}"; do put "$r/odd-files/$f"; done

  # Each odd directory: a marker naming it, a file named after it, and a same-named subdirectory,
  # so odd names also appear at depth 3 (dir/dir/leaf.txt).
  local dirs=(
    " leading space dir" "trailing space dir " "dir with spaces" "quote'dir" 'quote"dir'
    'back\dir' "star*dir" "question?dir" "globdir[1]" "globdir1" "open[dir" "close]dir"
    "-dash-dir" "ünïcødé-dir" "кириллица" "漢字ディレクトリ" "emoji-🎉-dir" ';&#%$:dir'
  )
  for d in "${dirs[@]}"; do
    put "$r/$d/which-dir.txt" "this is directory [$d]"
    put "$r/$d/$d.txt"
    put "$r/$d/$d/leaf.txt"
  done

  deep="$r/deep"
  for lvl in "level 1" "nïveau 2" "[level] 3" "level*4" "lev?el 5" "уровень 6"; do
    deep+="/$lvl"
    put "$deep/at $lvl.txt"
  done

  # Plain bulk with varying sizes, to pass 200 files and give checksums something to chew.
  for a in 0 1 2; do
    for b in 0 1 2 3; do
      for c in 0 1 2; do
        for k in 0 1 2 3; do
          body=
          for ((n = 0; n <= k * 8; n++)); do body+="line $n of d$a/e$b/f$c/file0$k"$'\n'; done
          put "$r/sub/d$a/e$b/f$c/file0$k.dat" "${body%$'\n'}"
        done
      done
      put "$r/sub/d$a/e$b/mid.txt"
    done
    put "$r/sub/d$a/top.txt"
  done
  mkdir -p -- "$r/emptydir" "$r/sub/emptynested/deeper"
}

build_empty() { :; }
build_hollow() { mkdir -p -- "$1/a/b/c" "$1/d/e" "$1/f/g"; }
build_notdumped() { put "$1/never-dumped.txt" "this disk has strategy skip; no dump may ever contain me"; }

build_shrinking() { local i; for i in $(seq -w 1 100); do put "$1/part$((10#$i % 10))/file$i.txt"; done; }
build_tampered() { local i; for i in $(seq -w 1 20); do put "$1/doc$i.txt" "document $i: original content"; done; }
build_canary() { write_canary "$1"; }
build_stale() { local i; for i in $(seq -w 1 10); do put "$1/unchanging$i.txt" "never changes $i"; done; }
build_lostindex() { local i; for i in $(seq -w 1 10); do put "$1/kept$i.txt" "kept $i"; done; }
build_cuttape() { local i; for i in $(seq -w 1 10); do put "$1/file$i.txt" "on tape $i"; done; }
build_layered() { local i; for i in $(seq -w 1 12); do put "$1/base$((10#$i % 3))/file$i.txt" "level 0 $i"; done; }
# Between layered's dumps: one file goes, one changes, one directory and file arrive (level 1 dumps see only these).
change_layered() {
  local round=$1
  rm -f -- "$FIXTURES/layered/base1/file0$round.txt"
  printf 'changed before dump %s\n' "$round" > "$FIXTURES/layered/base2/file02.txt"
  put "$FIXTURES/layered/added$round/new$round.txt" "added before dump $round"
}
build_cutindex() { local i; for i in $(seq -w 1 20); do put "$1/dir$((10#$i % 4))/file$i.txt" "indexed $i"; done; }

# The canary a scenario restores: a timestamp and token planted right before the dump.
write_canary() {
  local now; now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  printf 'canary %s token %s\n' "$now" "$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')" > "$1/canary.txt"
  printf 'run %s\n' "$now" > "$1/run-${now//:/}.txt"
  # Keep the three newest run files, so the tree stays small but each dump differs from the one before.
  find "$1" -maxdepth 1 -name 'run-*.txt' | sort | head -n -3 | xargs -r rm -f --
}

# Random names for the property test of the amrecover driver: every byte but NUL and '/', plus words that
# are amrecover commands or its prompt. Deterministic for a seed (perl's srand/rand), so a failure replays.
build_randomnames() {
  perl -e '
    my ($root, $seed) = @ARGV;
    srand($seed);
    my @words = ("extract", "lcd ~", "quit", "exit", "amrecover> ", "cd ..", "ls", "add *", "setdisk etc",
      "history", "\"", "\\", "*", "?", "[a-z]", "[", "]", "-rf", " ", "..x", "\n", "\t", "\r", "\x7f", "\x01",
      "a\nquit", "\\101", "%s%n", "\x1b[2J");
    sub random_name {
      my $taken = shift;
      while (1) {
        my $name;
        if (rand() < 0.25) {
          $name = $words[int rand @words] . (rand() < 0.5 ? "" : chr(48 + int rand 75));
        } else {
          $name = join "", map { my $b; do { $b = 1 + int rand 255 } while ($b == 47); chr $b } 1 .. 1 + int rand 20;
        }
        next if $name eq "." || $name eq ".." || $taken->{$name}++;
        return $name;
      }
    }
    sub fill {
      my ($dir, $depth) = @_;
      my %taken;
      for (1 .. 2 + int rand 3) {
        my $file = "$dir/" . random_name(\%taken);
        open my $h, ">", $file or die "$file: $!";
        print $h join "", map { chr int rand 256 } 1 .. int rand 3000;
        close $h or die;
      }
      return if $depth >= 3;
      for (1 .. ($depth == 0 ? 8 : 2 + int rand 2)) {
        my $sub = "$dir/" . random_name(\%taken);
        mkdir $sub or die "$sub: $!";
        fill($sub, $depth + 1);
      }
    }
    # Every word once as a file and once as a directory at the top, then the random tree.
    my $i = 0;
    for my $w (@words) {
      open my $h, ">", "$root/$w" or die "$w: $!"; print $h "word " . $i++ . "\n"; close $h;
      mkdir "$root/$w.d" or die "$w.d: $!";
      open $h, ">", "$root/$w.d/$w" or die; print $h "inside\n"; close $h;
    }
    mkdir "$root/tree" or die; fill("$root/tree", 0);
  ' "$1" "$SEED"
}

# 20 tops x (10 files + 99 subdirs x 10 files) = 2,000 dirs and 20,000 files below the root.
build_big() {
  perl -e '
    my $r = shift;
    sub files { my $d = shift; for my $f (0 .. 9) {
      open my $h, ">", sprintf("%s/file%02d.txt", $d, $f) or die "$d: $!";
      print $h "$d file$f\n"; close $h or die } }
    for my $t (0 .. 19) {
      my $td = sprintf "%s/t%02d", $r, $t; mkdir $td or die "$td: $!"; files($td);
      for my $s (0 .. 98) { my $sd = sprintf "%s/s%02d", $td, $s; mkdir $sd or die "$sd: $!"; files($sd) }
    }' "$1"
}

REBUILT=()
# ensure_fixture NAME: rebuild /srv/fixtures/NAME unless its stamp holds the current version.
ensure_fixture() {
  local name=$1 dir="$FIXTURES/$1" want=${FIXTURE_VERSION[$1]} have=
  if [ -f "$STAMPS/$name" ]; then read -r have < "$STAMPS/$name" || true; fi
  if [ -d "$dir" ] && [ "$have" = "$want" ]; then log "fixture $name v$want present"; return 0; fi
  local t0=${EPOCHREALTIME//[.,]/}
  rm -rf -- "$dir"
  mkdir -p -- "$dir"
  "build_$name" "$dir"
  find "$dir" -exec touch -h -d "$MTIME" -- {} +   # reproducible listings and restores
  printf '%s\n' "$want" > "$STAMPS/$name"          # last, so an interrupted build is redone
  REBUILT+=("$name")
  log "fixture $name v$want built ($(secs_since "$t0")s)"
}

count() { find "$1" -mindepth 1 -type "$2" | wc -l; }

# ------------------------------------------------------------------ main
[ "$(id -u)" = 0 ] || die "must run as root (amrecover refuses anyone else)"
cd /   # runuser keeps the cwd; backup must be able to enter it

phase packages
if [ "$(dpkg-query -W -f='${Status}' amanda-server amanda-client 2>/dev/null)" != "install ok installedinstall ok installed" ]; then
  log "installing amanda-server amanda-client"
  apt-get update -qq
  # The postinsts may try to start inetd and exim4; auth local needs neither.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq amanda-server amanda-client
fi
log "amanda-server $(dpkg-query -W -f='${Version}' amanda-server)"
getent passwd backup >/dev/null || die "user backup missing after install"

phase fixtures
mkdir -p -- "$STAMPS"
for name in oddnames empty hollow notdumped randomnames shrinking tampered canary stale lostindex cutindex cuttape layered; do ensure_fixture "$name"; done
if [ "$BIG" = 1 ]; then ensure_fixture big; else log "fixture big skipped (AMANDA_BIG_FIXTURE=0)"; fi

phase config
install -d -o backup -g backup -m 0770 "$ETC_CONF"
install -d -o backup -g backup -m 0750 /srv/amanda /srv/amanda/vtapes /srv/amanda/holding \
  "$VTAPES" "$HOLDING" "$STATE" "$STATE/curinfo" "$STATE/index"
# amcheck exits 1 when the logdir is missing, although it only prints a NOTE.
install -d -o backup -g backup -m 0750 "$STATE/log"
# Pre-created slots: with none, auto-create-slot made only a single slot0.
for ((i = 1; i <= NUM_SLOTS; i++)); do
  [ -d "$VTAPES/slot$i" ] || install -d -o backup -g backup -m 0750 "$VTAPES/slot$i"
done

write_if_changed "$ETC_CONF/amanda.conf" <<EOF
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
EOF

write_if_changed "$ETC_CONF/disklist" < <(
  echo "# Written by BackupAcceptance provision/amanda-demo.sh"
  for dle in "${DLES[@]}"; do printf 'localhost %-24s %s\n' "${dle% *}" "${dle##* }"; done
)

# amrecover reads this one (and /etc/amanda/<conf>/amanda-client.conf if present).
write_if_changed /etc/amanda/amanda-client.conf <<EOF
# Written by BackupAcceptance provision/amanda-demo.sh
conf "$CONF"
index_server "localhost"
tape_server  "localhost"
auth "local"
EOF

chown backup:backup "$ETC_CONF/amanda.conf" "$ETC_CONF/disklist" /etc/amanda/amanda-client.conf
chmod 0660 "$ETC_CONF/amanda.conf" "$ETC_CONF/disklist"
chmod 0644 /etc/amanda/amanda-client.conf

phase amcheck
if ! amcheck_out=$(as_backup amcheck "$CONF" 2>&1); then
  printf '%s\n' "$amcheck_out" >&2
  die "amcheck $CONF failed (output above)"
fi
log "amcheck OK: $(grep -m1 '^Client check' <<<"$amcheck_out" || echo 'no client line')"

phase dump
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

mapfile -t missing < <(missing_dumps)
reasons=()
if [ "$FORCE_DUMP" = 1 ]; then reasons+=("forced"); fi
if [ "${#missing[@]}" -gt 0 ]; then reasons+=("no OK dump: ${missing[*]}"); fi
if [ "${#REBUILT[@]}" -gt 0 ]; then reasons+=("fixtures rebuilt: ${REBUILT[*]}"); fi
# The demo features expect dumps under a day old; a demo used daily is dumped again once it is not.
newest_canary_age_hours() {
  local newest
  newest=$(as_backup amadmin "$CONF" find localhost "$FIXTURES/canary" 2>/dev/null | awk '$NF=="OK"{print $1" "$2}' | sort | tail -1)
  [ -n "$newest" ] || { echo 9999; return; }
  echo $(( ($(date +%s) - $(date -d "$newest" +%s)) / 3600 ))
}
if [ "${#missing[@]}" -eq 0 ] && [ "$(newest_canary_age_hours)" -ge 20 ]; then reasons+=("the demo's dumps are over 20 hours old"); fi

if [ "${#reasons[@]}" -eq 0 ]; then
  log "every dumpable disk has an OK dump; no amdump (--force-dump to dump anyway)"
else
  why=$(printf '%s; ' "${reasons[@]}")
  log "amdump needed: ${why%; }"
  # Always all disks in one run: every run takes a vtape, so per-disk runs rotate the others out.
  run_amdump
  mapfile -t missing < <(missing_dumps)
  [ "${#missing[@]}" -eq 0 ] || die "amdump exited 0 but these disks have no OK dump: ${missing[*]}"
  as_backup amreport "$CONF" | sed -n '/^DUMP SUMMARY/,/^(brought to you/p'
fi

phase history
# The controls that need a past: two more dumps of HISTORY_DISKS, with changes between and after them.
# Redone whenever the main dump ran (it dumped them in their changed state) and on a new HISTORY_VERSION.
have_history=
if [ -f "$STAMPS/history" ]; then read -r have_history < "$STAMPS/history" || true; fi
if [ "${#reasons[@]}" -gt 0 ] || [ "$have_history" != "$HISTORY_VERSION" ]; then
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
else
  log "history v$HISTORY_VERSION present (canary dumped $(newest_canary_age_hours) h ago)"
fi

phase prewarm
# amindexd sorts a dump's index file the first time anyone browses it; two amindexd doing that at once for the
# same dump answer '500 "/" is an invalid directory'. Tests run amrecover sessions in parallel (and in two
# processes), so browse every dump once here, in one session, while nothing else runs.
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
prewarm_commands | PAGER=cat TERM=xterm amrecover "$CONF" -h localhost > /dev/null 2>&1 || true
log "browsed every dump once ($(as_backup amadmin "$CONF" find | grep -c ' OK *$') dumps)"

phase faults
# After the prewarm: amindexd's first browse of a cut-short index re-compresses what it could read.
# shellcheck source=provision/faults.sh
source "$PROVISION_DIR/faults.sh"
damage_fixtures

phase smoke
smoke=$(printf 'setdisk %s\nls\nquit\n' "$FIXTURES/oddnames" | PAGER=cat TERM=xterm amrecover "$CONF" -h localhost 2>&1) || true
if ! grep -q ' README\.txt$' <<<"$smoke"; then
  printf '%s\n' "$smoke" >&2
  die "amrecover smoke test failed: no README.txt at the root of $FIXTURES/oddnames"
fi
log "amrecover lists README.txt in $FIXTURES/oddnames"
phase_end

# ------------------------------------------------------------------ summary
echo
echo "Summary for config $CONF:"
printf '  %-24s %-10s %7s %6s\n' disk dumptype files dirs
for dle in "${DLES[@]}"; do
  d=${dle% *}
  printf '  %-24s %-10s %7s %6s\n' "$d" "${dle##* }" "$(count "$d" f)" "$(count "$d" d)"
done
as_backup amadmin "$CONF" find   # prints its own leading blank line
echo
echo "Phases:"
printf '  %s\n' "${PHASE_TIMES[@]}"
log "total $(secs_since "$T_START")s"
