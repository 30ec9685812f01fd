# nightly-config.sh - amanda.conf and disklist of configuration ba-nightly: a nightly schedule (dumpcycle 7, so
# incrementals happen), 384 KiB vtape parts, autoflush off, and one dumptype per kind of dump the disks need
# (exclusion, client and server compression, server encryption, the amgtar application). Sourced; uses CONF, ETC_CONF,
# STATE, VTAPES, HOLDING, NUM_SLOTS, FIXTURES, the NIGHTLY_* arrays of nightly.sh, log and write_if_changed.
# A change here that the existing dumps should follow (part-size, a dumptype) needs NIGHTLY_SCHEDULE_VERSION bumped in
# lib/nightly-schedule.sh: only the stamp decides whether the schedule is told again.

write_nightly_config() {
  install -d -o backup -g backup -m 0770 "$ETC_CONF"
  mark_config "$CONF"
  make_shared_folders
  install -d -o backup -g backup -m 0750 "$VTAPES" "$HOLDING" "$STATE" "$STATE/curinfo" "$STATE/index" "$STATE/log"
  local i
  for ((i = 1; i <= NUM_SLOTS; i++)); do
    [ -d "$VTAPES/slot$i" ] || install -d -o backup -g backup -m 0750 "$VTAPES/slot$i"
  done

  write_if_changed "$ETC_CONF/amanda.conf" <<AMANDA_CONF
# Written by BackupAcceptance provision/nightly.sh; re-running it overwrites changes.
org "$CONF"
mailto ""
dumpuser "backup"
dumpcycle 7               # a full at least weekly; incrementals between (amadmin force-level-1 picks them)
runspercycle 7
tapecycle $NUM_SLOTS tapes        # = num-slot; the schedule writes far fewer, so no vtape is ever reused
runtapes 1
autoflush no              # the holding disk's dump stays there
reserve 0                 # --no-taper runs in degraded mode; at the default 100 it dumps no level 0 at all
                          # ("Skipping: new disk can't be dumped in degraded mode")
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
tapetype "NIGHTLY-VTAPE"
labelstr "^$CONF-[0-9][0-9]*\$"
autolabel "$CONF-%%" empty volume_error

define tapetype NIGHTLY-VTAPE {
    comment "Virtual tapes, dumps split in parts"
    length 2048 mbytes
    part-size 384 kbytes  # the split disk's 1.2 MB go to tape in 4 parts
}

define holdingdisk hd1 {
    directory "$HOLDING"
    use 256 mbytes
    chunksize 0
}
holdingdisk "hd1"

define dumptype nightly {
    program "GNUTAR"
    auth "local"
    index yes
    compress none
    estimate calcsize
    record yes
    holdingdisk required
}

define dumptype nightly-exclude {
    nightly
    exclude "./cache"
}

define dumptype nightly-compclient {
    nightly
    compress client fast
}

define dumptype nightly-compserver {
    nightly
    compress server fast
}

# amcrypt-ossl reads its passphrase from ~backup/.am_passphrase.
define dumptype nightly-encrypt {
    nightly
    encrypt server
    server_encrypt "/usr/sbin/amcrypt-ossl"
    server_decrypt_option "-d"
}

define application-tool nightly-amgtar {
    plugin "amgtar"
}

define dumptype nightly-amgtar {
    nightly
    program "APPLICATION"
    application "nightly-amgtar"
    estimate client
}
AMANDA_CONF

  write_if_changed "$ETC_CONF/disklist" < <(
    echo "# Written by BackupAcceptance provision/nightly.sh (provision/disks/ba-nightly.tsv)"
    for ((i = 0; i < ${#NIGHTLY_DISKS[@]}; i++)); do
      printf 'localhost %-32s %-32s %s\n' "$FIXTURES/${NIGHTLY_DISKS[i]}" "$FIXTURES/${NIGHTLY_DEVICES[i]}" "${NIGHTLY_TYPES[i]}"
    done
  )
  chown backup:backup "$ETC_CONF/amanda.conf" "$ETC_CONF/disklist"
  chmod 0660 "$ETC_CONF/amanda.conf" "$ETC_CONF/disklist"
  write_client_config "$CONF"
}

# ensure_passphrase: amcrypt-ossl's passphrase, created only when absent (an existing one is never replaced: it may
# decrypt someone's dumps).
ensure_passphrase() {
  local file=~backup/.am_passphrase
  if [ -e "$file" ]; then log "passphrase present: $file"; return 0; fi
  (umask 077; od -An -N24 -tx1 /dev/urandom | tr -d ' \n' > "$file.tmp")
  chown backup:backup "$file.tmp"
  chmod 0600 "$file.tmp"
  mv -n -- "$file.tmp" "$file"
  rm -f -- "$file.tmp"
  log "passphrase created: $file (backup, 0600)"
}
