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
BASE	= xalloc buf pool diag hmap text seqdiff par
INPUT	= source yamlguard meta md recog lower numeral decode
TREE	= clause xref doc corpus check topics value matrix diff diffout \
	  declared
OUTPUT	= treejson treexml template htmlkit html html_junit html_matrix \
	  html_diff outfile outtree
CMDS	= cli site checkcmd matrixcmd import diffcmd
LIB_OBJS = $(BASE) $(INPUT) $(TREE) $(OUTPUT) $(CMDS)

OBJDIR	 = build/obj
ASANDIR	 = build/asan
OBJS	 = $(addprefix $(OBJDIR)/,$(addsuffix .o,$(LIB_OBJS) main))
ASAN_OBJS = $(addprefix $(ASANDIR)/,$(addsuffix .o,$(LIB_OBJS) main))
LIBOBJS_ONLY = $(addprefix $(OBJDIR)/,$(addsuffix .o,$(LIB_OBJS)))
ASAN_LIBOBJS = $(addprefix $(ASANDIR)/,$(addsuffix .o,$(LIB_OBJS)))

UNIT	 = $(basename $(notdir $(wildcard tests/unit/*.c)))

.PHONY: all deps site test asan valgrind fuzz bench bench-diff eval eval-matrix clean
all: site

deps:
	@sh tools/deps.sh

termc: $(OBJS)
	$(CC) $(OPT) -o $@ $(OBJS) $(PKG_LIBS)

$(OBJDIR)/%.o: src/%.c | deps
	@mkdir -p $(OBJDIR)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

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

test: site build/termc-asan $(addprefix build/unit/,$(UNIT)) \
    $(addprefix build/unit-asan/,$(UNIT))
	@sh tests/run.sh ./termc build/termc-asan

valgrind: termc $(addprefix build/unit/,$(UNIT))
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

# Figures on the real documents of ../shared/corpus (tests/eval/eval.sh).
CORPUS	?= ../shared/corpus
eval: termc build/docstat
	@sh tests/eval/eval.sh ./termc build/docstat $(CORPUS) build/eval

# Matrix precision, recall and values against truth written by reading
# ../shared/corpus (tests/matrix/corpus.sh, tests/matrix/jtos.tsv, ota.tsv).
eval-matrix: termc
	@sh tests/matrix/corpus.sh ./termc $(CORPUS) build/eval-matrix

build/docstat: tests/eval/docstat.c $(LIBOBJS_ONLY)
	$(CC) $(CFLAGS_ALL) -Isrc -o $@ $< $(LIBOBJS_ONLY) $(PKG_LIBS)

clean:
	rm -rf build termc
	find out -mindepth 1 ! -name .gitignore -exec rm -rf {} +

-include $(OBJS:.o=.d) $(ASAN_OBJS:.o=.d)
