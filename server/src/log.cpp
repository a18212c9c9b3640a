#include "log.hpp"

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

namespace chitchat::server::log {
namespace {

std::mutex mutex;

void write(const char* level, std::string_view line) {
    using namespace std::chrono;
    const auto now = system_clock::now();
    const std::time_t t = system_clock::to_time_t(now);
    const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    const std::lock_guard lock(mutex);
    std::fprintf(stderr, "%s.%03dZ %s %.*s\n", stamp, static_cast<int>(ms), level, static_cast<int>(line.size()),
                 line.data());
}

}  // namespace

void info(std::string_view line) { write("info ", line); }
void warn(std::string_view line) { write("warn ", line); }
void error(std::string_view line) { write("error", line); }

}  // namespace chitchat::server::log
