# symbiose - plain GNU Makefile (see README: why make).
# Targets: all (build/symbiose), test (sanitizer build + all tests), check
# (what CI runs: setup, format, layout, test), fuzz, bench, format,
# check-format, check-layout, setup, run, clean.

CC      ?= gcc
STD     = -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L
WARN    = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
          -Wformat=2 -Wvla -Werror
OPT     = -O2 -g
SAN     = -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
INC     = -Isrc -Ibuild/gen $(PKG_CFLAGS)
DEPFLAGS = -MMD -MP
LIBS    = -lsqlite3 -lmicrohttpd -ljansson -lsodium -lproj -lpthread -lm $(shell pkg-config --libs cairo xlsxwriter 2>/dev/null)  # proj: SIRENE coordinates; cairo: PDF reports; xlsxwriter: XLSX reports
PKG_CFLAGS := $(patsubst -I%,-isystem %,$(shell pkg-config --cflags cairo xlsxwriter 2>/dev/null))
TEST_LIBS = -lcmocka -lglpk
FUZZ_CC = clang-14

LIB_SRC  := $(sort $(filter-out src/main.c,$(wildcard src/*/*.c)))
GEN_SRC  := build/gen/data_blob.c
DATA     := $(sort $(wildcard data/*.csv))
UNIT_SRC := $(sort $(wildcard tests/unit/*_test.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
BENCH_SRC := $(sort $(wildcard bench/*.c))

REL_OBJ  := $(patsubst %.c,build/obj/%.o,$(LIB_SRC) $(GEN_SRC:build/gen/%=gen/%))
TEST_OBJ := $(patsubst %.c,build/test/obj/%.o,$(LIB_SRC) $(GEN_SRC:build/gen/%=gen/%))
UNIT_BIN := $(patsubst tests/unit/%.c,build/test/%,$(UNIT_SRC))
FUZZ_BIN := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))
BENCH_BIN := $(patsubst bench/%.c,build/bench/%,$(BENCH_SRC))

.SECONDARY:
.PHONY: all test check fuzz bench format check-format check-layout setup run clean units
all: build/symbiose

# --- embedded reference data: the binary runs without the data/ folder
build/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) $(STD) $(WARN) -O1 -o $@ $<

build/gen/data_blob.c: build/tools/embed $(DATA)
	@mkdir -p $(@D)
	build/tools/embed $@ $(DATA)

build/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(@D)
	$(CC) $(STD) $(OPT) $(INC) -c -o $@ $<

build/test/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(@D)
	$(CC) $(STD) $(SAN) $(INC) -c -o $@ $<

# --- release build
build/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo '  CC  $@'
	@$(CC) $(STD) $(WARN) $(OPT) $(INC) $(DEPFLAGS) -c -o $@ $<

build/libsymbiose.a: $(REL_OBJ)
	rm -f $@
	ar rcs $@ $^

build/symbiose: build/obj/src/main.o build/libsymbiose.a
	$(CC) $(OPT) -o $@ $^ $(LIBS)

# --- sanitizer build: library, program and unit tests
build/test/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo '  CC  $@'
	@$(CC) $(STD) $(WARN) $(SAN) $(INC) $(DEPFLAGS) -c -o $@ $<

build/test/libsymbiose.a: $(TEST_OBJ)
	rm -f $@
	ar rcs $@ $^

build/test/symbiose: build/test/obj/src/main.o build/test/libsymbiose.a
	$(CC) $(SAN) -o $@ $^ $(LIBS)

build/test/%_test: build/test/obj/tests/unit/%_test.o build/test/libsymbiose.a
	$(CC) $(SAN) -o $@ $^ $(TEST_LIBS) $(LIBS)

units: $(UNIT_BIN) build/test/symbiose

test: units
	bash tests/run.sh $(UNIT_BIN)

check: setup check-format check-layout
	$(MAKE) all
	$(MAKE) test

# --- fuzzing (clang + libFuzzer); FUZZ_SECONDS per target
FUZZ_SECONDS ?= 30
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(STD) $(INC)
build/fuzz/%: tests/fuzz/%.c $(LIB_SRC) $(GEN_SRC)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(LIB_SRC) $(GEN_SRC) $(LIBS)

fuzz: $(FUZZ_BIN)
	@for f in $(FUZZ_BIN); do \
	  n=$$(basename $$f); mkdir -p build/fuzz/corpus-$$n; \
	  if [ -d tests/fuzz/seeds/$$n ]; then cp -n tests/fuzz/seeds/$$n/* build/fuzz/corpus-$$n/ 2>/dev/null; fi; \
	  echo "== $$n for $(FUZZ_SECONDS) s"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 build/fuzz/corpus-$$n || exit 1; \
	done

# --- benchmarks (release build)
build/bench/%: bench/%.c build/libsymbiose.a
	@mkdir -p $(@D)
	$(CC) $(STD) $(WARN) $(OPT) $(INC) -o $@ $^ $(LIBS)

bench: all $(BENCH_BIN)
	bash bench/run.sh

# --- style and layout
FORMAT_FILES = $(shell find src tests bench tools -name '*.[ch]' -not -path '*/node_modules/*' 2>/dev/null | sort)
format:
	clang-format -i $(FORMAT_FILES)
check-format:
	clang-format --dry-run --Werror $(FORMAT_FILES)
check-layout:
	bash scripts/check-layout.sh

setup:
	bash scripts/setup.sh

run: setup all
	bash scripts/run-demo.sh

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
