# run.d/package.sh (sourced by run.sh) - ./run.sh package: the release tarball (package/build.sh does the work).

build_package() {
  require_dotnet
  [ -x "$ROOT/package/build.sh" ] || die "package: $ROOT/package/build.sh is missing (a release cannot package itself)"
  # A release is a program, readable by whoever runs it: not the run's umask 077.
  local status=0
  ( umask 022; "$ROOT/package/build.sh" "$@" ) || status=$?
  exit "$status"
}
