# nightly-fixtures.sh - the fixture disks of configuration ba-nightly (disks/ba-nightly.tsv): build_<disk> DIR makes a
# disk before its first dump, change_<disk> DIR changes it before its level 1, after_<disk> DIR changes it (or its
# dump) after the last dump. DIR is the directory dumped (the device). Sourced; uses put (fixtures.sh), FIXTURES,
# MTIME, CONF, log and die.

build_deleted() { put "$1/a/a1.txt"; put "$1/a/a2.txt"; put "$1/b/b1.txt"; put "$1/b/b2.txt"; put "$1/top.txt"; }
change_deleted() { rm -f -- "$1/a/a2.txt" "$1/b/b2.txt"; }

build_renamed() { local i; for i in 1 2 3 4; do put "$1/olddir/file$i.txt"; done; put "$1/keep.txt"; }
change_renamed() { mv -- "$1/olddir" "$1/newdir"; }

build_aged() { put "$1/docs/doc1.txt"; put "$1/docs/doc2.txt"; put "$1/changing.txt" "changing.txt: version 1, in the level 0"; }
change_aged() { printf 'changing.txt: version 2, rewritten before the level 1\n' > "$1/changing.txt"; }

build_excluded() {
  local i; put "$1/keep.txt" "keep.txt: version 1"
  for i in $(seq -w 1 20); do put "$1/cache/cache$i.tmp"; done
}
change_excluded() { printf 'keep.txt: version 2, before the level 1\n' > "$1/keep.txt"; put "$1/cache/cache21.tmp"; }

build_x-name() { put "$1/one.txt"; put "$1/two.txt"; put "$1/sub/three.txt"; }

# Incompressible and the same on every build: perl's rand from a fixed seed.
build_split() {
  perl -e 'my ($d) = @ARGV; srand(20261206); for my $n (1 .. 3) {
      open my $h, ">", "$d/random$n.bin" or die "$d: $!"; print $h pack("C*", map { int rand 256 } 1 .. 409600); close $h or die }' "$1"
}

build_splitcut() { build_split "$1"; }
# One middle part of the split dump cut to its 32 KiB Amanda header on the vtape: the split dump's negative control
# (the index is whole, the data is not).
after_splitcut() {
  local parts
  mapfile -t parts < <(find "$VTAPES" -name "[0-9]*.localhost.$(sed 's/_/__/g; s#/#_#g' <<<"$FIXTURES/splitcut").*" | sort)
  [ "${#parts[@]}" -ge 3 ] || die "splitcut: ${#parts[@]} vtape file(s), not the parts of a split dump"
  truncate -s 32768 -- "${parts[1]}"
  log "splitcut: part 2 of ${#parts[@]} (${parts[1]#"$VTAPES"/}) cut to its header"
}

# About 200 KB of text each, which compresses well.
compressible() {
  local i; for i in 1 2 3; do seq -f "line %06g of file$i: the quick brown fox jumps over the lazy dog" 1 3000 > "$1/file$i.txt"; done
}
build_compclient() { compressible "$1"; }
build_compserver() { compressible "$1"; }

build_encrypted() { put "$1/secret1.txt" "secret one"; put "$1/secret2.txt" "secret two"; put "$1/dir/secret3.txt" "secret three"; }

build_amgtar() { put "$1/app1.txt"; put "$1/app2.txt"; put "$1/conf/app.conf"; put "$1/data/app.dat"; }

build_holding() { put "$1/held1.txt"; put "$1/held2.txt"; put "$1/sub/held3.txt"; }

