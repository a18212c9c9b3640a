// One simulated user: a WebSocket connection that names itself, joins a channel and then hands
// every frame to the scenario. Many of them share one io_context: no thread per connection.
#pragma once
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <string>

namespace bench {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

// The `type` of a frame, found without parsing the JSON (the generator must stay cheap).
std::string_view frame_type(std::string_view frame);

class BenchClient : public std::enable_shared_from_this<BenchClient> {
public:
    struct Plan {
        std::string name;      // empty: stay anonymous (idle connections)
        std::string channel;   // joined after naming
        bool create = false;   // create the channel instead of joining it
    };
    struct Hooks {
        std::function<void(BenchClient&)> ready;                     // named and in the channel
        std::function<void(BenchClient&, std::string_view)> frame;   // every frame after that
        std::function<void(BenchClient&, const std::string&)> failed;
    };

    BenchClient(net::io_context& ioc, net::ip::tcp::endpoint server, std::string host, int index, Plan plan,
                Hooks& hooks);
    void start();
    void send(std::string text);
    void close();
    int index() const { return index_; }

private:
    void on_connect(beast::error_code ec);
    void on_handshake(beast::error_code ec);
    void do_read();
    void on_read(beast::error_code ec, std::size_t);
    void on_write(beast::error_code ec, std::size_t);
    void fail(const std::string& what, beast::error_code ec);

    websocket::stream<beast::tcp_stream> ws_;
    net::ip::tcp::endpoint server_;
    std::string host_;
    int index_;
    Plan plan_;
    Hooks& hooks_;
    beast::flat_buffer buffer_;
    std::deque<std::string> queue_;
    enum class Stage { welcome, session, joined, ready } stage_ = Stage::welcome;
};

}  // namespace bench
