# Chit-Chat: `make run` and `make test` are the two commands; everything else is a step of them.
#   make run [PORT=9000]   set up, build the server and the client, stage the web folder, serve
#   make test              set up, build every tree, run every test through ctest: the unit and
#                          integration tests, the browser test, the whole suite again under
#                          AddressSanitizer + UBSan, every threaded test under
#                          ThreadSanitizer, and a short run of each fuzzer
#   make test-asan         the native tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   make test-tsan         every threaded test (tests/CMakeLists.txt) under ThreadSanitizer
#   make fuzz [FUZZ_SECONDS=300]   each fuzzer for a while, corpus kept in build/fuzz/corpus
#   make bench [ROUNDS=3]  load scenarios against chitchat-server and the Node reference peer
#   make soak [SOAK_CLIENTS=500 SOAK_CHANNELS=20 SOAK_SECONDS=60]   the chaos soak: users send,
#                          drop and come back while the server is killed with SIGKILL and
#                          restarted; fails unless every acknowledged message is there once
SHELL := /bin/bash
BUILD ?= build
NATIVE := $(BUILD)/native
WASM := $(BUILD)/wasm
WWW := $(BUILD)/www
ASAN := $(BUILD)/asan
TSAN := $(BUILD)/tsan
FUZZ := $(BUILD)/fuzz
FUZZERS := protocol multipart paths ws_reader
FUZZ_SECONDS ?= 300
PORT ?= 8080
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all setup native server wasm stage run test asan tsan fuzzers test-asan test-tsan fuzz bench soak clean
.DEFAULT_GOAL := all

all: native stage

setup:
	@toolchains/setup.sh --browser

$(NATIVE)/CMakeCache.txt: | setup
	cmake -S . -B $(NATIVE) -DCHITCHAT_WEB_STAGE=$(CURDIR)/$(WWW) -DCHITCHAT_ASAN_TREE=$(CURDIR)/$(ASAN) \
	      -DCHITCHAT_TSAN_TREE=$(CURDIR)/$(TSAN) \
	      -DCHITCHAT_FUZZ_TREE=$(CURDIR)/$(FUZZ) $(CMAKE_FLAGS)

$(ASAN)/CMakeCache.txt: | setup
	cmake -S . -B $(ASAN) -DCMAKE_BUILD_TYPE=Debug -DCHITCHAT_SANITIZE=address,undefined

$(TSAN)/CMakeCache.txt: | setup
	CXX=clang++ cmake -S . -B $(TSAN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHITCHAT_SANITIZE=thread

$(FUZZ)/CMakeCache.txt: | setup
	CXX=clang++ cmake -S . -B $(FUZZ) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHITCHAT_FUZZ=ON

$(WASM)/CMakeCache.txt: | setup
	cmake -S . -B $(WASM) -DCMAKE_TOOLCHAIN_FILE=$(CURDIR)/toolchains/emscripten.cmake -DCMAKE_BUILD_TYPE=MinSizeRel

native: setup $(NATIVE)/CMakeCache.txt
	cmake --build $(NATIVE) -j $(JOBS)

server: setup $(NATIVE)/CMakeCache.txt
	cmake --build $(NATIVE) -j $(JOBS) --target chitchat-server

asan: setup $(ASAN)/CMakeCache.txt
	cmake --build $(ASAN) -j $(JOBS)

tsan: setup $(TSAN)/CMakeCache.txt
	@cmake $(TSAN) >/dev/null  # a tree configured before the target existed learns it
	cmake --build $(TSAN) -j $(JOBS) --target threaded_tests

fuzzers: setup $(FUZZ)/CMakeCache.txt
	cmake --build $(FUZZ) -j $(JOBS)

wasm: setup $(WASM)/CMakeCache.txt
	cmake --build $(WASM) -j $(JOBS)

# One folder served by the server: web/ plus the client's .js and .wasm.
stage: wasm
	@mkdir -p $(WWW)
	@cp -a web/. $(WWW)/
	@cp -a $(WASM)/wasm-client/chitchat.js $(WASM)/wasm-client/chitchat.wasm $(WWW)/

run: server stage
	$(NATIVE)/server/chitchat-server --port $(PORT) --web-root $(WWW)

# The sanitizer suites and the fuzz smoke runs are ctest tests of the native tree (see
# tests/CMakeLists.txt), so one ctest summary line closes the whole run.
test: all asan tsan fuzzers
	cd $(NATIVE) && ctest --output-on-failure -j $(JOBS)

test-asan: asan
	cd $(ASAN) && ctest --output-on-failure -j $(JOBS)

test-tsan: tsan $(NATIVE)/CMakeCache.txt
	cd $(NATIVE) && ctest --output-on-failure -R '^tsan_threaded$$'

fuzz: fuzzers
	@for f in $(FUZZERS); do \
	  mkdir -p $(FUZZ)/corpus/$$f; \
	  echo "fuzz_$$f for $(FUZZ_SECONDS) s"; \
	  $(FUZZ)/tests/fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ)/crash-$$f- $(FUZZ)/corpus/$$f tests/fuzz/corpus/$$f 2>&1 \
	    | grep -E '^(Done|stat::number_of_executed_units|==.*ERROR|SUMMARY)' || exit 1; \
	done

ROUNDS ?= 3
bench: native
	python3 bench/compare.py --rounds $(ROUNDS)

SOAK_CLIENTS ?= 500
SOAK_CHANNELS ?= 20
SOAK_SECONDS ?= 60
soak: native
	$(NATIVE)/bench/chitchat-bench soak --server $(NATIVE)/server/chitchat-server \
	  --clients $(SOAK_CLIENTS) --channels $(SOAK_CHANNELS) --seconds $(SOAK_SECONDS)

clean:
	rm -rf $(BUILD)
