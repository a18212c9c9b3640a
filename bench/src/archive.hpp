// The archive scenario: a store of --posts posts over --channels channels (made through the
// protocol, pipelined), then --clients protocol-2 readers asking history pages at random depths
// and searches for random words, one request in flight each: p50/p99 of both, and the server's
// memory, which must not grow with the store.
#pragma once
#include <boost/asio.hpp>

#include "options.hpp"

namespace bench {

int archive(Options& o, boost::asio::io_context& ioc, boost::asio::ip::tcp::endpoint server);

}  // namespace bench
