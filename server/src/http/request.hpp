// The HTTP messages the server reads and writes, as Beast types.
#pragma once
#include <boost/beast/http.hpp>
#include <variant>

namespace chitchat::server {

namespace http = boost::beast::http;

using Request = http::request<http::string_body>;
using StringResponse = http::response<http::string_body>;
using FileResponse = http::response<http::file_body>;
using EmptyResponse = http::response<http::empty_body>;  // HEAD and 304: headers only
using Response = std::variant<StringResponse, FileResponse, EmptyResponse>;

}  // namespace chitchat::server
