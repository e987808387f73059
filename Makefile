# smreg — a school's social-media governance register.
#
#   make            build build/smreg
#   make run        install what is missing, build, open the default register
#   make check      install what is missing, build, run every test, then all
#                   of them again under AddressSanitizer and UBSan, and each
#                   fuzzer for FUZZ_CHECK_SECONDS (10) with clang
#   make check T=audit
#                   the same, but only the test files whose name (SUITE/FILE:
#                   cli/test_audit, unit/test_date, tui/test_hangup,
#                   self/test_run, or fuzz for the fuzzers) contains T;
#                   shell wildcards allowed (T='cli/test_*port*');
#                   TEST_JOBS=N runs N test files at once (the CPUs unless told)
#   make install    as root: PREFIX=/usr/local, DESTDIR for packagers; creates
#                   the system group smreg and installs smreg setgid to it
#   make bench      the performance table of README.md
#   make format     lay the C source out as .clang-format says
#   make fuzz       a longer fuzzing run (FUZZ_SECONDS per target, 60 unless
#                   told; tests/fuzz/README.md)
#   make valgrind   the unit and command-line tests under valgrind's memcheck

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man/man1
# Where an installed smreg keeps its data files: the MIS columns it reads,
# and the statutory policy pack for people to read (smreg has it built in).
DATADIR ?= $(PREFIX)/share/smreg
BUILD ?= build
# Where an installed smreg finds the shared register (smreg init --shared).
SHARED_DB ?= /var/lib/smreg/register.db

CC ?= cc
CFLAGS ?= -O2 -g
WARNINGS = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wvla -Wpointer-arith
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -Iinclude

PKGS = ncursesw formw menuw panelw sqlite3 uuid libsodium
# ncursesw's pkg-config asks for _XOPEN_SOURCE=600; we define 700 ourselves.
PKG_CFLAGS := $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE, \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
# libunistring (Unicode normalisation) has no pkg-config file in Debian.
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lunistring
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)

ifeq ($(SANITIZE),1)
SANITIZERS = -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
endif

ALL_CFLAGS = -std=c11 $(WARNINGS) $(CPPFLAGS) $(PKG_CFLAGS) $(SANITIZERS) $(CFLAGS)
ALL_LDFLAGS = $(SANITIZERS) $(LDFLAGS)

