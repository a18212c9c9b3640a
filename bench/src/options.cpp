#include "options.hpp"

#include <stdexcept>

namespace bench {

Options parse(int argc, char** argv) {
    Options o;
    if (argc > 1) o.scenario = argv[1];
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--host") o.host = v;
        else if (k == "--port") o.port = static_cast<unsigned short>(std::stoi(v));
        else if (k == "--clients") o.clients = std::stoi(v);
        else if (k == "--channels") o.channels = std::stoi(v);
        else if (k == "--senders") o.senders = std::stoi(v);
        else if (k == "--window") o.window = std::stoi(v);
        else if (k == "--rate") o.rate = std::stod(v);
        else if (k == "--seconds") o.seconds = std::stod(v);
        else if (k == "--server-pid") o.server_pid = std::stoi(v);
        else if (k == "--pin") o.pin = v == "on" || v == "1";
        else if (k == "--server") o.server = v;
        else if (k == "--kill-at") o.kill_at = std::stod(v);
        else if (k == "--posts") o.posts = std::stol(v);
        else throw std::runtime_error("unknown option " + k);
    }
    if ((argc - 2) % 2 != 0 && argc > 2) throw std::runtime_error(std::string("no value for ") + argv[argc - 1]);
    return o;
}

}  // namespace bench
