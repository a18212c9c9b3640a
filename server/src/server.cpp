#include "server.hpp"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <cstdlib>
#include <system_error>

#include "clock.hpp"
#include "log.hpp"
#include "store/import_v1.hpp"
#include "store/sqlite_storage.hpp"

namespace chitchat::server {
namespace {

namespace net = boost::asio;

std::unique_ptr<Storage> make_storage(const Config& config, const std::filesystem::path& scratch) {
    if (!config.persist) return std::make_unique<SqliteStorage>(scratch / "chitchat.db");  // removed at the stop
    std::filesystem::create_directories(config.data_dir);
    const auto file = config.data_dir / "chitchat.db";
    try {
        auto store = std::make_unique<SqliteStorage>(file, config.sync_full ? Sync::full : Sync::normal);
        import_v1(config.data_dir, *store);
        return store;
    } catch (const StoreError& e) {
        throw StoreError(file.string() + ": " + e.what() + " (refusing to start; the file is left as it is)", e.code());
    }
}

// --persist off: the database lives in a folder of its own under the temporary directory.
std::filesystem::path make_scratch_folder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "chitchat-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::system_error(errno, std::generic_category(), "mkdtemp");
    return pattern;
}

// The hub's commit, run by the flusher once the turn's reads have been handled.
class Committer final : public Flusher::Target {
public:
    explicit Committer(Hub& hub) : hub_(hub) {}
    void flush() override { hub_.commit(); }

private:
    Hub& hub_;
};

constexpr auto tick_period = std::chrono::milliseconds(limits::online_coalesce_ms);
constexpr std::size_t ticks_per_stats_line = 240;  // a minute
constexpr std::size_t ticks_per_second = 4;
constexpr std::size_t ticks_per_idle_sweep = 20;
constexpr std::size_t ticks_per_hour = 4 * 3600;  // every 5 s: one sweep instead of a timer per connection

}  // namespace

Server::Server(Config config)
    : config_(std::move(config)),
      ioc_(static_cast<int>(config_.threads)),
      scratch_(config_.persist ? std::filesystem::path() : make_scratch_folder()),
      storage_(make_storage(config_, scratch_)),
      uploads_(config_.uploads),
      chat_(*storage_, uploads_, ChatOptions{config_.rate, config_.max_channels, config_.max_upload_bytes()}),
      hub_(chat_, *storage_,
           Hub::Hooks{[this] { flusher_.schedule(committer_); },
                      [this](std::function<void()> read) { net::post(reads_, std::move(read)); }}),
      flusher_(ioc_),
      committer_(std::make_shared<Committer>(hub_)),
      limit_(std::make_shared<ConnectionLimit>(config_.max_conns_per_ip, config_.cap_loopback)),
      services_{config_, hub_, flusher_, *limit_,
                HttpContext{config_, uploads_, [this](const std::string& sid) { return hub_.display_name(sid); }}},
      ticker_(ioc_),
      signals_(ioc_, SIGINT, SIGTERM) {}

Server::~Server() {
    stop();
    storage_.reset();
    if (!scratch_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(scratch_, ignored);
    }
}

std::uint16_t Server::start() {
    const net::ip::tcp::endpoint endpoint{net::ip::make_address(config_.host), config_.port};
    listener_ = std::make_shared<Listener>(ioc_, endpoint, services_, limit_);
    listener_->run();
    const auto port = listener_->local_endpoint().port();
    tick();
    signals_.async_wait([this](boost::system::error_code ec, int signal) {
        if (ec) return;
        log::info(std::string("received ") + (signal == SIGINT ? "SIGINT" : "SIGTERM"));
        signalled_.set_value();
    });
    threads_.reserve(config_.threads);
    for (unsigned i = 0; i < config_.threads; ++i) threads_.emplace_back([this] { ioc_.run(); });
    log::info("chitchat listening on http://" + config_.host + ":" + std::to_string(port) + " (" +
              std::to_string(config_.threads) + " threads, web " + config_.web_root.string() + ", data " +
              (config_.persist ? (config_.data_dir / "chitchat.db").string() + (config_.sync_full ? " (sync full)" : "")
                               : std::string("in memory only")) +
              ", uploads " +
              config_.uploads.string() + ")");
    return port;
}

// Every 250 ms: the coalesced `online` count; every minute, a line of connection counts.
void Server::tick() {
    hub_.publish_online();
    hub_.maintain();
    if (config_.retain_days > 0 && ticks_ % ticks_per_hour == 0) expire_old_posts();
    if (ticks_ % ticks_per_second == 0)
        net::post(reads_, [this] {
            try {
                storage_->checkpoint();
            } catch (const StoreError& e) {
                log::error(std::string("checkpointing the database failed: ") + e.what());
            }
        });
    if (ticks_ % ticks_per_second == 0) give_back_memory();
    if (ticks_ % ticks_per_idle_sweep == 0) hub_.check_idle();
    if (++ticks_ % ticks_per_stats_line == 0) {
        const std::size_t open = hub_.connections();
        if (open != last_logged_)
            log::info(std::to_string(open) + " WebSocket connections open, " + std::to_string(hub_.online()) + " online");
        last_logged_ = open;
    }
    ticker_.expires_after(tick_period);
    ticker_.async_wait([this](boost::system::error_code ec) {
        if (!ec) tick();
    });
}

// --retain-days: the posts older than that go, and then (committed) the files they carried.
void Server::expire_old_posts() {
    const std::int64_t before = now_ms() - static_cast<std::int64_t>(config_.retain_days) * 24 * 3600 * 1000;
    const auto uploads = hub_.expire(before);
    for (const auto& id : uploads) uploads_.remove(id);
    if (!uploads.empty()) log::info("retention: deleted " + std::to_string(uploads.size()) + " uploads of old posts");
}

// Once half the connections since the last look have gone (a crowd left), the heap pages they
// used go back to the system: glibc keeps freed memory otherwise, and RSS would stay at the peak.
void Server::give_back_memory() {
    const std::size_t open = hub_.connections();
    peak_since_trim_ = std::max(peak_since_trim_, open);
    if (open * 2 >= peak_since_trim_ || peak_since_trim_ < 64) return;
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    peak_since_trim_ = open;
}

void Server::stop() {
    if (stopped_ || threads_.empty()) return;
    stopped_ = true;
    log::info("stopping: closing " + std::to_string(hub_.connections()) + " connections");
    listener_->stop();
    net::post(ioc_, [this] {
        ticker_.cancel();
        signals_.cancel();
    });
    hub_.go_away_all();
    // Give the close frames a moment, then end whatever is still open (idle HTTP keep-alives).
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ioc_.stop();
    for (auto& t : threads_) t.join();
    threads_.clear();
    reads_.join();  // the history and search reads under way
    storage_->flush();
    log::info("stopped");
}

void Server::run_until_signalled() {
    signalled_.get_future().wait();
    stop();
}

}  // namespace chitchat::server