LIB_SRC := $(wildcard src/core/*.c src/cli/*.c src/tui/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/schema.o $(BUILD)/gen/pack.o
LIB := $(BUILD)/libsmreg.a
BIN := $(BUILD)/smreg
SCHEMA := $(sort $(wildcard schema/*.sql))

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TEST_HELPERS := $(BUILD)/tests/smreg-as $(BUILD)/tests/smreg-writer

.PHONY: all run check tests deps check-deps install uninstall clean bench fuzz fuzz-build fuzz-binaries \
	valgrind format FORCE

all: $(BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# Only privilege.c knows the shared register's place; a change of SHARED_DB
# rebuilds it (the stamp holds the value last built with).
$(BUILD)/shared-db.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(SHARED_DB)' | cmp -s - $@ || echo '$(SHARED_DB)' > $@

$(BUILD)/src/core/privilege.o: $(BUILD)/shared-db.stamp
$(BUILD)/src/core/privilege.o: CPPFLAGS += -DSMREG_SHARED_DB='"$(SHARED_DB)"'

# The MIS columns file's installed place (smreg import --from).
$(BUILD)/src/cli/protect.o: CPPFLAGS += -DSMREG_DATADIR='"$(DATADIR)"'

FORCE:

$(BUILD)/gen/schema.c: $(SCHEMA) tools/embed-schema
	@mkdir -p $(@D)
	tools/embed-schema $(SCHEMA) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/schema.o: $(BUILD)/gen/schema.c
	$(CC) $(ALL_CFLAGS) -Isrc/core -MMD -MP -c -o $@ $<

# The statutory policy pack, built in as the string statutory_pack_text.
$(BUILD)/gen/pack.c: data/statutory-policies.tsv tools/embed-text
	@mkdir -p $(@D)
	tools/embed-text statutory_pack_text data/statutory-policies.tsv > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/pack.o: $(BUILD)/gen/pack.c
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(LIB): $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(BUILD)/src/main.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/tests/test_%: tests/unit/test_%.c tests/unit/fixture.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -MMD -MP $(ALL_LDFLAGS) -o $@ $< tests/unit/fixture.c \
		$(LIB) $(PKG_LIBS) $(CMOCKA_LIBS)

$(BUILD)/tests/%: tests/helpers/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -MMD -MP $(ALL_LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS)

tests: $(BIN) $(UNIT_BIN) $(TEST_HELPERS)

BENCH_TOOL := $(BUILD)/tools/bench

# Public headers only (include/), as any program built on core would.
$(BENCH_TOOL): tools/bench.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP $(ALL_LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS)

# The performance table of README.md (times vary with the machine).
bench: check-deps
	@tools/install-deps bench
	@$(MAKE) --no-print-directory $(BIN) $(TEST_HELPERS) $(BENCH_TOOL)
	tools/bench $(BUILD)

# The fuzzers (tests/fuzz): libFuzzer comes with clang, so core is compiled
# again by clang with its instrumentation, under the same warnings, into
# $(BUILD)/fuzz/.  "make fuzz" runs each for FUZZ_SECONDS on a copy of its
# corpus; tests/run runs each for FUZZ_CHECK_SECONDS (tests/fuzz/run).
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SANITIZERS = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_CFLAGS = -std=c11 $(WARNINGS) $(CPPFLAGS) -Isrc $(PKG_CFLAGS) -O1 -g $(FUZZ_SANITIZERS)
FUZZ_DIR := $(BUILD)/fuzz
FUZZ_BIN := $(patsubst tests/fuzz/%.c,$(FUZZ_DIR)/%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_OBJ := $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$(wildcard src/core/*.c) tests/fuzz/scratch.c) \
	$(FUZZ_DIR)/obj/gen/schema.o $(FUZZ_DIR)/obj/gen/pack.o

$(FUZZ_DIR)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_DIR)/obj/gen/schema.o: $(BUILD)/gen/schema.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc/core -MMD -MP -c -o $@ $<

$(FUZZ_DIR)/obj/gen/pack.o: $(BUILD)/gen/pack.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

# The fuzzers' shared helper is not under test: without coverage, its
# checks never look to libFuzzer like new paths through smreg.
$(FUZZ_DIR)/obj/tests/fuzz/scratch.o: tests/fuzz/scratch.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

# A static pattern, so make keeps each fuzzer's own object.
$(FUZZ_BIN): $(FUZZ_DIR)/%: $(FUZZ_DIR)/obj/tests/fuzz/%.o $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_SANITIZERS) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS)

# Without clang, say so rather than fail somewhere in the middle.
fuzz-build:
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { echo "make: fuzzing needs $(FUZZ_CC)" \
		"(Debian package clang; tools/install-deps check installs it)" >&2; exit 1; }
	@$(MAKE) --no-print-directory fuzz-binaries

fuzz-binaries: $(FUZZ_BIN)
	@:

# Lays the C source out as .clang-format says; tests/cli/test_layers.sh
# fails on any file that is not.
format:
	find src include tests tools -name '*.[ch]' | xargs clang-format --style=file -i

# tests/fuzz/run builds the fuzzers itself (fuzz-build), saying why not.
fuzz:
	tests/fuzz/run $(BUILD) $(FUZZ_SECONDS)

deps:
	@tools/install-deps

check-deps:
	@tools/install-deps check

# The first use of the default register makes the current login its admin.
run: deps
	@$(MAKE) --no-print-directory all
	@$(BIN) init --if-new
	$(BIN)

check: check-deps
	@$(MAKE) --no-print-directory tests
	@$(MAKE) --no-print-directory tests BUILD=$(BUILD)/sanitize SANITIZE=1
	TESTS_MATCHING='$(T)' TEST_JOBS='$(TEST_JOBS)' tests/run $(BUILD) $(BUILD)/sanitize

# The unit and command-line tests again, every program they run under
# valgrind's memcheck: slow (half an hour), so not part of check, and with
# 20 kills in each crash test rather than 120.  The terminal UI tests are
# left out: they wait as long as a person would, not as valgrind needs.
valgrind:
	@tools/install-deps valgrind
	@$(MAKE) --no-print-directory tests
	tools/valgrind-wrap $(BUILD) $(BUILD)/valgrind
	CRASH_KILLS=20 TEST_SUITES="unit cli" tests/run $(BUILD)/valgrind

# smreg is setgid to the system group smreg, which no person joins: the
# group's right opens the shared register and nothing else (man smreg,
# SECURITY).  Root is needed to make the group and give smreg to it.
install: $(BIN)
	@[ "$$(id -u)" -eq 0 ] || { echo "make install: run it as root (sudo make install):" \
		"it creates the group smreg and installs smreg setgid to it" >&2; exit 1; }
	getent group smreg >/dev/null || groupadd --system smreg
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	install -o root -g smreg -m 2755 $(BIN) $(DESTDIR)$(BINDIR)/smreg
	install -m 644 man/smreg.1 $(DESTDIR)$(MANDIR)/smreg.1
	install -d $(DESTDIR)$(DATADIR)
	install -m 644 data/statutory-policies.tsv $(DESTDIR)$(DATADIR)/statutory-policies.tsv
	install -m 644 data/mis-columns.tsv $(DESTDIR)$(DATADIR)/mis-columns.tsv

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/smreg $(DESTDIR)$(MANDIR)/smreg.1
	rm -f $(DESTDIR)$(DATADIR)/statutory-policies.tsv $(DESTDIR)$(DATADIR)/mis-columns.tsv
	-rmdir $(DESTDIR)$(DATADIR) 2>/dev/null

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
