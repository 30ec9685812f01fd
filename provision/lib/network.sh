# network.sh - the demo's dumps served over the network, as most sites reach their Amanda server: amandad with
# auth "bsdtcp" under Debian's openbsd-inetd (port 10080, the amanda line Debian puts in /etc/inetd.conf), and a
# second configuration name whose amanda-client.conf says auth "bsdtcp". `amrecover NET_CONF` then connects to
# localhost:10080 like a client on another machine would, and is served the same index, catalogue and vtapes as
# CONF (its amanda.conf and disklist only include CONF's). Sourced; uses CONF, log, die, write_if_changed.

# What /etc/amandahosts must allow: backup runs amdump; root runs amrecover (amindexd, amidxtaped).
AMANDAHOSTS_LINES=("localhost backup amdump" "localhost root amindexd amidxtaped")

# serve_over_bsdtcp NET_CONF: configuration, .amandahosts and a running inetd.
serve_over_bsdtcp() {
  local net=$1 etc="/etc/amanda/$1"
  [[ "$net" =~ ^[A-Za-z0-9_-]+$ && "$net" != "$CONF" ]] || die "bad network configuration name: $net"
  claim_config "$net"
  install -d -o backup -g backup -m 0770 "$etc"
  write_if_changed "$etc/amanda.conf" <<NET_CONF
# Written by BackupAcceptance provision/lib/network.sh: $CONF's dumps under another name, for clients over bsdtcp.
includefile "/etc/amanda/$CONF/amanda.conf"
tapelist "/etc/amanda/$CONF/tapelist"   # a relative name would mean one of its own, with no dump in it
# The tapelist names the storage that wrote each vtape: $CONF's implicit one. Without it here, amidxtaped refuses
# every restore ("Storage '$CONF' not found"; amrecover only says "Got no header and data from server").
define storage "$CONF" {
    tpchanger "vtapes"
}
storage "$CONF"
NET_CONF
  write_if_changed "$etc/disklist" <<NET_DISKLIST
# Written by BackupAcceptance provision/lib/network.sh
includefile "/etc/amanda/$CONF/disklist"
NET_DISKLIST
  write_client_config "$net" bsdtcp
  mark_config "$net"
  chown backup:backup "$etc/amanda.conf" "$etc/disklist"
  chmod 0660 "$etc/amanda.conf" "$etc/disklist"

  # Who may ask amandad for what: backup runs amdump; root runs amrecover (amindexd, amidxtaped).
  claim_amandahosts "${AMANDAHOSTS_LINES[@]}"

  grep -q '^amanda[[:space:]].*amandad.*-auth=bsdtcp' /etc/inetd.conf \
    || die "/etc/inetd.conf has no bsdtcp amandad line (Debian's amanda-common adds it)"
  # -R: each amrecover start is a connection; at the default of 256 a minute inetd turns the service off under
  # parallel test runs. An inetd started without it (by the package's postinst) is restarted with it.
  local pid
  pid=$(cat /run/inetd.pid 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && ! tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- '-R 100000'; then
    kill "$pid"; log "inetd $pid ran without -R 100000: restarted"
    local j; for j in 1 2 3 4 5 6 7 8 9 10; do listening 10080 || break; sleep 0.2; done
  fi
  if ! listening 10080; then
    start_daemon /usr/sbin/inetd -R 100000 /etc/inetd.conf || die "inetd did not start"
    local i
    for i in 1 2 3 4 5 6 7 8 9 10; do listening 10080 && break; sleep 0.2; done
    listening 10080 || die "inetd started but nothing listens on port 10080"
    log "inetd started: amandad answers on port 10080 (bsdtcp)"
  else
    log "port 10080 already served (inetd running)"
  fi
}

# start_daemon COMMAND...: a daemon that outlives provisioning carries nothing of its caller's: not a run's
# BACKUP_ACCEPTANCE_RUN_ID (a run's watchdog kills every process that names its run) and no inherited descriptor (an
# inetd started under `flock FILE` held the lock for as long as it ran).
start_daemon() {
  (
    local fd
    for fd in /proc/self/fd/*; do fd=${fd##*/}; [ "$fd" -le 2 ] || eval "exec $fd>&-"; done 2>/dev/null
    exec env -u BACKUP_ACCEPTANCE_RUN_ID "$@" </dev/null
  )
}

# listening PORT: a TCP socket listens on PORT (from /proc: no iproute2 needed). State 0A is LISTEN.
listening() { awk -v port="$(printf ':%04X' "$1")" '$2 ~ port"$" && $4 == "0A" { found = 1 } END { exit !found }' /proc/net/tcp /proc/net/tcp6 2>/dev/null; }
