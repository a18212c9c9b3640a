// One simulated user: a WebSocket connection (tests/support's WsConnection, the one client)
// that names itself, joins a channel and then hands every frame to the scenario. Many of them
// share one io_context: no thread per connection.
#pragma once
#include <boost/asio.hpp>
#include <functional>
#include <memory>
#include <string>

#include "support/ws_connection.hpp"

namespace bench {

namespace net = boost::asio;

// The `type` of a frame, found without parsing the JSON (the generator must stay cheap).
std::string_view frame_type(std::string_view frame);

class BenchClient : public std::enable_shared_from_this<BenchClient> {
public:
    struct Plan {
        std::string name;      // empty: stay anonymous (idle connections)
        std::string channel;   // joined after naming
        bool create = false;   // create the channel instead of joining it
        std::string path = "/ws";  // "/ws?v=2" for protocol 2
    };
    struct Hooks {
        std::function<void(BenchClient&)> ready;                     // named and in the channel
        std::function<void(BenchClient&, std::string_view)> frame;   // every frame after that
        std::function<void(BenchClient&, const std::string&)> failed;
    };

    BenchClient(net::io_context& ioc, net::ip::tcp::endpoint server, int index, Plan plan, Hooks& hooks);
    void start();
    void send(std::string_view text);
    void close();
    int index() const { return index_; }

private:
    void on_frame(std::string_view frame);
    void fail(const std::string& what);

    net::io_context& ioc_;
    net::ip::tcp::endpoint server_;
    net::steady_timer deadline_;       // the set-up must finish within 30 s
    std::shared_ptr<test::WsConnection> connection_;
    int index_;
    Plan plan_;
    Hooks& hooks_;
    bool closed_ = false;
    enum class Stage { welcome, session, joined, ready } stage_ = Stage::welcome;
};

}  // namespace bench
