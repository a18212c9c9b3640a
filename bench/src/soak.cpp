#include "soak.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "proc_stats.hpp"
#include "server_process.hpp"
#include "soak_client.hpp"

namespace bench {
namespace {

using Clock = std::chrono::steady_clock;
using Clients = std::vector<std::shared_ptr<SoakClient>>;

// What each user does on each 50 ms tick while the soak runs.
constexpr double p_send = 0.025;        // ~0.5 messages per second per user
constexpr double p_drop = 0.002;        // a dropped connection every ~25 s per user
constexpr double p_stale_resend = 0.002;
constexpr double p_change = 0.01;       // ~0.2 edits, deletions or reactions per second per user

unsigned short free_port() {
    net::io_context ioc;
    net::ip::tcp::acceptor a(ioc, {net::ip::make_address("127.0.0.1"), 0});
    return a.local_endpoint().port();
}

// Runs the io_context until `done()` or until `limit` has passed; says whether done.
template <class Done>
bool run_until(net::io_context& ioc, Clock::duration limit, Done done) {
    const auto until = Clock::now() + limit;
    while (!done()) {
        if (Clock::now() >= until) return false;
        ioc.run_for(std::chrono::milliseconds(20));
    }
    return true;
}

bool all(const Clients& clients, bool (SoakClient::*test)() const) {
    return std::all_of(clients.begin(), clients.end(), [&](const auto& c) { return (*c.*test)(); });
}

// Brings back the users whose connection is down, each after a random 100 to 1000 ms.
void reconnect_due(Clients& clients, std::vector<Clock::time_point>& retry_at, std::mt19937& rng) {
    const auto now = Clock::now();
    for (std::size_t i = 0; i < clients.size(); ++i) {
        if (!clients[i]->down()) continue;
        if (retry_at[i] == Clock::time_point{}) {
            retry_at[i] = now + std::chrono::milliseconds(100 + rng() % 900);
        } else if (now >= retry_at[i]) {
            retry_at[i] = {};
            clients[i]->connect();
        }
    }
}

struct Verdict {
    std::uint64_t acknowledged = 0, unacknowledged = 0, lost_history = 0, lost_view = 0;
    std::uint64_t duplicated_acks = 0, duplicated_history = 0, duplicated_view = 0, out_of_order = 0;
    std::uint64_t mismatched = 0, stored_unacknowledged = 0, history_checked = 0, views_checked = 0;
    std::uint64_t stale = 0, states_checked = 0;  // posts whose state a user holds differs from a newcomer's
    std::uint64_t lost() const { return unacknowledged + lost_history + lost_view; }
    std::uint64_t duplicated() const { return duplicated_acks + duplicated_history + duplicated_view; }
};

// Checks that ids only grow; a repeated id is a duplicate, a smaller new one out of order.
void check_order(const std::vector<SoakClient::Seen>& view, std::uint64_t& duplicated, std::uint64_t& out_of_order) {
    std::set<std::uint64_t> seen;
    for (std::size_t i = 0; i < view.size(); ++i) {
        const bool repeated = !seen.insert(view[i].id).second;
        if (repeated) ++duplicated;
        else if (i > 0 && view[i].id <= view[i - 1].id) ++out_of_order;
    }
}

Verdict verify(const Clients& users, const Clients& readers) {
    Verdict v;
    std::map<std::string, std::map<std::uint64_t, std::string>> acked;  // channel -> id -> body
    for (const auto& c : users) {
        v.unacknowledged += c->unacknowledged();
        for (const auto& [client_id, ids] : c->acks()) {
            ++v.acknowledged;
            v.duplicated_acks += ids.size() - 1;  // one client id posted under several ids
            for (const auto id : ids) {
                const auto [it, fresh] = acked[c->channel()].emplace(id, "soak " + client_id.substr(1));
                if (!fresh && it->second != "soak " + client_id.substr(1)) ++v.mismatched;
            }
        }
    }
    for (const auto& r : readers) {  // a newcomer's view is the channel's retained history
        const auto& truth = acked[r->channel()];
        const auto& view = r->view();
        check_order(view, v.duplicated_history, v.out_of_order);
        std::set<std::uint64_t> ids;
        for (const auto& m : view) {
            ids.insert(m.id);
            const auto it = truth.find(m.id);
            if (it == truth.end()) ++v.stored_unacknowledged;
            else if (!m.edited && !m.deleted && it->second != m.body) ++v.mismatched;
        }
        const std::uint64_t floor = view.empty() ? 1 : view.front().id;
        for (const auto& [id, body] : truth) {
            if (id < floor) continue;
            ++v.history_checked;
            if (!ids.count(id)) ++v.lost_history;
        }
    }
    // Every user ends where a newcomer is: each post both hold is in the same state.
    std::map<std::string, const SoakClient*> reader_of;
    for (const auto& r : readers) reader_of[r->channel()] = r.get();
    for (const auto& c : users) {
        const auto r = reader_of.find(c->channel());
        if (r == reader_of.end()) continue;
        std::map<std::uint64_t, const SoakClient::Seen*> held;
        for (const auto& m : c->view()) held[m.id] = &m;
        for (const auto& m : r->second->view()) {
            const auto it = held.find(m.id);
            if (it == held.end()) continue;
            ++v.states_checked;
            if (!(*it->second == m)) ++v.stale;
        }
    }
    for (const auto& c : users) {
        const auto& truth = acked[c->channel()];
        check_order(c->view(), v.duplicated_view, v.out_of_order);
        std::set<std::uint64_t> ids;
        for (const auto& m : c->view()) ids.insert(m.id);
        for (const auto& [id, body] : truth) {
            if (id < c->floor()) continue;
            const bool expired = std::any_of(c->gaps().begin(), c->gaps().end(),
                                             [id = id](const auto& g) { return id >= g.first && id < g.first + g.second; });
            if (expired) continue;
            ++v.views_checked;
            if (!ids.count(id)) ++v.lost_view;
        }
    }
    return v;
}

}  // namespace

int soak(const Options& o, net::io_context& ioc) {
    std::unique_ptr<ServerProcess> server;
    std::filesystem::path tmp;
    unsigned short port = o.port;
    if (!o.server.empty()) {
        port = free_port();
        char dir[] = "/tmp/chitchat-soak-XXXXXX";
        tmp = ::mkdtemp(dir);
        server = std::make_unique<ServerProcess>(
            std::vector<std::string>{o.server, "--port", std::to_string(port), "--data-dir", (tmp / "data").string(),
                                     "--uploads", (tmp / "uploads").string(), "--web-root", tmp.string(),
                                     "--rate-limit", "0", "--max-conns-per-ip", "0"},
            port);
        server->start();
    }
    auto pid = [&] { return server ? server->pid() : o.server_pid; };
    const ProcStats baseline = read_proc(pid());
    const net::ip::tcp::endpoint endpoint(net::ip::make_address(o.host), port);
    std::mt19937 rng(std::random_device{}());
    const std::string run = std::to_string(rng() % 1000000);
    auto channel = [&](int i) { return "soak-" + run + "-" + std::to_string(i % o.channels); };

    // While the server is down every connection can be gone at once: keep the loop alive.
    const auto work = net::make_work_guard(ioc);
    SoakTally tally;
    Clients users;
    for (int i = 0; i < o.clients; ++i)
        users.push_back(std::make_shared<SoakClient>(ioc, endpoint, i, channel(i), i < o.channels, tally));
    for (int i = 0; i < o.channels && i < o.clients; ++i) users[static_cast<std::size_t>(i)]->connect();
    run_until(ioc, std::chrono::seconds(30), [&] {
        return std::all_of(users.begin(), users.begin() + std::min(o.channels, o.clients), [](auto& c) { return c->ready(); });
    });
    for (int i = o.channels; i < o.clients; ++i) users[static_cast<std::size_t>(i)]->connect();
    if (!run_until(ioc, std::chrono::seconds(60), [&] { return all(users, &SoakClient::ready); })) {
        std::fprintf(stderr, "chitchat-bench soak: not every user got in within 60 s\n");
        return 1;
    }

    // The chaos, with the server killed and started again on the way.
    std::vector<Clock::time_point> retry_at(users.size());
    std::uniform_real_distribution<double> dice(0, 1);
    const auto start = Clock::now();
    const auto end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
    const auto kill_time = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds * o.kill_at));
    bool killed = false;
    ProcStats restarted;
    while (Clock::now() < end) {
        ioc.run_for(std::chrono::milliseconds(50));
        if (server && o.kill_at > 0 && !killed && Clock::now() >= kill_time) {
            server->kill_hard();
            server->start();
            restarted = read_proc(pid());
            killed = true;
        }
        for (std::size_t i = 0; i < users.size(); ++i) {
            const double r = dice(rng);
            if (r < p_send) users[i]->send_new(rng);
            else if (r < p_send + p_drop && users[i]->ready()) users[i]->drop();
            else if (r < p_send + p_drop + p_stale_resend) users[i]->resend_acknowledged(rng);
            else if (r < p_send + p_drop + p_stale_resend + p_change) users[i]->change(rng);
        }
        reconnect_due(users, retry_at, rng);
    }
    // Everyone comes back and everything sent is acknowledged; then the last deliveries land.
    const bool settled = run_until(ioc, std::chrono::seconds(60), [&] {
        reconnect_due(users, retry_at, rng);
        return all(users, &SoakClient::settled);
    });
    ioc.run_for(std::chrono::seconds(1));
    if (!settled) {
        int down = 0, connecting = 0, waiting = 0;
        for (auto& c : users) {
            if (c->down()) ++down;
            else if (!c->ready()) ++connecting;
            else if (c->unacknowledged()) ++waiting;
        }
        std::fprintf(stderr, "chitchat-bench soak: not settled after 60 s: %d down, %d connecting, %d waiting for acks\n",
                     down, connecting, waiting);
    }

    // A newcomer in each channel sees its retained history.
    SoakTally reader_tally;
    Clients readers;
    for (int k = 0; k < o.channels; ++k) {
        readers.push_back(std::make_shared<SoakClient>(ioc, endpoint, 1000000 + k, channel(k), false, reader_tally));
        readers.back()->connect();
    }
    run_until(ioc, std::chrono::seconds(30), [&] { return all(readers, &SoakClient::ready); });
    const ProcStats loaded = read_proc(pid());
    const Verdict v = verify(users, readers);

    for (auto& c : users) c->drop();
    for (auto& c : readers) c->drop();
    ioc.run_for(std::chrono::seconds(3));  // the server notices every close
    const ProcStats left = read_proc(pid());
    const long base = killed ? restarted.rss_kb : baseline.rss_kb;

    std::printf("{\"scenario\":\"soak\",\"clients\":%d,\"channels\":%d,\"seconds\":%.0f,\"killed\":%s,\"settled\":%s,"
                "\"sent\":%llu,\"acknowledged\":%llu,\"delivered\":%llu,\"lost\":%llu,\"duplicated\":%llu,"
                "\"duplicated_acks\":%llu,\"duplicated_history\":%llu,\"duplicated_views\":%llu,"
                "\"out_of_order\":%llu,\"mismatched\":%llu,\"stored_unacknowledged\":%llu,\"resends\":%llu,"
                "\"reconnects\":%llu,\"expired\":%llu,\"history_checked\":%llu,\"views_checked\":%llu,"
                "\"changes\":%llu,\"changes_refused\":%llu,\"states_checked\":%llu,\"stale\":%llu,"
                "\"rss_start_kb\":%ld,\"rss_restart_kb\":%ld,\"rss_loaded_kb\":%ld,\"rss_after_kb\":%ld}\n",
                o.clients, o.channels, o.seconds, killed ? "true" : "false", settled ? "true" : "false",
                (unsigned long long)tally.sent, (unsigned long long)v.acknowledged, (unsigned long long)tally.delivered,
                (unsigned long long)v.lost(), (unsigned long long)v.duplicated(), (unsigned long long)v.duplicated_acks,
                (unsigned long long)v.duplicated_history, (unsigned long long)v.duplicated_view, (unsigned long long)v.out_of_order,
                (unsigned long long)v.mismatched, (unsigned long long)v.stored_unacknowledged,
                (unsigned long long)tally.resends, (unsigned long long)tally.reconnects, (unsigned long long)tally.expired,
                (unsigned long long)v.history_checked, (unsigned long long)v.views_checked,
                (unsigned long long)tally.changes, (unsigned long long)tally.changes_refused,
                (unsigned long long)v.states_checked, (unsigned long long)v.stale, baseline.rss_kb,
                restarted.rss_kb, loaded.rss_kb, left.rss_kb);
    std::printf("changes %llu (%llu refused: their post had left the 100)  post states checked %llu  stale %llu\n",
                (unsigned long long)tally.changes, (unsigned long long)tally.changes_refused,
                (unsigned long long)v.states_checked, (unsigned long long)v.stale);
    std::printf("sent %llu  acknowledged %llu  delivered %llu  lost %llu  duplicated %llu  (server %s mid-run)\n"
                "RSS: %ld KB at (re)start, %ld KB with everyone in, %ld KB after everyone left (%+ld KB)\n",
                (unsigned long long)tally.sent, (unsigned long long)v.acknowledged, (unsigned long long)tally.delivered,
                (unsigned long long)v.lost(), (unsigned long long)v.duplicated(), killed ? "killed with SIGKILL" : "not killed",
                base, loaded.rss_kb, left.rss_kb, left.rss_kb - base);
    if (server) server->stop();
    if (!tmp.empty()) std::filesystem::remove_all(tmp);
    const bool ok = settled && v.lost() == 0 && v.duplicated() == 0 && v.out_of_order == 0 && v.mismatched == 0 &&
                    v.stored_unacknowledged == 0 && v.stale == 0;
    return ok ? 0 : 3;
}

}  // namespace bench
