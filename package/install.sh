#!/usr/bin/env bash
# install.sh [--prefix DIR] [--bin DIR] [--etc DIR] [--state DIR] - installs this release (run it from the unpacked
# tarball: sudo ./backup-acceptance-VERSION/install.sh). Installing again, from a newer release, is the upgrade.
#   the program     PREFIX/releases/VERSION, PREFIX/current -> it (switched at once)     (/opt/backup-acceptance)
#   the command     BIN/backup-acceptance, which runs PREFIX/current/run.sh                (/usr/local/bin)
#   site data       ETC/features (your feature files), ETC/settings.conf                  (/etc/backup-acceptance)
#                   STATE/results, STATE/history, STATE/evidence                          (/var/lib/backup-acceptance)
# Site data is made when missing and never changed or removed: an upgrade keeps it. Older releases stay in
# PREFIX/releases (installing one again goes back to it). Other places than the defaults are written into the command.
set -Eeuo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
prefix=/opt/backup-acceptance bin=/usr/local/bin etc=/etc/backup-acceptance state=/var/lib/backup-acceptance
die() { printf 'install.sh: %s\n' "$*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix|--bin|--etc|--state)
      [ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs a folder"
      [[ "$2" != *[\"\'\$\`\\]* ]] || die "$1: a folder name with quotes, \$, \` or \\ is refused"
      declare "${1#--}=$(realpath -m -- "$2")"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[ -f "$here/RELEASE" ] && [ -x "$here/programs/BackupAcceptance.Suite" ] && [ -f "$here/run.sh" ] \
  || die "$here is not an unpacked release (RELEASE, run.sh, programs/): run the install.sh inside it"
version=$(sed -n 's/^backup-acceptance //p' "$here/RELEASE")
[[ "$version" =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ ]] || die "$here/RELEASE names no version"

# What run.sh needs on the server besides itself (Debian 12 has these in its base system, Amanda's packages the rest).
missing=()
for tool in bash flock setsid pkill find sha256sum tar; do command -v "$tool" >/dev/null || missing+=("$tool"); done
[ "${#missing[@]}" = 0 ] || die "missing on this machine: ${missing[*]} (Debian: apt-get install util-linux procps findutils coreutils tar)"
command -v amrecover >/dev/null || [ -x /usr/sbin/amrecover ] \
  || echo "install.sh: note: amrecover is not installed here: the checks need an Amanda client (apt-get install amanda-client)" >&2

umask 022
target="$prefix/releases/$version"
mkdir -p -- "$prefix/releases"
if [ "$(realpath -- "$here")" != "$(realpath -m -- "$target")" ]; then
  # Copied beside, then renamed into place: a run that starts meanwhile sees the old release or the new one, whole.
  rm -rf -- "$target.new"
  cp -a -- "$here" "$target.new"
  # The installer's owner, never the unpacker's: a release unpacked by a user and installed with sudo would otherwise
  # stay writable by that user, and root runs it every night. Nobody but the owner may write it.
  chown -R --no-dereference "$(id -u):$(id -g)" -- "$target.new"
  chmod -R u+rwX,go+rX,go-w -- "$target.new"
  rm -rf -- "$target"
  mv -- "$target.new" "$target"
else
  # Installed where it was unpacked: made the installer's all the same (root's tar keeps the archive's owners).
  chown -R --no-dereference "$(id -u):$(id -g)" -- "$target"
  chmod -R u+rwX,go+rX,go-w -- "$target"
fi
ln -sfn "releases/$version" "$prefix/current.new"
mv -T -- "$prefix/current.new" "$prefix/current"

# The command. Non-default places become its defaults (the environment and settings still override them).
mkdir -p -- "$bin"
{
  echo '#!/bin/sh'
  echo "# backup-acceptance: the installed release's front door (written by install.sh; installing again rewrites it)."
  [ "$etc" = /etc/backup-acceptance ] || {
    echo ": \"\${BACKUP_ACCEPTANCE_FEATURES:=$etc/features}\"; export BACKUP_ACCEPTANCE_FEATURES"
    echo "[ ! -f '$etc/allure-config.json' ] || { : \"\${BACKUP_ACCEPTANCE_ALLURE_CONFIG:=$etc/allure-config.json}\"; export BACKUP_ACCEPTANCE_ALLURE_CONFIG; }"
  }
  [ "$state" = /var/lib/backup-acceptance ] || {
    echo ": \"\${BACKUP_ACCEPTANCE_RESULTS:=$state/results}\"; export BACKUP_ACCEPTANCE_RESULTS"
    echo ": \"\${BACKUP_ACCEPTANCE_ALLURE_HISTORY:=$state/history/history.jsonl}\"; export BACKUP_ACCEPTANCE_ALLURE_HISTORY"
    echo ": \"\${BACKUP_ACCEPTANCE_COUNT_HISTORY:=$state/history/counts.jsonl}\"; export BACKUP_ACCEPTANCE_COUNT_HISTORY"
    echo ": \"\${BACKUP_ACCEPTANCE_ESTATE_HISTORY:=$state/history/estate.jsonl}\"; export BACKUP_ACCEPTANCE_ESTATE_HISTORY"
    echo ": \"\${BACKUP_ACCEPTANCE_EVIDENCE_DIR:=$state/evidence}\"; export BACKUP_ACCEPTANCE_EVIDENCE_DIR"
  }
  echo "exec '$prefix/current/run.sh' \"\$@\""
} > "$bin/backup-acceptance.new"
chmod 0755 "$bin/backup-acceptance.new"
mv -f -- "$bin/backup-acceptance.new" "$bin/backup-acceptance"

# Site data: made when missing, never touched otherwise. Results and histories are private to whoever runs the
# checks (run.sh makes and tightens them); their parent is not writable by anyone else (run.sh refuses one that is).
new_features=0
[ -d "$etc/features" ] || new_features=1
mkdir -p -- "$etc/features" "$state"
chmod go-w -- "$etc" "$state"

echo "Installed backup-acceptance $version in $target"
echo "  command:  $bin/backup-acceptance  (runs $prefix/current/run.sh)"
echo "  features: $etc/features$([ "$new_features" = 0 ] || echo ' (new and empty: write a baseline first)')"
echo "  results:  $state/results; histories: $state/history"
others=$(cd "$prefix/releases" && ls -1 | grep -vxF "$version" | paste -sd ' ' -) || others=""
[ -z "$others" ] || echo "  older releases kept in $prefix/releases: $others (remove one with rm -rf)"
echo "Next: $bin/backup-acceptance baseline CONFIG --out $etc/features/CONFIG.feature, then $bin/backup-acceptance"
