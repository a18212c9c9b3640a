// Wall-clock time in milliseconds since the epoch: message timestamps and idle timing.
#pragma once
#include <chrono>
#include <cstdint>

namespace chitchat::server {

inline std::int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace chitchat::server
