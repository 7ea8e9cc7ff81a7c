#!/bin/sh
# Install the Debian packages termc needs that pkg-config (or, for the
# cmark-gfm extensions, which ship no .pc file, the compiler) cannot find.
# Runs apt-get non-interactively as root, through sudo otherwise; when
# neither is possible it prints the exact command and fails.
set -eu

need=""
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
command -v cc >/dev/null 2>&1 || need="$need gcc"
have_pc() { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$1"; }
for pair in libcmark-gfm:libcmark-gfm-dev libxml-2.0:libxml2-dev \
    yaml-0.1:libyaml-dev jansson:libjansson-dev libutf8proc:libutf8proc-dev; do
	have_pc "${pair%%:*}" || need="$need ${pair#*:}"
done
if ! printf '#include <cmark-gfm-core-extensions.h>\n' |
    ${CC:-cc} -E -x c - >/dev/null 2>&1; then
	need="$need libcmark-gfm-extensions-dev"
fi
# xmllint validates termc's standard law XML in `make test` (tests/lawxml).
command -v xmllint >/dev/null 2>&1 || need="$need libxml2-utils"
# Extra tools for `make bench`, `make test` and `make valgrind` only, when
# asked.
if [ "${1:-}" = "--bench" ]; then
	command -v cmark-gfm >/dev/null 2>&1 || need="$need cmark-gfm"
	command -v git >/dev/null 2>&1 || need="$need git"
	command -v docdiff >/dev/null 2>&1 || need="$need docdiff"
fi
# mandoc lints the man page in `make test`.  tests/browser drives the
# published pages in Debian's Chromium, headless, through its WebDriver
# (curl speaks the protocol's HTTP), lays Japanese text out in a real
# Japanese font, and reads the printed PDF back with pdftotext.  strace
# counts the files a build reads (tests/site/stamp.sh).
if [ "${1:-}" = "--test" ]; then
	command -v mandoc >/dev/null 2>&1 || need="$need mandoc"
	command -v strace >/dev/null 2>&1 || need="$need strace"
	command -v chromium >/dev/null 2>&1 || need="$need chromium"
	command -v chromedriver >/dev/null 2>&1 || need="$need chromium-driver"
	command -v curl >/dev/null 2>&1 || need="$need curl"
	command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
	[ -n "$(fc-list :lang=ja 2>/dev/null)" ] ||
	    need="$need fonts-ipafont-gothic"
fi
if [ "${1:-}" = "--valgrind" ]; then
	command -v valgrind >/dev/null 2>&1 || need="$need valgrind"
fi
[ -n "$need" ] || exit 0

cmd="apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$need"
echo "termc: missing packages:$need" >&2
if [ "$(id -u)" = 0 ]; then
	sh -c "$cmd" >&2
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo sh -c "$cmd" >&2
else
	echo "termc: cannot install packages; run as root:" >&2
	echo "  $cmd" >&2
	exit 1
fi
