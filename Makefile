# termc: GNU make.  `make` installs missing packages, builds termc and
# compiles terms/ into out/; `make test` also runs every test.

CC	?= cc
PKGS	 = libcmark-gfm libxml-2.0 yaml-0.1 jansson libutf8proc
WARN	 = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	   -Wwrite-strings
CSTD	 = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
OPT	?= -O2 -g
ifdef CI
WERROR	 = -Werror
endif

# The one place that asks pkg-config.  Evaluated lazily, after deps ran.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lcmark-gfm-extensions

CFLAGS_ALL = $(CSTD) $(OPT) $(WARN) $(WERROR) $(PKG_CFLAGS) -MMD -MP
SAN	   = -fsanitize=address,undefined -fno-omit-frame-pointer \
	     -fno-sanitize-recover=undefined

# Objects by layer: base, input, tree, output, commands; main.o alone is
# left out of the unit test programs.
BASE	= xalloc buf pool diag hmap text seqdiff par progress dirscan
INPUT	= source yamlguard meta md recog lower numeral decode
TREE	= clause xref doc corpus check topics value matrix diff diffout \
	  declared
OUTPUT	= treejson treexml treeoutline lawxml assets assets_data template \
	  hwriter html html_junit html_matrix html_diff outfile outtree feed \
	  timeline search cache
CMDS	= cli baseline site checkcmd matrixcmd import lawxml_import diffcmd
LIB_OBJS = $(BASE) $(INPUT) $(TREE) $(OUTPUT) $(CMDS)

OBJDIR	 = build/obj
ASANDIR	 = build/asan
OBJS	 = $(addprefix $(OBJDIR)/,$(addsuffix .o,$(LIB_OBJS) main))
ASAN_OBJS = $(addprefix $(ASANDIR)/,$(addsuffix .o,$(LIB_OBJS) main))
LIBOBJS_ONLY = $(addprefix $(OBJDIR)/,$(addsuffix .o,$(LIB_OBJS)))
ASAN_LIBOBJS = $(addprefix $(ASANDIR)/,$(addsuffix .o,$(LIB_OBJS)))

