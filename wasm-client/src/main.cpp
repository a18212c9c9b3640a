// Placeholder entry point: proves the shared library builds and links for WebAssembly.
#include <cstdio>

#include "chitchat/protocol.hpp"

int main() {
    const auto ping = chitchat::proto::encode(chitchat::proto::ClientMessage{chitchat::proto::Ping{1}});
    std::printf("chitchat client, protocol %d: %s\n", chitchat::limits::protocol_version, ping.c_str());
    return 0;
}
