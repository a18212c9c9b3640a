// What every connection shares: the settings, the hub, the write corking and the HTTP routes.
// The server builds one and hands it to the listener, which hands it to every session.
#pragma once
#include "chat/hub.hpp"
#include "config.hpp"
#include "http/routes.hpp"
#include "net/connection_limit.hpp"
#include "net/flusher.hpp"

namespace chitchat::server {

struct Services {
    const Config& config;
    Hub& hub;
    Flusher& flusher;
    ConnectionLimit& limit;  // per client address; behind --trust-proxy, by X-Forwarded-For
    HttpContext http;
};

}  // namespace chitchat::server
