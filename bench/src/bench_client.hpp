// One simulated user: a WebSocket connection that names itself, joins a channel and then hands
// every frame to the scenario. Many of them share one io_context: no thread per connection.
// The generator must stay cheaper than the server it measures, so the client speaks WebSocket
// itself over a plain socket: one read takes every frame that arrived, parsed in place.
#pragma once
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <string>

namespace bench {

namespace net = boost::asio;
namespace beast = boost::beast;

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
    void do_read();
    void on_read(beast::error_code ec, std::size_t bytes);
    bool on_upgrade_response();        // false until the whole response is in
    bool on_frames();                  // every complete frame in the buffer; false on a close
    void on_frame(std::string_view frame);
    void write_frame(unsigned char opcode, std::string_view payload);
    void do_write();
    void fail(const std::string& what, beast::error_code ec);

    net::ip::tcp::socket socket_;
    net::steady_timer deadline_;       // the set-up must finish within 30 s
    bool upgraded_ = false;
    std::string in_;                   // bytes read, not yet parsed
    std::size_t in_used_ = 0;          // of which this many are valid
    net::ip::tcp::endpoint server_;
    std::string host_;
    int index_;
    Plan plan_;
    Hooks& hooks_;
    std::string out_;                  // frames to write after the one in flight
    std::string writing_;              // the write in flight
    enum class Stage { welcome, session, joined, ready } stage_ = Stage::welcome;
};

}  // namespace bench
