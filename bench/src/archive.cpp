#include "archive.hpp"

#include <cstdio>
#include <random>

#include "chitchat/protocol.hpp"
#include "crowd.hpp"
#include "proc_stats.hpp"

namespace bench {
namespace {

using Clock = std::chrono::steady_clock;
namespace proto = chitchat::proto;

constexpr int vocabulary = 2000;
constexpr int words_per_post = 8;
constexpr int fill_window = 200;  // posts in flight per filling client

// Word n of the vocabulary: "k" and three letters, all of one length, so a prefix is the word.
std::string word(int n) {
    std::string w = "k";
    for (int i = 0; i < 3; ++i) {
        w += static_cast<char>('a' + n % 26);
        n /= 26;
    }
    return w;
}

std::string request(proto::ClientMessage m) { return proto::encode(m); }

}  // namespace

int archive(Options& o, net::io_context& ioc, net::ip::tcp::endpoint server) {
    const std::string run = std::to_string(std::random_device{}() % 1000000);
    const auto channel = [&](int i) { return "archive-" + run + "-" + std::to_string(i % o.channels); };
    const long per_channel = o.posts / o.channels;
    std::mt19937 random(42);

    // Fill: one client per channel, fill_window posts in flight each.
    Crowd fillers{ioc, server, o, {}, {}, 0, 0, 0, {}};
    std::vector<long> sent(static_cast<std::size_t>(o.channels), 0);
    long acked = 0;
    const auto post = [&](BenchClient& c) {
        auto& n = sent[static_cast<std::size_t>(c.index())];
        if (n >= per_channel) return;
        std::string body;
        for (int w = 0; w < words_per_post; ++w) body += word(static_cast<int>(random() % vocabulary)) + " ";
        body += "n" + std::to_string(++n);
        if (n == per_channel && c.index() == 0) body += " zlast" + run;
        c.send(request(proto::Send{channel(c.index()), body, "a" + std::to_string(n), std::nullopt}));
    };
    fillers.hooks.frame = [&](BenchClient& c, std::string_view frame) {
        if (frame_type(frame) != "message") return;
        ++acked;
        post(c);
    };
    fillers.open(o.channels, [&](int i) { return BenchClient::Plan{"archivist " + std::to_string(i), channel(i), true}; });
    const auto fill_start = Clock::now();
    for (auto& c : fillers.clients)
        for (int w = 0; w < fill_window; ++w) post(*c);
    while (acked < per_channel * o.channels) ioc.run_one();
    const double fill_seconds = std::chrono::duration<double>(Clock::now() - fill_start).count();

    // Readers, on protocol 2; the first one waits until the newest post can be found.
    Crowd readers{ioc, server, o, {}, {}, 0, 0, 0, {}};
    std::string last_type;
    readers.hooks.frame = [&](BenchClient&, std::string_view frame) { last_type = std::string(frame_type(frame)); };
    readers.open(o.clients, [&](int i) {
        return BenchClient::Plan{"reader " + std::to_string(i), channel(i), false, "/ws?v=2"};
    });
    bool indexed = false;
    readers.hooks.frame = [&](BenchClient&, std::string_view frame) {
        if (frame_type(frame) == "search_results" && frame.find("\"results\":[]") == std::string_view::npos) indexed = true;
        last_type = "answer";
    };
    const auto index_start = Clock::now();
    while (!indexed) {
        last_type.clear();
        readers.clients[0]->send(request(proto::Search{"zlast" + run, std::nullopt, std::nullopt, std::nullopt}));
        while (last_type.empty()) ioc.run_one();
        if (!indexed) ioc.run_one_for(std::chrono::milliseconds(100));
    }
    const double index_wait = std::chrono::duration<double>(Clock::now() - index_start).count();

    // Read: each reader alternates a history page at a random depth and a search for a word.
    std::vector<std::uint32_t> history_us, search_us;
    std::vector<Clock::time_point> asked(static_cast<std::size_t>(o.clients));
    std::vector<bool> searching(static_cast<std::size_t>(o.clients), false);
    bool running = true;
    const auto ask = [&](BenchClient& c) {
        const auto i = static_cast<std::size_t>(c.index());
        searching[i] = !searching[i];
        asked[i] = Clock::now();
        if (searching[i]) {
            c.send(request(proto::Search{word(static_cast<int>(random() % vocabulary)), std::nullopt, std::nullopt, std::nullopt}));
        } else {
            const auto before = static_cast<std::uint64_t>(1 + random() % static_cast<unsigned>(per_channel));
            c.send(request(proto::History{channel(c.index()), before, std::nullopt, 50}));
        }
    };
    readers.hooks.frame = [&](BenchClient& c, std::string_view frame) {
        const auto type = frame_type(frame);
        if (type != "history" && type != "search_results") return;
        const auto i = static_cast<std::size_t>(c.index());
        const auto tenths = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - asked[i]).count() / 100;
        (type == "history" ? history_us : search_us).push_back(static_cast<std::uint32_t>(tenths));
        if (running) ask(c);
    };
    const ProcStats before = read_proc(o.server_pid);
    const auto start = Clock::now();
    for (auto& c : readers.clients) ask(*c);
    const auto stop_at = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
    while (Clock::now() < stop_at) ioc.run_one_for(std::chrono::milliseconds(50));
    running = false;
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    ioc.run_for(std::chrono::milliseconds(500));
    const ProcStats after = read_proc(o.server_pid);
    std::printf("{\"scenario\":\"archive\",\"posts\":%ld,\"channels\":%d,\"clients\":%d,\"fill_seconds\":%.2f,"
                "\"fill_posts_per_s\":%.0f,\"index_wait_s\":%.2f,\"histories\":%zu,\"searches\":%zu,"
                "\"history_p50_ms\":%.3f,\"history_p99_ms\":%.3f,\"search_p50_ms\":%.3f,\"search_p99_ms\":%.3f,"
                "\"reads_per_s\":%.0f,\"server_cpu_s\":%.3f,\"server_rss_kb\":%ld,\"server_peak_rss_kb\":%ld}\n",
                per_channel * o.channels, o.channels, o.clients, fill_seconds,
                static_cast<double>(per_channel * o.channels) / fill_seconds, index_wait, history_us.size(),
                search_us.size(), percentile(history_us, 0.5) / 1000, percentile(history_us, 0.99) / 1000,
                percentile(search_us, 0.5) / 1000, percentile(search_us, 0.99) / 1000,
                static_cast<double>(history_us.size() + search_us.size()) / elapsed, after.cpu_seconds - before.cpu_seconds,
                after.rss_kb, after.peak_rss_kb);
    return 0;
}

}  // namespace bench
