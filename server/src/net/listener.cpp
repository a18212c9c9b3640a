#include "net/listener.hpp"

#include "log.hpp"

namespace chitchat::server {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr std::string_view too_many =
    "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nConnection: close\r\n"
    "Content-Length: 97\r\n\r\n"
    R"({"error":{"code":"too_many_connections","message":"too many open connections from your address"}})";
static_assert(too_many.size() - too_many.find("\r\n\r\n") - 4 == 97);

}  // namespace

Listener::Listener(net::io_context& ioc, tcp::endpoint endpoint, Services& services,
                   std::shared_ptr<ConnectionLimit> limit)
    : ioc_(ioc), acceptor_(net::make_strand(ioc)), retry_(acceptor_.get_executor()), services_(services),
      limit_(std::move(limit)) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
}

void Listener::run() { net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] { self->do_accept(); }); }

void Listener::stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
        boost::system::error_code ec;
        self->acceptor_.close(ec);
        self->retry_.cancel();
    });
}

void Listener::do_accept() {
    // Each connection gets its own strand.
    acceptor_.async_accept(net::make_strand(ioc_), boost::beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(boost::beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (ec) {
        // Out of file descriptors, say: wait a little rather than spin, then go on.
        log::error("accept: " + ec.message());
        retry_.expires_after(std::chrono::milliseconds(100));
        retry_.async_wait([self = shared_from_this()](boost::system::error_code e) {
            if (!e) self->do_accept();
        });
        return;
    }
    boost::system::error_code peer_ec;
    const auto peer = socket.remote_endpoint(peer_ec);
    if (peer_ec) return do_accept();
    socket.set_option(tcp::no_delay(true), peer_ec);
    auto slot = limit_->acquire(peer.address().to_string(), peer.address().is_loopback());
    if (!slot) {
        boost::system::error_code ignored;
        net::write(socket, net::buffer(too_many.data(), too_many.size()), ignored);
        socket.shutdown(tcp::socket::shutdown_both, ignored);
    } else {
        std::make_shared<HttpSession>(std::move(socket), services_, std::move(slot))->run();
    }
    do_accept();
}

}  // namespace chitchat::server
