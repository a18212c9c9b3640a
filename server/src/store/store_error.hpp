// A storage call that failed (a full disk, a read-only folder, a damaged file): what failed and
// the engine's result code. The chat answers the request with `server_error` and logs it.
#pragma once
#include <stdexcept>
#include <string>

namespace chitchat::server {

class StoreError : public std::runtime_error {
public:
    StoreError(const std::string& what, int code) : std::runtime_error(what), code_(code) {}
    int code() const { return code_; }

private:
    int code_;
};

}  // namespace chitchat::server
