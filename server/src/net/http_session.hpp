// One HTTP connection: reads requests (the header first, under a short timeout, so slow or
// oversized requests are refused before their body is read), answers them, and hands a
// WebSocket upgrade over to a WebsocketSession.
#pragma once
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <optional>

#include "http/request.hpp"
#include "http/routes.hpp"
#include "net/connection_limit.hpp"
#include "net/services.hpp"

namespace chitchat::server {

namespace beast = boost::beast;

class HttpSession : public std::enable_shared_from_this<HttpSession> {
public:
    HttpSession(boost::asio::ip::tcp::socket&& socket, Services& services, ConnectionSlot slot);
    void run();

private:
    void do_read();
    void on_header(beast::error_code ec, std::size_t bytes);
    void read_body();
    void on_read(beast::error_code ec, std::size_t bytes);
    void upgrade();
    void send(Response response, bool close_after = false);
    void on_write(bool keep_alive, beast::error_code ec, std::size_t bytes);
    void do_linger();
    void on_linger(beast::error_code ec, std::size_t bytes);
    void do_close();
    Caller caller_for(const Request& req) const;

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    Services& services_;
    ConnectionSlot slot_;
    std::optional<http::request_parser<http::string_body>> parser_;
    Caller caller_;
    Response response_;
    bool linger_ = false;            // the request body was left unread: drain it before closing
    std::size_t lingered_bytes_ = 0;
    std::array<char, 16 * 1024> scratch_{};
};

}  // namespace chitchat::server
