#!/usr/bin/env bash
# package/build.sh [--out DIR] [--version VERSION] - builds the release tarball (./run.sh package calls it):
#   backup-acceptance-VERSION/
#     run.sh, run.d/        the same front door; it knows a release by RELEASE and programs/ (run.d/layout.sh)
#     programs/             every console program under src/ (OutputType Exe) and the suite (NUnit's own runner),
#                           published self-contained for linux-x64 into one folder: one .NET runtime for all
#     allure-config.json, RELEASE, install.sh, INSTALL.md, examples/features/ (the demo's, never the default)
# Built from a copy of src/ (dist/.build, whatever --out is), so the clone's own bin/ and obj/ (dotnet test's VSTest build) are never
# rebuilt with the release's properties. Prints the tarball's path, size and SHA-256.
set -Eeuo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$ROOT/dist" version=""
die() { printf 'package: %s\n' "$*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --out) [ $# -ge 2 ] || die "--out needs a folder"; out=$(realpath -m -- "$2"); shift 2 ;;
    --version) [ $# -ge 2 ] || die "--version needs a value"; version=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
command -v dotnet >/dev/null || die "the .NET 10 SDK is needed to build a release (dotnet not found on PATH)"

# The version: given, else the commit's date and hash (-dirty when the tree has uncommitted changes to tracked files).
commit=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null) || commit=unknown
if [ -z "$version" ]; then
  [ "$commit" != unknown ] || die "not a git clone: give --version"
  version="$(git -C "$ROOT" log -1 --format=%cd --date=format-local:%Y%m%d)-${commit:0:7}"
  git -C "$ROOT" diff --quiet HEAD -- 2>/dev/null || version+="-dirty"
fi
[[ "$version" =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ ]] || die "--version: '$version' is not a plain version (letters, digits, . _ + -)"
name="backup-acceptance-$version"
tarball="$out/$name-linux-x64.tar.gz"

mkdir -p -- "$out"
# The build's own copy stays in the clone's dist/ whatever --out says, so the next package reuses what did not change.
build="$ROOT/dist/.build"
mkdir -p -- "$build"
# One build at a time in this folder (two would write the same obj/).
exec 8>"$build/.lock"
flock -w 1800 8 || die "another ./run.sh package has held $build for 30 minutes"
started=$SECONDS

# The sources, copied over the last copy: its bin/ and obj/ stay, so an unchanged project is not built again (tar
# keeps the files' times, which is what MSBuild compares); files gone from src/ go from the copy too.
[ ! -d "$build/src" ] || find "$build/src" -mindepth 1 \( -name bin -o -name obj \) -prune -o -type f -print0 | xargs -0 -r rm -f --
tar -C "$ROOT" --exclude=bin --exclude=obj -cf - src Directory.Build.props Directory.Packages.props \
  $(cd "$ROOT" && ls global.json NuGet.config nuget.config 2>/dev/null) | tar -C "$build" -xf -

# The programs: the suite (an executable only in a release's build) and every console program under src/.
programs=(BackupAcceptance.Suite)
while IFS= read -r project; do
  project=$(basename "$(dirname "$project")")
  [ "$project" = BackupAcceptance.Suite ] || programs+=("$project")
done < <(grep -l '<OutputType>Exe</OutputType>' "$build"/src/*/*.csproj | sort)

stage=$(mktemp -d "${TMPDIR:-/tmp}/ba-package.XXXXXX")
trap 'rm -rf -- "$stage"' EXIT
release="$stage/$name"
mkdir -p "$release/programs"
for program in "${programs[@]}"; do
  echo "package: publishing $program (self-contained, linux-x64) ..."
  # InvariantGlobalization: a minimal Debian server has no ICU (libicu72), and the programs compare and format with
  # the invariant culture anyway; PredefinedCulturesOnly=false lets Reqnroll still name its feature language (en-US),
  # which then has the invariant culture's data. SatelliteResourceLanguages: the runner's messages in English only.
  dotnet publish "$build/src/$program/$program.csproj" -c Release -r linux-x64 --self-contained \
    -p:BackupAcceptanceRelease=true -p:InvariantGlobalization=true -p:PredefinedCulturesOnly=false \
    -p:SatelliteResourceLanguages=en \
    --disable-build-servers -nologo -v quiet -o "$stage/publish/$program" \
    > "$stage/publish-$program.log" 2>&1 || { tail -n 40 "$stage/publish-$program.log" >&2; die "dotnet publish of $program failed (above)"; }
  # One folder for all: the same runtime and, under central package management, the same library versions. A file
  # two programs ship differently would break one of them: refused, naming it.
  (cd "$stage/publish/$program" && find . -type f -print0) | while IFS= read -r -d '' file; do
    if [ -e "$release/programs/$file" ]; then
      cmp -s -- "$stage/publish/$program/$file" "$release/programs/$file" \
        || die "$program and another program ship different $file: they cannot share programs/"
    else
      mkdir -p -- "$release/programs/$(dirname -- "$file")"
      cp -p -- "$stage/publish/$program/$file" "$release/programs/$file"
    fi
  done
done

# The front door and what it reads.
cp -p "$ROOT/run.sh" "$ROOT/allure-config.json" "$release/"
cp -pr "$ROOT/run.d" "$release/"
cp -p "$ROOT/package/install.sh" "$release/install.sh"
cp -p "$ROOT/docs/install.md" "$release/INSTALL.md"
mkdir -p "$release/examples"
cp -pr "$ROOT/features" "$release/examples/features"
# The nightly recipes (systemd timer, cron line, shards) and how to wire them and the alerts, as the README shows them.
cp -pr "$ROOT/examples/systemd" "$ROOT/examples/cron" "$ROOT/examples/shards" "$release/examples/"
cp -p "$ROOT/docs/nightly.md" "$ROOT/docs/monitoring.md" "$ROOT/docs/settings.md" "$release/examples/"
printf 'backup-acceptance %s\ncommit %s\nbuilt %s\nprograms %s\n' "$version" "$commit" \
  "$(date -u '+%Y-%m-%d %H:%M:%S UTC')" "${programs[*]}" > "$release/RELEASE"
chmod -R u+rwX,go+rX,go-w "$release"

tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner -czf "$tarball.tmp" "$name"
mv -f -- "$tarball.tmp" "$tarball"
(cd "$out" && sha256sum "$(basename "$tarball")" > "$(basename "$tarball").sha256")
echo "Package: $tarball"
echo "  $(du -h "$tarball" | cut -f1) ($(stat -c %s "$tarball") bytes), $(du -sh "$release" | cut -f1) unpacked; built in $((SECONDS - started)) s"
echo "  sha256 $(cut -d' ' -f1 "$tarball.sha256")"
echo "  install: tar -xzf $(basename "$tarball") && sudo ./$name/install.sh"
