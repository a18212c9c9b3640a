// The chaos soak: many users sending, dropping, reconnecting with catch-up and resending, the
// server killed with SIGKILL and started again mid-run; then every acknowledged message is
// looked for, exactly once and in order, in each channel's history and in each user's view.
#pragma once
#include <boost/asio/io_context.hpp>

#include "options.hpp"

namespace bench {

int soak(const Options& o, boost::asio::io_context& ioc);

}  // namespace bench
