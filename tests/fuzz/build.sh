#!/bin/sh
# tests/fuzz/build.sh [SECONDS]: build the libFuzzer harness fuzz_doc with
# clang (-fsanitize=fuzzer,address,undefined) into build/fuzz/, assemble
# its seed corpus from tests/fuzz/seeds, tests/regress and terms/, and,
# with SECONDS, run it that long on build/fuzz/corpus (the grown corpus
# stays there, outside git; crashes go to build/fuzz/crash-*).
#
#   make fuzz                     build only
#   sh tests/fuzz/build.sh 300    build, then fuzz for five minutes
#
# Inputs may be as long as a line may (256 KiB, FUZZ_MAX_LEN), long enough
# to hold a quadratic shape; one that takes more than FUZZ_TIMEOUT seconds
# (5) is reported as a timeout-* file, as a crash is.
set -eu
cd "$(dirname "$0")/../.."
top=$(pwd)
CC=${FUZZ_CC:-clang}
out=build/fuzz
mkdir -p "$out/obj" "$out/corpus" "$out/seeds"
PKGS="libcmark-gfm libxml-2.0 yaml-0.1 jansson libutf8proc"
cflags="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 \
    -fno-omit-frame-pointer -fsanitize=address,undefined \
    -fno-sanitize-recover=undefined $(pkg-config --cflags $PKGS)"
libs="$(pkg-config --libs $PKGS) -lcmark-gfm-extensions"
objs=""
for c in src/*.c; do
	name=$(basename "$c" .c)
	[ "$name" = main ] && continue
	o="$out/obj/$name.o"
	if [ ! -f "$o" ] || [ "$c" -nt "$o" ] || [ -n "$(find src -name '*.h' -newer "$o")" ]; then
		echo "CC $c"
		# shellcheck disable=SC2086
		$CC $cflags -fsanitize=fuzzer-no-link -c -o "$o" "$c"
	fi
	objs="$objs $o"
done
echo "LINK $out/fuzz_doc"
# shellcheck disable=SC2086
$CC $cflags -fsanitize=fuzzer -Isrc -DTEMPLATES_DIR="\"$top/templates\"" \
    -o "$out/fuzz_doc" tests/fuzz/fuzz_doc.c $objs $libs
# Seeds: the committed ones, every regression case, the real terms files.
rm -f "$out/seeds/"*
for f in tests/fuzz/seeds/* tests/regress/*.md tests/bad/*.md $(find terms -name '*.md'); do
	[ -f "$f" ] && cp "$f" "$out/seeds/$(echo "$f" | tr / _)"
done
echo "built $out/fuzz_doc; seeds in $out/seeds ($(ls "$out/seeds" | wc -l) files)"
if [ $# -ge 1 ]; then
	cd "$out"
	exec ./fuzz_doc -max_total_time="$1" -max_len="${FUZZ_MAX_LEN:-262144}" \
	    -dict="$top/tests/fuzz/termc.dict" -timeout="${FUZZ_TIMEOUT:-5}" \
	    -rss_limit_mb=2048 -print_final_stats=1 corpus seeds
fi
