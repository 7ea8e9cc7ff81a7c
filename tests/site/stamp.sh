# Stamps (source.h, site.c struct memo): a build with the cache does not
# read a file whose stamp is still the settled one the build before kept
# (strace counts the terms files opened), nor a folder whose stamp is
# (struct memo_folder: no source folder opened or read); a file whose
# bytes changed is read, even with its size and mtime as before, one
# written just before a build is read again by the next, and a file
# added to a folder is found; each out/ the same as a clean build's.
# Sourced by tests/site/suite.sh.
stp="$tmp/stamp"
rm -rf "$stp"
mkdir -p "$stp/src" "$stp/a" "$stp/b"
cp -R terms/. "$stp/src/"
cp -R tests/site/terms/. "$stp/src/"
nmd=$(find "$stp/src" -name '*.md' | wc -l)
# opened DIR: termc build -o out of the sources in DIR, traced (not under
# valgrind: the trace is termc's own; LeakSanitizer refuses to run
# traced); prints the terms files it opened.  DIR/folders then counts
# the calls that opened or read a folder of the sources (-y names the
# folder a descriptor stands for).
opened() {
	(cd "$1" && ASAN_OPTIONS=detect_leaks=0 strace -f -qq -y \
	    -e trace=open,openat,getdents64 -o trace "$T" build -o out \
	    "$stp/src" >/dev/null 2>err; echo $? >rc)
	grep -E 'getdents64|O_DIRECTORY' "$1/trace" | grep -c "$stp/src" \
	    >"$1/folders"
	grep -o '"[^"]*\.md"' "$1/trace" | LC_ALL=C sort -u | tr -d '"'
}
stp_same() {
	pair_build "$stp/b" "$stp/src" --no-cache
	pair_same "$stp/a" "$stp/b"
}
if command -v strace >/dev/null 2>&1; then
	# Older than STAMP_SETTLE_S by the clock of the builds below.
	sleep 3
	pair_build "$stp/a" "$stp/src"
	n=$(opened "$stp/a" | wc -l)
	[ "$nmd" -gt 5 ] && [ "$n" = 0 ] && stp_same && ok ||
	    bad "site: unchanged files read again ($n of $nmd opened)"
	[ "$(cat "$stp/a/folders")" = 0 ] && ok ||
	    bad "site: unchanged folders read again" \
	    "($(cat "$stp/a/folders") calls)"
	# New bytes, the same size, the mtime put back: the ctime shows.
	f=$(find "$stp/src" -name '*.md' | LC_ALL=C sort | head -1)
	cp -p "$f" "$stp/was"
	sed 's/当社/弊社/' "$stp/was" >"$f"
	touch -r "$stp/was" "$f"
	if cmp -s "$f" "$stp/was" ||
	    [ "$(wc -c <"$f")" != "$(wc -c <"$stp/was")" ]; then
		bad "site: no same-size edit made in $f"
	else
		# Its document's revisions are built again, with it.
		n=$(opened "$stp/a")
		[ "$n" = "$(find "${f%/*}" -name '*.md' | LC_ALL=C sort)" ] &&
		    stp_same && ok ||
		    bad "site: a file changed behind its stamp is not read" \
		    "alone ($n)"
	fi
	# Written just now (the edit above): not settled, read again.
	n=$(opened "$stp/a")
	[ "$n" = "$f" ] && stp_same && ok ||
	    bad "site: a file stamped within STAMP_SETTLE_S is not read" \
	    "again alone ($n)"
	# A revision added to a settled folder, a provider beside them: the
	# folders changed, and are read.
	d=$(dirname "$f")
	sed 's/^revision: .*/revision: 2031-01-01/' "$f" >"$d/2031-01-01.md"
	mkdir -p "$stp/src/zeta/terms"
	sed 's/^provider: .*/provider: zeta/' "$f" \
	    >"$stp/src/zeta/terms/2024-01-01.md"
	n=$(opened "$stp/a")
	printf '%s\n' "$n" | grep -q '/2031-01-01\.md$' &&
	    printf '%s\n' "$n" | grep -q '/zeta/terms/2024-01-01\.md$' &&
	    stp_same && ok ||
	    bad "site: files added to settled folders are not found ($n)"
else
	bad "site: strace is missing (make test installs it)"
fi
