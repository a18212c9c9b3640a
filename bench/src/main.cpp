// chitchat-bench: a load generator for any server speaking protocol v1 (ours or a peer).
//   chitchat-bench fanout --port 8080 --clients 100 --channels 1 --senders 10 --seconds 10 [--rate 0]
//   chitchat-bench idle   --port 8080 --clients 10000
//   chitchat-bench storm  --port 8080 --clients 10000
//   chitchat-bench history --port 8080 --clients 1000 --channels 10 --seconds 10
//   chitchat-bench archive --port 8080 --posts 1000000 --channels 100 --clients 20 --seconds 10
// Prints one JSON line of results and a short table. With --server-pid it reads the server's CPU
// time and memory from /proc; with --pin it runs itself on core 1 and the server on core 0.
#include <sched.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>

#include "archive.hpp"
#include "bench_client.hpp"
#include "crowd.hpp"
#include "chitchat/protocol.hpp"
#include "options.hpp"
#include "proc_stats.hpp"
#include "soak.hpp"

using namespace bench;
using Clock = std::chrono::steady_clock;

namespace {

void raise_file_limit() {
    rlimit r{};
    getrlimit(RLIMIT_NOFILE, &r);
    r.rlim_cur = r.rlim_max;  // the bench opens many sockets: as many as the hard limit allows
    setrlimit(RLIMIT_NOFILE, &r);
}

void pin(pid_t pid, int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    sched_setaffinity(pid, sizeof set, &set);
}

int fanout(Options& o, net::io_context& ioc, net::ip::tcp::endpoint server) {
    const std::string run = std::to_string(std::random_device{}() % 1000000);
    const int senders = std::min(o.senders, o.clients);
    std::vector<std::uint64_t> sent(static_cast<std::size_t>(senders), 0), acked(static_cast<std::size_t>(senders), 0);
    // received[client * senders + sender]: count and the last sequence number seen.
    std::vector<std::uint32_t> count(static_cast<std::size_t>(o.clients) * senders, 0), last(count.size(), 0);
    std::vector<std::uint32_t> latencies;  // tenths of a microsecond: 32 bits hold 7 minutes
    latencies.reserve(1 << 22);
    std::uint64_t deliveries = 0, duplicates = 0;
    bool sending = false;
    const auto epoch = Clock::now();
    auto now_ns = [&] { return static_cast<std::uint64_t>((Clock::now() - epoch).count()); };
    std::vector<std::shared_ptr<BenchClient>>* all = nullptr;

    auto send_next = [&](BenchClient& c) {
        const int s = c.index();
        const std::uint64_t seq = ++sent[static_cast<std::size_t>(s)];
        const std::string body = "b" + std::to_string(s) + "." + std::to_string(seq) + "." + std::to_string(now_ns());
        c.send(chitchat::proto::encode(chitchat::proto::ClientMessage{chitchat::proto::Send{
            "bench-" + run + "-" + std::to_string(s % o.channels), body, "c" + std::to_string(seq), std::nullopt}}));
    };

    Crowd crowd{ioc, server, o, {}, {}, 0, 0, 0, {}};
    crowd.hooks.frame = [&](BenchClient& c, std::string_view frame) {
        constexpr std::string_view key = "\"body\":\"b";
        const auto at = frame.find(key);
        if (at == std::string_view::npos) return;
        const char* p = frame.data() + at + key.size();
        auto number = [&p] {
            std::uint64_t n = 0;
            while (*p >= '0' && *p <= '9') n = n * 10 + static_cast<std::uint64_t>(*p++ - '0');
            ++p;
            return n;
        };
        const auto s = static_cast<std::size_t>(number());
        const auto seq = static_cast<std::uint32_t>(number());
        const std::uint64_t t = number();
        const std::uint64_t now = now_ns();
        if (s >= static_cast<std::size_t>(senders)) return;
        ++deliveries;
        latencies.push_back(static_cast<std::uint32_t>(std::min<std::uint64_t>((now - t) / 100, UINT32_MAX)));
        const std::size_t slot = static_cast<std::size_t>(c.index()) * static_cast<std::size_t>(senders) + s;
        if (seq <= last[slot]) ++duplicates;
        else last[slot] = seq;
        ++count[slot];
        if (static_cast<std::size_t>(c.index()) == s) {  // our own message: acknowledged
            ++acked[s];
            if (sending && o.rate == 0) send_next(c);
        }
    };
    // The first client of each channel creates it; the others join.
    crowd.open(std::min(o.channels, o.clients), [&](int i) {
        return BenchClient::Plan{"bench " + std::to_string(i), "bench-" + run + "-" + std::to_string(i), true};
    });
    const auto connect_start = Clock::now();
    crowd.open(o.clients - std::min(o.channels, o.clients), [&](int i) {
        return BenchClient::Plan{"bench " + std::to_string(i), "bench-" + run + "-" + std::to_string(i % o.channels), false};
    });
    const double connect_seconds = std::chrono::duration<double>(Clock::now() - connect_start).count();
    all = &crowd.clients;
    if (crowd.failures) {
        std::fprintf(stderr, "chitchat-bench: %d clients failed (first: %s)\n", crowd.failures, crowd.first_error.c_str());
        return 1;
    }

    // Send for the given time, then wait for the last deliveries.
    deliveries = 0;
    latencies.clear();
    const ProcStats before = read_proc(o.server_pid);
    const ProcStats generator_before = read_proc(::getpid());
    const auto start = Clock::now();
    sending = true;
    std::vector<std::unique_ptr<net::steady_timer>> timers;
    std::function<void(int)> tick = [&](int s) {
        if (!sending) return;
        send_next(*(*all)[static_cast<std::size_t>(s)]);
        timers[static_cast<std::size_t>(s)]->expires_at(timers[static_cast<std::size_t>(s)]->expiry() +
                                                          std::chrono::nanoseconds(static_cast<long>(1e9 / o.rate)));
        timers[static_cast<std::size_t>(s)]->async_wait([&, s](boost::system::error_code ec) { if (!ec) tick(s); });
    };
    for (int s = 0; s < senders; ++s) {
        if (o.rate > 0) {  // the senders' sends spread evenly over each period, not all at once
            const auto offset = std::chrono::nanoseconds(static_cast<long>(1e9 / o.rate * s / senders));
            timers.push_back(std::make_unique<net::steady_timer>(ioc, Clock::now() + offset));
            timers.back()->async_wait([&, s](boost::system::error_code ec) { if (!ec) tick(s); });
        } else {
            for (int w = 0; w < o.window; ++w) send_next(*(*all)[static_cast<std::size_t>(s)]);
        }
    }
    const auto stop_at = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
    while (Clock::now() < stop_at) ioc.run_one_for(std::chrono::milliseconds(50));
    sending = false;
    const auto sent_end = Clock::now();
    std::uint64_t seen = deliveries;
    auto quiet_since = Clock::now();
    while (Clock::now() - quiet_since < std::chrono::milliseconds(1000)) {
        ioc.run_one_for(std::chrono::milliseconds(50));
        if (deliveries != seen) { seen = deliveries; quiet_since = Clock::now(); }
    }
    const ProcStats after = read_proc(o.server_pid);
    const ProcStats generator_after = read_proc(::getpid());
    const double elapsed = std::chrono::duration<double>(sent_end - start).count();

    std::uint64_t lost = 0, total_sent = 0;
    for (int s = 0; s < senders; ++s) total_sent += sent[static_cast<std::size_t>(s)];
    for (int c = 0; c < o.clients; ++c)
        for (int s = 0; s < senders; ++s)
            if (s % o.channels == c % o.channels) {
                const std::size_t slot = static_cast<std::size_t>(c) * static_cast<std::size_t>(senders) + static_cast<std::size_t>(s);
                const std::uint64_t got = count[slot] - std::min<std::uint64_t>(count[slot], 0);
                if (sent[static_cast<std::size_t>(s)] > got) lost += sent[static_cast<std::size_t>(s)] - got;
            }
    const double cpu = after.cpu_seconds - before.cpu_seconds;
    const double per_delivery_us = deliveries && o.server_pid ? cpu * 1e6 / static_cast<double>(deliveries) : 0;
    std::printf("{\"scenario\":\"fanout\",\"clients\":%d,\"channels\":%d,\"senders\":%d,\"rate\":%g,\"seconds\":%.2f,"
                "\"connect_seconds\":%.3f,\"sent\":%llu,\"deliveries\":%llu,\"deliveries_per_s\":%.0f,"
                "\"p50_ms\":%.3f,\"p95_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,\"lost\":%llu,\"duplicated\":%llu,"
                "\"server_cpu_s\":%.3f,\"server_us_per_delivery\":%.3f,\"server_peak_rss_kb\":%ld,"
                "\"generator_cpu_s\":%.3f}\n",
                o.clients, o.channels, senders, o.rate, elapsed, connect_seconds,
                static_cast<unsigned long long>(total_sent), static_cast<unsigned long long>(deliveries),
                static_cast<double>(deliveries) / elapsed, percentile(latencies, 0.50) / 1000, percentile(latencies, 0.95) / 1000,
                percentile(latencies, 0.99) / 1000, percentile(latencies, 1.0) / 1000,
                static_cast<unsigned long long>(lost), static_cast<unsigned long long>(duplicates), cpu, per_delivery_us,
                after.peak_rss_kb, generator_after.cpu_seconds - generator_before.cpu_seconds);
    return lost || duplicates ? 3 : 0;
}

int idle(Options& o, net::io_context& ioc, net::ip::tcp::endpoint server) {
    const ProcStats before = read_proc(o.server_pid);
    Crowd crowd{ioc, server, o, {}, {}, 0, 0, 0, {}};
    const auto start = Clock::now();
    crowd.open(o.clients, [](int) { return BenchClient::Plan{}; });
    const double open_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const auto settle = Clock::now() + std::chrono::seconds(2);
    while (Clock::now() < settle) ioc.run_one_for(std::chrono::milliseconds(50));
    const ProcStats after = read_proc(o.server_pid);
    const double per_conn_kb = o.clients ? static_cast<double>(after.rss_kb - before.rss_kb) / crowd.ready : 0;
    std::printf("{\"scenario\":\"idle\",\"clients\":%d,\"opened\":%d,\"failed\":%d,\"open_seconds\":%.3f,"
                "\"server_rss_before_kb\":%ld,\"server_rss_after_kb\":%ld,\"server_kb_per_connection\":%.2f}\n",
                o.clients, crowd.ready, crowd.failures, open_seconds, before.rss_kb, after.rss_kb, per_conn_kb);
    if (crowd.failures) std::fprintf(stderr, "first failure: %s\n", crowd.first_error.c_str());
    return crowd.failures ? 1 : 0;
}

// N clients connect, name themselves and join at once: how long until all are in.
int storm(Options& o, net::io_context& ioc, net::ip::tcp::endpoint server) {
    Crowd crowd{ioc, server, o, {}, {}, 0, 0, 0, {}};
    o.batch = o.clients;
    const auto start = Clock::now();
    crowd.open(o.clients, [](int i) { return BenchClient::Plan{"storm " + std::to_string(i), "General Talk", false}; });
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const ProcStats after = read_proc(o.server_pid);
    std::printf("{\"scenario\":\"storm\",\"clients\":%d,\"ready\":%d,\"failed\":%d,\"storm_seconds\":%.3f,"
                "\"server_peak_rss_kb\":%ld}\n", o.clients, crowd.ready, crowd.failures, seconds, after.peak_rss_kb);
    if (crowd.failures) std::fprintf(stderr, "first failure: %s\n", crowd.first_error.c_str());
    return crowd.failures ? 1 : 0;
}

// Channels holding 100 messages each; every client joins one again and again: joins per second.
int history(Options& o, net::io_context& ioc, net::ip::tcp::endpoint server) {
    const std::string run = std::to_string(std::random_device{}() % 1000000);
    auto channel = [&](int i) { return "history-" + run + "-" + std::to_string(i % o.channels); };
    Crowd crowd{ioc, server, o, {}, {}, 0, 0, 0, {}};
    int acks = 0;
    crowd.hooks.frame = [&](BenchClient&, std::string_view frame) {
        if (frame_type(frame) == "message") ++acks;
    };
    crowd.open(o.channels, [&](int i) { return BenchClient::Plan{"filler " + std::to_string(i), channel(i), true}; });
    const std::string body(200, 'h');
    for (int i = 0; i < o.channels; ++i)
        for (int m = 0; m < 100; ++m)
            crowd.clients[static_cast<std::size_t>(i)]->send(chitchat::proto::encode(chitchat::proto::ClientMessage{
                chitchat::proto::Send{channel(i), body, "f" + std::to_string(m), std::nullopt}}));
    while (acks < o.channels * 100) ioc.run_one();
    crowd.open(o.clients, [&](int i) { return BenchClient::Plan{"reader " + std::to_string(i), channel(i), false}; });

    std::uint64_t joins = 0;
    bool running = true;
    auto join = [&](BenchClient& c) {
        c.send(chitchat::proto::encode(chitchat::proto::ClientMessage{chitchat::proto::Join{channel(c.index()), std::nullopt}}));
    };
    crowd.hooks.frame = [&](BenchClient& c, std::string_view frame) {
        if (frame_type(frame) != "joined") return;
        ++joins;
        if (running) join(c);
    };
    const ProcStats before = read_proc(o.server_pid);
    const auto start = Clock::now();
    for (std::size_t i = static_cast<std::size_t>(o.channels); i < crowd.clients.size(); ++i) join(*crowd.clients[i]);
    const auto stop_at = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
    while (Clock::now() < stop_at) ioc.run_one_for(std::chrono::milliseconds(50));
    running = false;
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    const ProcStats after = read_proc(o.server_pid);
    std::printf("{\"scenario\":\"history\",\"clients\":%d,\"channels\":%d,\"joins\":%llu,\"joins_per_s\":%.0f,"
                "\"server_cpu_s\":%.3f,\"server_peak_rss_kb\":%ld}\n", o.clients, o.channels,
                static_cast<unsigned long long>(joins), static_cast<double>(joins) / elapsed,
                after.cpu_seconds - before.cpu_seconds, after.peak_rss_kb);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        Options o = parse(argc, argv);
        raise_file_limit();
        if (o.pin) {
            pin(0, 1);
            if (o.server_pid) pin(o.server_pid, 0);
        }
        net::io_context ioc(1);
        const net::ip::tcp::endpoint server(net::ip::make_address(o.host), o.port);
        if (o.scenario == "fanout") return fanout(o, ioc, server);
        if (o.scenario == "idle") return idle(o, ioc, server);
        if (o.scenario == "storm") return storm(o, ioc, server);
        if (o.scenario == "history") return history(o, ioc, server);
        if (o.scenario == "archive") return archive(o, ioc, server);
        if (o.scenario == "soak") return soak(o, ioc);
        std::fprintf(stderr, "usage: chitchat-bench fanout|idle|storm|history|archive|soak [--port N] [--clients N] [--channels K] [--senders S]\n"
                             "       [--rate R] [--window W] [--seconds T] [--server-pid PID] [--pin on]\n"
                             "       [--server PATH] [--kill-at FRACTION]   (soak: start, kill -9 and restart that server)\n"
                             "       [--posts N]   (archive: posts stored over --channels before reading them back)\n");
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "chitchat-bench: %s\n", e.what());
        return 2;
    }
}
