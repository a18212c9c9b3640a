// The bench's command line: one scenario and its flags.
#pragma once
#include <sys/types.h>

#include <string>

namespace bench {

struct Options {
    std::string scenario = "fanout";
    std::string host = "127.0.0.1";
    unsigned short port = 8080;
    int clients = 100, channels = 1, senders = 10, window = 4, batch = 256;
    double rate = 0;  // messages per second per sender; 0: flat out (a window in flight each)
    double seconds = 10;
    pid_t server_pid = 0;
    bool pin = false;
    std::string server;    // soak: the server binary to start, kill with SIGKILL and start again
    double kill_at = 0.5;  // soak: when to kill it, as a fraction of --seconds (0: never)
    long posts = 1'000'000;  // archive: posts to store before reading them back
};

// Throws std::runtime_error naming the flag it does not know.
Options parse(int argc, char** argv);

}  // namespace bench
