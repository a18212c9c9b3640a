// What the scenarios share: percentiles of latencies, and a crowd of clients opened a batch
// at a time on one io_context.
#pragma once
#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bench_client.hpp"
#include "options.hpp"

namespace bench {

// Latencies are kept in tenths of a microsecond; the answer is in microseconds.
inline double percentile(std::vector<std::uint32_t>& v, double p) {
    if (v.empty()) return 0;
    const auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k] / 10.0;  // tenths of a microsecond -> microseconds
}

// Opens `count` clients, at most `batch` connecting at once, and runs the io_context until all
// are ready (or one failed).
struct Crowd {
    net::io_context& ioc;
    net::ip::tcp::endpoint server;
    Options& o;
    BenchClient::Hooks hooks;
    std::vector<std::shared_ptr<BenchClient>> clients;
    int ready = 0, failures = 0, next = 0;
    std::string first_error;

    void open(int count, const std::function<BenchClient::Plan(int)>& plan) {
        const int target = static_cast<int>(clients.size()) + count;
        auto launch = [&, target](auto& self) -> void {
            while (next < target && next - ready - failures < o.batch) {
                auto c = std::make_shared<BenchClient>(ioc, server, next, plan(next), hooks);
                clients.push_back(c);
                c->start();
                ++next;
            }
            (void)self;
        };
        auto user_ready = hooks.ready;
        hooks.ready = [&, user_ready, launch](BenchClient& c) {
            ++ready;
            if (user_ready) user_ready(c);
            launch(launch);
        };
        hooks.failed = [&, launch](BenchClient&, const std::string& why) {
            if (first_error.empty()) first_error = why;
            ++failures;
            launch(launch);
        };
        launch(launch);
        while (ready + failures < target) ioc.run_one();
        hooks.ready = user_ready;
    }
};

}  // namespace bench
