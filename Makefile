# Chit-Chat: `make run` and `make test` are the two commands; everything else is a step of them.
#   make run [PORT=9000]   set up, build both trees, stage the web folder, start the server
#   make test              set up, build both trees, run every test through ctest
SHELL := /bin/bash
BUILD ?= build
NATIVE := $(BUILD)/native
WASM := $(BUILD)/wasm
WWW := $(BUILD)/www
PORT ?= 8080
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all setup native wasm stage run test clean
.DEFAULT_GOAL := all

all: native stage

setup:
	@toolchains/setup.sh --browser

$(NATIVE)/CMakeCache.txt: | setup
	cmake -S . -B $(NATIVE) -DCHITCHAT_WEB_STAGE=$(CURDIR)/$(WWW) $(CMAKE_FLAGS)

$(WASM)/CMakeCache.txt: | setup
	cmake -S . -B $(WASM) -DCMAKE_TOOLCHAIN_FILE=$(CURDIR)/toolchains/emscripten.cmake -DCMAKE_BUILD_TYPE=MinSizeRel

native: setup $(NATIVE)/CMakeCache.txt
	cmake --build $(NATIVE) -j $(JOBS)

wasm: setup $(WASM)/CMakeCache.txt
	cmake --build $(WASM) -j $(JOBS)

# One folder served by the server: web/ plus the client's .js and .wasm.
stage: wasm
	@mkdir -p $(WWW)
	@cp -a web/. $(WWW)/
	@cp -a $(WASM)/wasm-client/chitchat.js $(WASM)/wasm-client/chitchat.wasm $(WWW)/

run: all
	$(NATIVE)/server/chitchat-server --port $(PORT) --web-root $(WWW)

test: all
	cd $(NATIVE) && ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD)
