#!/bin/sh
# termc test runner.  Usage: tests/run.sh TERMC [TERMC_ASAN]
#
# Sources every tests/<suite>/suite.sh with each binary given (the plain
# build, then the ASan+UBSan build) as $T, runs the C unit tests, and ends
# with one line
# "N passed, N failed".  VALGRIND=1 runs each termc call under valgrind.
# UPDATE=1 rewrites goldens instead of comparing: review with git diff.
# SUITES="site eval" runs only those suites (and no unit tests).
set -u
if [ $# -eq 0 ]; then
	echo "usage: tests/run.sh TERMC [TERMC_ASAN]" >&2
	exit 2
fi
cd "$(dirname "$0")/.." || exit 2
top=$(pwd)
pass=0
fail=0
tmp=$(mktemp -d)
# An interrupt or a time-out stops the run (dash would go on after a
# trapped signal); the scratch folder goes with it.
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# check NAME EXPECTED_FILE ACTUAL_FILE: compare, or rewrite with UPDATE=1.
check() {
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$3" "$2"
		ok
	elif [ -f "$2" ] && cmp -s "$2" "$3"; then
		ok
	else
		bad "$1"
		[ -f "$2" ] && diff -u "$2" "$3" | head -20
	fi
}

run_termc() {
	if [ "${VALGRIND:-}" = 1 ]; then
		valgrind -q --suppressions="$top/tests/valgrind.supp" \
		    --leak-check=full --errors-for-leak-kinds=definite,indirect \
		    --error-exitcode=99 "$T" "$@"
	else
		"$T" "$@"
	fi
}

# Run a command and put its stderr in $tmp/err, stdout in $tmp/out; echo rc.
capture() {
	run_termc "$@" >"$tmp/out" 2>"$tmp/err"
	echo $?
}

# Unit test programs print "ok N name" / "not ok N name" lines.
suite_unit() {
	for u in "$@"; do
		[ -x "$u" ] || continue
		if [ "${VALGRIND:-}" = 1 ]; then
			valgrind -q --suppressions="$top/tests/valgrind.supp" \
			    --leak-check=full --error-exitcode=99 "$u" >"$tmp/unit" 2>&1
		else
			"$u" >"$tmp/unit" 2>&1
		fi
		urc=$?
		n_ok=$(grep -c '^ok ' "$tmp/unit")
		n_bad=$(grep -c '^not ok ' "$tmp/unit")
		pass=$((pass + n_ok))
		fail=$((fail + n_bad))
		grep '^not ok ' "$tmp/unit" | sed "s|^|FAIL: $u: |"
		if [ "$urc" != 0 ] && [ "$n_bad" = 0 ]; then
			bad "$u exited $urc"
			tail -5 "$tmp/unit"
		fi
	done
}

for T in "$@"; do
	case $T in /*) ;; *) T="$top/$T" ;; esac
	echo "== $(basename "$T")"
	# Every tests/<suite>/suite.sh, in name order.
	for s in tests/*/suite.sh; do
		if [ -n "${SUITES:-}" ]; then
			case " $SUITES " in
			*" $(basename "$(dirname "$s")") "*) ;;
			*) continue ;;
			esac
		fi
		before=$fail
		. "./$s"
		[ "$fail" = "$before" ] || echo "   (in $s)"
	done
done
if [ -n "${SUITES:-}" ]; then
	:
elif [ "${VALGRIND:-}" = 1 ]; then
	suite_unit build/unit/*
else
	suite_unit build/unit/* build/unit-asan/*
	# The fuzz harness (make fuzz, clang's libFuzzer) is built apart:
	# it must at least still compile against the interfaces it calls.
	if cc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	    -Wall -Werror -fsyntax-only -Isrc $(pkg-config --cflags \
	    libcmark-gfm libxml-2.0 yaml-0.1 jansson libutf8proc) \
	    tests/fuzz/fuzz_doc.c 2>"$tmp/fuzz"; then
		ok
	else
		bad "tests/fuzz/fuzz_doc.c does not compile"
		head -5 "$tmp/fuzz"
	fi
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
