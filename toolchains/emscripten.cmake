# CMake toolchain for Debian's Emscripten (package `emscripten`, 3.1.6).
#   cmake -S . -B build/wasm -DCMAKE_TOOLCHAIN_FILE=toolchains/emscripten.cmake
set(CHITCHAT_EMSCRIPTEN_PLATFORM /usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake)
if(NOT EXISTS ${CHITCHAT_EMSCRIPTEN_PLATFORM})
  message(FATAL_ERROR "Emscripten is missing: run toolchains/setup.sh (apt-get install emscripten)")
endif()
include(${CHITCHAT_EMSCRIPTEN_PLATFORM})

# Debian's emcc runs its JavaScript tools with the machine's Node.js, which does not look in
# Debian's node folder (acorn, terser): every link gets NODE_PATH.
set(CMAKE_CXX_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
# Node 20 rejects the emulator flag emcmake would add; nothing here runs wasm under node.
set(CMAKE_CROSSCOMPILING_EMULATOR "")
