#include "net/fail.hpp"

#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/error.hpp>
#include <string>

#include "log.hpp"

namespace chitchat::server {

bool is_normal_end(const boost::beast::error_code& ec) {
    namespace error = boost::asio::error;
    return ec == error::operation_aborted || ec == error::eof || ec == error::connection_reset ||
           ec == error::broken_pipe || ec == error::not_connected || ec == error::bad_descriptor ||
           ec == error::connection_aborted || ec == error::timed_out || ec == boost::beast::error::timeout ||
           ec == boost::beast::http::error::end_of_stream || ec == boost::beast::websocket::error::closed;
}

void fail(const boost::beast::error_code& ec, std::string_view what) {
    if (!ec || is_normal_end(ec)) return;
    log::warn(std::string(what) + ": " + ec.message() + " (" + ec.category().name() + " " + std::to_string(ec.value()) + ")");
}

}  // namespace chitchat::server
