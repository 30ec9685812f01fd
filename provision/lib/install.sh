# install.sh - Debian's Amanda 3.5.1 (server and client on this one host). Sourced; uses log and die.

install_amanda() {
  if [ "$(dpkg-query -W -f='${Status}' amanda-server amanda-client 2>/dev/null)" != "install ok installedinstall ok installed" ]; then
    log "installing amanda-server amanda-client"
    apt-get update -qq
    # The postinsts may try to start inetd and exim4; auth local needs neither.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq amanda-server amanda-client
  fi
  log "amanda-server $(dpkg-query -W -f='${Version}' amanda-server)"
  getent passwd backup >/dev/null || die "user backup missing after install"
}

# The tools the fixtures are made with and checked by (the data-check control's SQLite databases).
install_fixture_tools() {
  command -v sqlite3 >/dev/null && return 0
  log "installing sqlite3"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null
}

# What the ba-nightly configuration needs besides Amanda: faketime (its level 0 three days back) and openssl
# (amcrypt-ossl, its encrypted disk).
install_nightly_tools() {
  local missing=()
  command -v faketime >/dev/null || missing+=(faketime)
  command -v openssl >/dev/null || missing+=(openssl)
  [ "${#missing[@]}" -eq 0 ] && return 0
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# ensure_faketime: the configurations dated in the past or the future (aged.sh, state.sh) dump under faketime.
ensure_faketime() {
  command -v faketime >/dev/null && return 0
  log "installing faketime"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
}
