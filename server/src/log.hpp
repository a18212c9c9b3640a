// One line per event that matters, to stderr, with a UTC timestamp. Thread-safe.
#pragma once
#include <string_view>

namespace chitchat::server::log {

void info(std::string_view line);
void warn(std::string_view line);
void error(std::string_view line);

}  // namespace chitchat::server::log
