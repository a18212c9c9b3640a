// Corks the writes of every connection until the input that is ready has been read: a message
// delivered to a connection does not go out on its own, it waits until the messages read in
// the same turn of the event loop are delivered too, and they leave together in one send.
//
// Without it each message read is written to each recipient before the next one is read (the
// read's completion queues behind the writes it caused), one send(2) per message per recipient.
#pragma once
#include <boost/asio/io_context.hpp>
#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace chitchat::server {

class Flusher {
public:
    // A connection with frames waiting; `flush` starts writing them (on its own strand).
    class Target {
    public:
        virtual ~Target() = default;
        virtual void flush() = 0;
    };

    explicit Flusher(boost::asio::io_context& ioc) : ioc_(ioc) {}

    // Writes `target`'s frames once the reads that are ready have run. Any thread.
    void schedule(std::shared_ptr<Target> target);
    // A message was read: the flush waits for the turn of reads to end.
    void note_read() { reads_.fetch_add(1, std::memory_order_relaxed); }

private:
    void run();

    boost::asio::io_context& ioc_;
    std::mutex mutex_;
    std::vector<std::shared_ptr<Target>> waiting_;
    bool posted_ = false;
    int deferrals_ = 0;
    std::uint64_t reads_seen_ = 0;
    std::atomic<std::uint64_t> reads_{0};
};

}  // namespace chitchat::server
