// A token bucket: at most `count` events in any `window_ms`, refilled evenly. count 0 = no limit.
#pragma once
#include <algorithm>
#include <cstdint>

namespace chitchat::server {

struct RateLimit {
    std::uint32_t count = 20;
    std::int64_t window_ms = 5000;
};

class RateLimiter {
public:
    bool allow(const RateLimit& limit, std::int64_t now_ms) {
        if (limit.count == 0) return true;
        const double per_ms = static_cast<double>(limit.count) / static_cast<double>(std::max<std::int64_t>(limit.window_ms, 1));
        tokens_ = last_ms_ == 0 ? limit.count
                                : std::min<double>(limit.count, tokens_ + static_cast<double>(now_ms - last_ms_) * per_ms);
        last_ms_ = now_ms;
        if (tokens_ < 1.0) return false;
        tokens_ -= 1.0;
        return true;
    }

private:
    double tokens_ = 0;
    std::int64_t last_ms_ = 0;
};

}  // namespace chitchat::server
