# fixtures.sh - how each fixture disk is built (build_NAME DIR) and rebuilt only when its version changes. Which disks
# exist, with which dumptype and version, is data: disks/<config>.tsv. Sourced; uses FIXTURES, STAMPS, MTIME, SEED.

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
# Two copies of one SQLite database, the second with 600 bytes of a b-tree page overwritten: sqlite3's
# integrity_check reports it (and may still exit 0, which is why the data check compares its output).
build_sqlite() {
  sqlite3 "$1/app.sqlite" "create table t(a integer primary key, b text);
    with recursive n(i) as (select 1 union all select i + 1 from n where i < 2000)
    insert into t select i, printf('row %d %040d', i, i * 7919) from n; create index tb on t(b);"
  cp -- "$1/app.sqlite" "$1/corrupt.sqlite"
  head -c 600 /dev/zero | tr '\0' '\377' | dd of="$1/corrupt.sqlite" bs=1 seek=$((4096 * 3 + 100)) conv=notrunc status=none
}
build_losttape() { local i; for i in $(seq -w 1 10); do put "$1/file$i.txt" "on a lost tape $i"; done; }
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

# TOPS tops x (10 files + 99 subdirs x 10 files): 20 tops make the demo's big disk (2,000 dirs, 20,000 files),
# 200 the growth benchmark's disk ten times its size.
build_tree() {
  perl -e '
    my ($r, $tops) = @ARGV;
    sub files { my $d = shift; for my $f (0 .. 9) {
      open my $h, ">", sprintf("%s/file%02d.txt", $d, $f) or die "$d: $!";
      print $h "$d file$f\n"; close $h or die } }
    for my $t (0 .. $tops - 1) {
      my $td = sprintf "%s/t%02d", $r, $t; mkdir $td or die "$td: $!"; files($td);
      for my $s (0 .. 98) { my $sd = sprintf "%s/s%02d", $td, $s; mkdir $sd or die "$sd: $!"; files($sd) }
    }' "$1" "$2"
}
build_big() { build_tree "$1" 20; }
build_growth() { build_tree "$1" 200; }

declare -A FIXTURE_VERSION=()
REBUILT=()
# ensure_fixture NAME: rebuild /srv/fixtures/NAME unless its stamp holds FIXTURE_VERSION[NAME].
ensure_fixture() {
  local name=$1 dir="$FIXTURES/$1" want=${FIXTURE_VERSION[$1]} have=
  mkdir -p -- "$STAMPS"
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
