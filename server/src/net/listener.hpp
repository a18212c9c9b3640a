// Accepts connections and starts an HttpSession for each, on its own strand, unless its address
// already has as many open connections as allowed.
#pragma once
#include <boost/asio.hpp>
#include <memory>

#include "net/connection_limit.hpp"
#include "net/http_session.hpp"

namespace chitchat::server {

class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(boost::asio::io_context& ioc, boost::asio::ip::tcp::endpoint endpoint, Services& services,
             std::shared_ptr<ConnectionLimit> limit);

    void run();
    void stop();
    boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

private:
    void do_accept();
    void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

    boost::asio::io_context& ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer retry_;
    Services& services_;
    std::shared_ptr<ConnectionLimit> limit_;
};

}  // namespace chitchat::server
