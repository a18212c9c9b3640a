// Like `fail()` in Beast's examples: an I/O error is logged once, with what was being done and
// its cause, unless it is part of a connection's normal end (the peer closed or reset, a
// timeout we set, an operation we cancelled), which stays silent.
#pragma once
#include <boost/beast/core/error.hpp>
#include <string_view>

namespace chitchat::server {

bool is_normal_end(const boost::beast::error_code& ec);
void fail(const boost::beast::error_code& ec, std::string_view what);

}  // namespace chitchat::server