BITROT_TEXT='payload-that-rots-on-tape'
build_bitrot() { put "$1/note.txt" "note.txt: $BITROT_TEXT"; put "$1/other1.txt"; put "$1/other2.txt"; }
# One content byte of note.txt flipped ('p' to 'P') in the vtape file holding the dump: tar has no data checksum, so a
# restore gives different bytes. The text occurs once in the file, in a data block (names are in headers).
after_bitrot() {
  local file at
  file=$(find "$VTAPES" -name "[0-9]*.localhost.$(sed 's/_/__/g; s#/#_#g' <<<"$FIXTURES/bitrot").0" | head -n 1)
  [ -n "$file" ] || die "no vtape file holds $FIXTURES/bitrot"
  at=$(perl -e 'my ($f, $t) = @ARGV; open my $h, "+<:raw", $f or die "$f: $!"; local $/; my $all = <$h>;
      my @at; push @at, $-[0] while $all =~ /\Q$t\E/g; die "$t occurs " . @at . " times in $f, not once\n" unless @at == 1;
      seek $h, $at[0], 0; print $h "P"; close $h or die; print "$at[0]\n"' "$file" "$BITROT_TEXT") || die "bitrot: no flip in $file"
  log "bitrot: byte $at of ${file#"$VTAPES"/} flipped (p to P in note.txt's content)"
}

build_lostname() { put "$1/keep1.txt"; put "$1/keep2.txt"; put "$1/dropped.txt" "dropped.txt: the dump loses this name"; }
# A file the dump silently lost: its line taken out of the index (re-compressed, so gzip -t passes) and its tar
# header renamed on the vtape (checksum redone), so neither the listing nor a restore has dropped.txt while the live
# file, untouched since the dump, does. The negative control of "a live file older than the dump absent from the
# restore". The index is edited before anything browses it: amindexd's uncompressed copy would otherwise serve the old.
after_lostname() {
  local file index at
  file=$(find "$VTAPES" -name "[0-9]*.localhost.$(sed 's/_/__/g; s#/#_#g' <<<"$FIXTURES/lostname").0" | head -n 1)
  [ -n "$file" ] || die "no vtape file holds $FIXTURES/lostname"
  at=$(perl -e 'my ($f, $from, $to) = @ARGV; open my $h, "+<:raw", $f or die "$f: $!"; local $/; my $all = <$h>;
      my @at; push @at, $-[0] while $all =~ /\Q$from\E\0/g; @at = grep { $_ % 512 == 0 } @at;
      die "$from heads " . @at . " blocks of $f, not one\n" unless @at == 1;
      my $header = substr($all, $at[0], 512); substr($header, 0, length $to) = $to;
      substr($header, 148, 8) = " " x 8; substr($header, 148, 8) = sprintf("%06o\0 ", unpack("%32C*", $header));
      seek $h, $at[0], 0; print $h $header; close $h or die; print "$at[0]\n"' "$file" "./dropped.txt" "./drXpped.txt") \
    || die "lostname: no header renamed in $file"
  # Right after amdump the index may still be the unsorted one, which Amanda sorts on first use: either holds the line.
  index=$(find "$STATE/index" \( -path "*_srv_fixtures_nightly_lostname/*_0.gz" -o -path "*_srv_fixtures_nightly_lostname/*_0-unsorted.gz" \) | head -n 1)
  [ -n "$index" ] || die "no index of $FIXTURES/lostname"
  rm -f -- "${index%.gz}" "${index%-unsorted.gz}"
  gzip -dc -- "$index" | grep -vx '/dropped.txt' | gzip -9n > "$index.new"
  chown --reference="$index" -- "$index.new"; chmod --reference="$index" -- "$index.new"; mv -f -- "$index.new" "$index"
  log "lostname: dropped.txt's header renamed at byte $at of ${file#"$VTAPES"/}, its index line removed"
}

build_quiet() { put "$1/one.txt"; put "$1/two.txt"; put "$1/sub/three.txt"; }

build_live() { local i; for i in 1 2 3 4; do put "$1/file$i.txt" "live file $i: as dumped"; done; }
# After the last dump: new bytes in file2.txt with its old mtime put back (its ctime is after the dump), and a new file.
after_live() {
  printf 'live file 2: CHANGED after the dump\n' > "$1/file2.txt"
  touch -h -d "$MTIME" -- "$1/file2.txt"
  put "$1/new.txt" "new.txt: added after the last dump"
}
