#include "net/flusher.hpp"

#include <boost/asio/post.hpp>

namespace chitchat::server {
namespace {

// Turns of the event loop a flush may wait for reads to stop; bounds the latency it adds when
// reads never stop (a saturated server), to a few turns.
constexpr int max_deferrals = 4;

}  // namespace

void Flusher::schedule(std::shared_ptr<Target> target) {
    {
        const std::lock_guard lock(mutex_);
        waiting_.push_back(std::move(target));
        if (posted_) return;
        posted_ = true;
        reads_seen_ = reads_.load(std::memory_order_relaxed);
        deferrals_ = 0;
    }
    boost::asio::post(ioc_, [this] { run(); });
}

// Posted behind the handlers that were ready, among them the reads that completed at once.
// While those keep reading messages, go behind them again; then write everything delivered.
void Flusher::run() {
    std::vector<std::shared_ptr<Target>> due;
    {
        const std::lock_guard lock(mutex_);
        const std::uint64_t reads = reads_.load(std::memory_order_relaxed);
        if (reads != reads_seen_ && deferrals_ < max_deferrals) {
            reads_seen_ = reads;
            ++deferrals_;
            boost::asio::post(ioc_, [this] { run(); });
            return;
        }
        posted_ = false;
        due.swap(waiting_);
    }
    for (auto& target : due) target->flush();
}

}  // namespace chitchat::server
