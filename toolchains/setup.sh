#!/usr/bin/env bash
# Installs what Chit-Chat needs on Debian 12, only what is missing, so a warm run
# touches no network. Called by the Makefile before every build.
#   toolchains/setup.sh [--browser]    --browser also installs chromium + playwright-core
set -euo pipefail
cd "$(dirname "$0")/.."

IMGUI_VERSION=1.86
IMGUI_DIR=third_party/imgui-$IMGUI_VERSION
PACKAGES=(build-essential cmake libboost1.81-dev nlohmann-json3-dev libsqlite3-dev catch2 emscripten
          dpkg-dev fonts-dejavu-core python3-fonttools clang libclang-rt-14-dev)
# The browser draws people's text with its own fonts (wasm-client/src/text_atlas.hpp): these give
# the test browser every script and colour emoji.
[[ ${1:-} == --browser ]] && PACKAGES+=(chromium fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji)

say() { printf 'setup: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

command -v apt-get >/dev/null || die "needs Debian's apt-get (Debian 12); install by hand: ${PACKAGES[*]}"
SUDO=
if [[ $(id -u) != 0 ]]; then
  command -v sudo >/dev/null || die "run as root or install sudo: apt-get needs root to install ${PACKAGES[*]}"
  SUDO=sudo
fi
apt_get() { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -y -q "$@"; }

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
updated=
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  apt_get update >/dev/null
  updated=1
  apt_get install --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed (see above)"
fi

# Dear ImGui's sources: Debian ships them only as a source package. Enable deb-src by
# deriving an entry from the machine's own sources file (never a written mirror address).
if [[ ! -f $IMGUI_DIR/imgui.cpp ]]; then
  src_list=/etc/apt/sources.list.d/chitchat-src.sources
  if [[ ! -f $src_list ]]; then
    base=/etc/apt/sources.list.d/debian.sources
    [[ -f $base ]] || die "no $base to derive a deb-src entry from; add 'deb-src' lines for bookworm by hand"
    sed 's/^Types:.*/Types: deb-src/' "$base" | $SUDO tee "$src_list" >/dev/null
    updated=
  fi
  [[ -n $updated ]] || apt_get update >/dev/null
  say "fetching Dear ImGui $IMGUI_VERSION sources (apt-get source imgui)"
  mkdir -p third_party
  tmp=$(mktemp -d third_party/src.XXXXXX)
  chmod 755 "$tmp"   # apt's _apt user downloads into it
  (cd "$tmp" && apt-get source -q --download-only "imgui=$IMGUI_VERSION*" >/dev/null 2>&1 \
     || apt-get source -q --download-only imgui >/dev/null) || die "apt-get source imgui failed"
  (cd "$tmp" && dpkg-source -q --no-check -x ./*.dsc imgui >/dev/null)
  rm -rf "$IMGUI_DIR"
  mv "$tmp/imgui" "$IMGUI_DIR"
  rm -rf "$tmp"
  [[ -f $IMGUI_DIR/imgui.cpp ]] || die "no imgui.cpp in the unpacked sources"
fi

# The browser test's driver: playwright-core from the npm registry (it drives Debian's chromium;
# it never downloads a browser).
if [[ ${1:-} == --browser && ! -d tests/e2e/node_modules/playwright-core ]]; then
  command -v npm >/dev/null || die "npm is missing: install Node.js 20 and npm"
  say "installing playwright-core (npm ci in tests/e2e)"
  (cd tests/e2e && npm ci --no-audit --no-fund --silent >/dev/null) || die "npm ci in tests/e2e failed"
fi
exit 0