UNIT	 = $(basename $(notdir $(wildcard tests/unit/*.c)))

.PHONY: all deps site test asan valgrind fuzz bench bench-diff eval \
	eval-matrix eval-diff eval-variants clean install uninstall
all: site

deps:
	@sh tools/deps.sh

termc: $(OBJS)
	$(CC) $(OPT) -o $@ $(OBJS) $(PKG_LIBS)

$(OBJDIR)/%.o: src/%.c | deps
	@mkdir -p $(OBJDIR)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

# The default templates, built in (src/assets.h): tools/embed.c writes
# them as C arrays, compiled like any source.
TEMPLATES = $(sort $(wildcard templates/*))
build/embed: tools/embed.c | deps
	@mkdir -p build
	$(CC) $(OPT) $(WARN) $(WERROR) -o $@ tools/embed.c

build/gen/assets_data.c: build/embed $(TEMPLATES)
	@mkdir -p build/gen
	build/embed $@.tmp $(TEMPLATES) && mv $@.tmp $@

$(OBJDIR)/assets_data.o: build/gen/assets_data.c | deps
	@mkdir -p $(OBJDIR)
	$(CC) $(CFLAGS_ALL) -Isrc -c -o $@ $<

$(ASANDIR)/assets_data.o: build/gen/assets_data.c | deps
	@mkdir -p $(ASANDIR)
	$(CC) $(CFLAGS_ALL) $(SAN) -O1 -Isrc -c -o $@ $<

$(ASANDIR)/%.o: src/%.c | deps
	@mkdir -p $(ASANDIR)
	$(CC) $(CFLAGS_ALL) $(SAN) -O1 -c -o $@ $<

build/termc-asan: $(ASAN_OBJS)
	$(CC) $(SAN) -o $@ $(ASAN_OBJS) $(PKG_LIBS)

build/unit/%: tests/unit/%.c $(LIBOBJS_ONLY)
	@mkdir -p build/unit
	$(CC) $(CFLAGS_ALL) -Isrc -o $@ $< $(LIBOBJS_ONLY) $(PKG_LIBS)

build/unit-asan/%: tests/unit/%.c $(ASAN_LIBOBJS)
	@mkdir -p build/unit-asan
	$(CC) $(CFLAGS_ALL) $(SAN) -Isrc -o $@ $< $(ASAN_LIBOBJS) $(PKG_LIBS)

site: termc
	./termc build -o out terms

asan: build/termc-asan $(addprefix build/unit-asan/,$(UNIT))

test: site build/termc-asan build/docstat build/pagecheck build/wdjson \
    $(addprefix build/unit/,$(UNIT)) $(addprefix build/unit-asan/,$(UNIT))
	@sh tools/deps.sh --test
	@sh tests/run.sh ./termc build/termc-asan

valgrind: termc build/docstat build/pagecheck build/wdjson $(addprefix build/unit/,$(UNIT))
	@sh tools/deps.sh --valgrind
	@VALGRIND=1 sh tests/run.sh ./termc

fuzz:
	@sh tests/fuzz/build.sh

bench: termc
	@sh tools/deps.sh --bench
	@sh tests/bench/bench.sh ./termc
	@sh tests/bench/diff.sh ./termc

bench-diff: termc
	@sh tests/bench/diff.sh ./termc

# make install [PREFIX=/usr/local] [DESTDIR=…]: the binary (templates
# built in) and the man page; nothing else is needed at run time.
PREFIX	?= /usr/local
BINDIR	 = $(PREFIX)/bin
MANDIR	 = $(PREFIX)/share/man
install: termc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 termc $(DESTDIR)$(BINDIR)/termc
	install -m 0644 termc.1 $(DESTDIR)$(MANDIR)/man1/termc.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/termc $(DESTDIR)$(MANDIR)/man1/termc.1

# Figures on the real documents of ../shared/corpus (tests/eval/eval.sh).
CORPUS	?= ../shared/corpus
eval: termc build/docstat
	@sh tests/eval/eval.sh ./termc build/docstat $(CORPUS) build/eval
	@sh tests/matrix/corpus.sh ./termc $(CORPUS) build/eval-matrix
	@sh tests/diff/corpus.sh ./termc $(CORPUS) build/eval-diff | grep '^figure'
	@sh tests/eval/variants.sh ./termc build/docstat $(CORPUS) build/eval-variants

# The jtos documents in other authors' styles (tests/eval/variants.sh).
eval-variants: termc build/docstat
	@sh tests/eval/variants.sh ./termc build/docstat $(CORPUS) build/eval-variants

# What termc diff reports against a word diff, on the corpus's revision
# pairs (tests/diff/corpus.sh): one line a pair, then the figures.
eval-diff: termc
	@sh tests/diff/corpus.sh ./termc $(CORPUS) build/eval-diff

# Matrix precision, recall and values against truth written by reading
# ../shared/corpus (tests/matrix/corpus.sh, tests/matrix/jtos.tsv, ota.tsv).
eval-matrix: termc
	@sh tests/matrix/corpus.sh ./termc $(CORPUS) build/eval-matrix

# Parses published pages with libxml2 alone, not with termc's code.
build/pagecheck: tests/site/pagecheck.c | deps
	@mkdir -p build
	$(CC) $(CFLAGS_ALL) -o $@ $< $(PKG_LIBS)

build/docstat: tests/eval/docstat.c $(LIBOBJS_ONLY)
	$(CC) $(CFLAGS_ALL) -Isrc -o $@ $< $(LIBOBJS_ONLY) $(PKG_LIBS)

# tests/browser's JSON for the WebDriver protocol (jansson only).
build/wdjson: tests/browser/wdjson.c | deps
	@mkdir -p build
	$(CC) $(CFLAGS_ALL) -o $@ $< $(PKG_LIBS)

clean:
	rm -rf build termc
	find out -mindepth 1 ! -name .gitignore -exec rm -rf {} +

-include $(OBJS:.o=.d) $(ASAN_OBJS:.o=.d)
