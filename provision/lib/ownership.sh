# ownership.sh - the demo writes only Amanda files it made. It runs where the suite runs: on a site's Amanda server,
# whose own configurations (often called daily) and client file must come through byte-identical. Sourced; uses die
# and log.

# A configuration folder the demo made holds this marker; earlier demo versions are known by their amanda.conf header.
DEMO_MARK=.backup-acceptance-demo
DEMO_HEADER='# Written by BackupAcceptance'

# claim_config NAME: the demo may write configuration NAME (its folder in /etc/amanda and its state, vtapes and
# holding folders) only when none of them exists, or the folder in /etc/amanda is the demo's. Otherwise it stops
# here, before anything is written.
claim_config() {
  local name=$1 etc="/etc/amanda/$1" path
  if [ -e "$etc/$DEMO_MARK" ]; then return 0; fi
  if [ -f "$etc/amanda.conf" ] && head -n1 -- "$etc/amanda.conf" | grep -qF "$DEMO_HEADER"; then return 0; fi
  for path in "$etc" "/var/lib/amanda/$name" "/srv/amanda/vtapes/$name" "/srv/amanda/holding/$name"; do
    [ ! -e "$path" ] && [ ! -L "$path" ] && continue
    die "refusing to touch Amanda configuration '$name': $path exists and the demo did not make it (no $etc/$DEMO_MARK); nothing was written. Give the demo another name (AMANDA_CONFIG=...)"
  done
}

# make_shared_folders: /srv/amanda and its vtapes and holding folders may hold a site's own: made when missing, never
# re-owned or re-moded when there.
make_shared_folders() {
  local dir
  for dir in /srv/amanda /srv/amanda/vtapes /srv/amanda/holding; do
    [ -d "$dir" ] || install -d -o backup -g backup -m 0750 "$dir"
  done
}

# mark_config: after claim_config, the configuration folder carries the marker, so a later run knows it.
mark_config() {
  local etc="/etc/amanda/$1"
  [ -e "$etc/$DEMO_MARK" ] && return 0
  printf 'Made by BackupAcceptance provision/ (the demo). The demo rewrites this configuration; delete the folder to be rid of it.\n' > "$etc/$DEMO_MARK"
  chmod 0644 "$etc/$DEMO_MARK"
}

# claim_amandahosts LINE...: Amanda's access file must hold LINEs. It is written only when it already holds them (no
# write), when it is missing, or when it is still exactly the file the amanda-common package shipped (its conffile
# checksum); a file someone edited is never touched: the demo stops and names the lines to add.
claim_amandahosts() {
  local file=/etc/amandahosts line missing=() shipped
  for line in "$@"; do
    grep -qxF -- "$line" "$file" 2>/dev/null || missing+=("$line")
  done
  [ "${#missing[@]}" -eq 0 ] && { log "unchanged: $file (holds the demo's lines)"; return 0; }
  shipped=$(dpkg-query -W -f='${Conffiles}\n' amanda-common 2>/dev/null | awk -v f="$file" '$1 == f {print $2}')
  if [ -e "$file" ] && { [ -z "$shipped" ] || [ "$(md5sum < "$file" | cut -d' ' -f1)" != "$shipped" ]; }; then
    die "refusing to edit $file: it is not the file the amanda-common package shipped, and it lacks: $(printf "'%s' " "${missing[@]}")- add them yourself if the demo's bsdtcp configuration should work here; no Amanda file was written"
  fi
  printf '%s\n' "$@" > "$file"
  log "written:   $file (it was the package's own, as shipped)"
}
