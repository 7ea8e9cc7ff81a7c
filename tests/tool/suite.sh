# tests/tool: termc as a command-line tool.  Messages for file trouble
# ("termc: PATH: what happened"), bad options (one line and the
# synopsis), check's summary line and no-terms error, the baseline of
# accepted findings, tree's outline, build's summary line.  Each case's
# standard error (and output where it matters) is a golden in
# tests/tool/CASE.err / CASE.out, written from a scratch folder so that
# paths are short and stable.
# Sourced by tests/run.sh once per binary $T; uses its helpers.
tw="$tmp/tool"
rm -rf "$tw"
mkdir -p "$tw/empty" "$tw/txtonly/acme/hosting"
cp -r tests/site/terms "$tw/terms"
: >"$tw/existing.html"
echo 'old terms' >"$tw/txtonly/acme/hosting/2024-01-01.txt"

# tool_case NAME EXPECTED_RC ARGS...: run in $tw, compare rc and goldens.
tool_case() {
	tc_name=$1 tc_rc=$2
	shift 2
	rc=$(cd "$tw" && capture "$@")
	[ "$rc" = "$tc_rc" ] && ok || bad "tool: $tc_name: exit $rc, expected $tc_rc"
	check "tool: $tc_name stderr" "tests/tool/$tc_name.err" "$tmp/err"
	if [ -s "$tmp/out" ] || [ -f "tests/tool/$tc_name.out" ]; then
		check "tool: $tc_name stdout" "tests/tool/$tc_name.out" "$tmp/out"
	fi
}

# File trouble: no position, no "input/output error".
tool_case check-nodir 2 check nonexistent_dir
tool_case build-nodir 2 build -o site nonexistent_dir
tool_case build-outfile 2 build -o existing.html terms
tool_case tree-nofile 2 tree nonexistent.md
tool_case build-templates-missing 2 build -o site --templates nowhere terms
# Bad options: one line, then the synopsis.
tool_case opt-diff 2 diff --bogus a b
tool_case opt-check 2 check --format
tool_case opt-build 2 build --strict=yes
tool_case opt-tree 2 tree -x f
tool_case opt-import 2 import -o
tool_case opt-matrix 2 matrix --bogus
tool_case opt-bytopic 2 diff --by-topic --bogus a b
# Help lists every option.
rc=$(capture diff --help)
grep -q -- '--by-topic' "$tmp/out" && ok || bad "tool: diff --help does not mention --by-topic"
rc=$(capture check --help)
grep -q -- '--write-baseline FILE' "$tmp/out" && grep -q -- '--baseline FILE' "$tmp/out" &&
    ok || bad "tool: check --help lacks the baseline options"
# check of nothing fails; a summary line ends every check.
tool_case check-empty 1 check empty
tool_case check-txtonly 1 check txtonly
tool_case check-summary 0 check terms
# A stray .txt beside terms files is named in the summary.
echo 'old terms' >"$tw/terms/acme/hosting/2024-07-01.txt"
tool_case check-stray 0 check terms
rm "$tw/terms/acme/hosting/2024-07-01.txt"
tool_case build-summary 0 build -o site terms
tool_case build-empty 1 build -o site2 empty

# The baseline: written once, then only new findings count.
tool_case baseline-write 0 check --write-baseline base.txt terms
check "tool: baseline file" tests/tool/baseline.txt "$tw/base.txt"
tool_case baseline-pass 0 check --strict --baseline base.txt terms
# Blank lines added above every finding move them all: the baseline holds.
f="$tw/terms/acme/hosting/2024-04-01.md"
awk '/^# / && !done { print "\n\n"; done = 1 } { print }' "$f" >"$f.new" && mv "$f.new" "$f"
tool_case baseline-moved 0 check --strict --baseline base.txt terms
# A new finding fails, alone; one the sources fixed is counted stale.
sed 's/本約款の一部を構成します。/本約款の一部を構成します（第9条参照）。/' "$f" >"$f.new" && mv "$f.new" "$f"
sed 's/現に料金の支払いを怠っているとき/現に料金の支払いを怠っていると<b>き/' "$f" >"$f.new" && mv "$f.new" "$f"
tool_case baseline-new 1 check --strict --baseline base.txt terms
{ cat "$tw/base.txt"; printf 'num-gap\tacme/hosting/2024-04-01\ta1\tfixed since\n'; } >"$tw/stale.txt"
tool_case baseline-stale 1 check --strict --baseline stale.txt terms
printf 'only two\tfields\n' >"$tw/badbase.txt"
tool_case baseline-bad 1 check --baseline badbase.txt terms
tool_case baseline-missing 2 check --baseline nowhere.txt terms
tool_case baseline-both 2 check --baseline a --write-baseline b terms

# tree: the outline, and the default on a terminal.
tool_case tree-outline 0 tree --format=outline terms/acme/hosting/2024-01-01.md
# An English document's articles read as its headings do: 1. Accounts.
tool_case tree-outline-en 0 tree --format=outline "$top/tests/regress/lang-guess.md"
if command -v script >/dev/null 2>&1; then
	(cd "$tw" && script -qec "$T tree terms/acme/hosting/2024-01-01.md" /dev/null) |
	    tr -d '\r' >"$tmp/out"
	cmp -s "$tmp/out" tests/tool/tree-outline.out && ok ||
	    bad "tool: tree on a terminal is not the outline"
	# On a terminal, build's summary adds the time.
	(cd "$tw" && script -qec "$T build -o site3 terms" /dev/null) | tr -d '\r' >"$tmp/out"
	grep -Eq '^termc: build: site3: 2 pages, 1 diff; 0 errors, [0-9]+ warnings \([0-9]+\.[0-9]{2} s\)$' "$tmp/out" &&
	    ok || bad "tool: build on a terminal gives no time"
	# Progress on a terminal once the delay is past (0 here), cleared
	# before the summary; never in a pipe.
	(cd "$tw" && TERMC_PROGRESS_DELAY=0 script -qec "$T build -o site4 terms" \
	    /dev/null) >"$tmp/out"
	grep -q 'termc: [a-z]* [0-9]*/[0-9]*' "$tmp/out" && ok ||
	    bad "tool: build on a terminal shows no progress"
	(cd "$tw" && TERMC_PROGRESS_DELAY=0 "$T" build -o site5 terms) 2>"$tmp/err"
	grep -q 'termc: [a-z]* [0-9]*/[0-9]*' "$tmp/err" &&
	    bad "tool: build draws progress into a pipe" || ok
fi

# Every long option of a command's option table is in its --help.
for pair in site:build checkcmd:check diffcmd:diff "matrixcmd:matrix diff --by-topic" \
    import:import main:tree; do
	f=${pair%%:*}
	: >"$tmp/help"
	# shellcheck disable=SC2086
	for c in $(echo "${pair#*:}" | sed 's/ diff / diff:/; s/ /\n/g'); do
		"$T" $(echo "$c" | tr : ' ') --help >>"$tmp/help"
	done
	for o in $(sed -n 's/^[[:space:]]*{ "\([a-z-]*\)", *\(no\|required\|optional\)_argument.*/\1/p' "src/$f.c"); do
		grep -q -- "--$o\\b" "$tmp/help" && ok || bad "tool: --$o of src/$f.c missing from its --help"
	done
done
