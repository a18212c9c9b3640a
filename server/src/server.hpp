// The whole server, assembled: storage, uploads, chat, hub, listener and the I/O threads.
// main() runs one; integration tests run one in-process on port 0.
#pragma once
#include <boost/asio.hpp>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include "chat/chat.hpp"
#include "config.hpp"
#include "chat/hub.hpp"
#include "net/listener.hpp"
#include "store/upload_store.hpp"

namespace chitchat::server {

class Server {
public:
    explicit Server(Config config);  // opens the database; throws on one it cannot open or migrate
    ~Server();

    // Listens and starts the I/O threads; returns the port (useful with port 0).
    std::uint16_t start();
    // Stops accepting, closes every WebSocket with 1001 and returns once the threads are done.
    void stop();
    // Blocks until SIGINT or SIGTERM, then stops.
    void run_until_signalled();

private:
    void tick();
    void give_back_memory();
    void expire_old_posts();

    Config config_;
    boost::asio::io_context ioc_;
    std::filesystem::path scratch_;  // --persist off: a temporary folder for the database
    std::unique_ptr<Storage> storage_;
    UploadStore uploads_;
    Chat chat_;
    Hub hub_;
    Flusher flusher_;
    std::shared_ptr<Flusher::Target> committer_;
    std::shared_ptr<ConnectionLimit> limit_;
    Services services_;
    std::shared_ptr<Listener> listener_;
    boost::asio::steady_timer ticker_;
    boost::asio::signal_set signals_;  // installed before the port opens: no signal slips by
    std::promise<void> signalled_;
    std::vector<std::thread> threads_;
    boost::asio::thread_pool reads_{1};  // history and search, away from the I/O threads
    std::size_t ticks_ = 0;
    std::size_t peak_since_trim_ = 0;  // most connections open since memory was last given back
    std::size_t last_logged_ = 0;
    bool stopped_ = false;
};

}  // namespace chitchat::server
