// Open connections per client address, capped. A Slot holds one place until it is destroyed,
// so the count follows the connection through the HTTP and WebSocket sessions.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace chitchat::server {

class ConnectionLimit : public std::enable_shared_from_this<ConnectionLimit> {
public:
    ConnectionLimit(std::uint32_t per_address, bool cap_loopback)
        : per_address_(per_address), cap_loopback_(cap_loopback) {}

    class Slot {
    public:
        Slot() = default;
        Slot(Slot&& other) noexcept : owner_(std::move(other.owner_)), address_(std::move(other.address_)) {}
        Slot& operator=(Slot&&) = delete;
        ~Slot() {
            if (owner_) owner_->release(address_);
        }

    private:
        friend class ConnectionLimit;
        Slot(std::shared_ptr<ConnectionLimit> owner, std::string address)
            : owner_(std::move(owner)), address_(std::move(address)) {}
        std::shared_ptr<ConnectionLimit> owner_;
        std::string address_;
    };

    // A slot for one more connection from `address`, or nothing when it has its fill.
    std::unique_ptr<Slot> acquire(const std::string& address, bool loopback) {
        if (per_address_ == 0 || (loopback && !cap_loopback_)) return std::make_unique<Slot>();
        const std::lock_guard lock(mutex_);
        auto& count = counts_[address];
        if (count >= per_address_) return nullptr;
        ++count;
        return std::unique_ptr<Slot>(new Slot(shared_from_this(), address));
    }

private:
    void release(const std::string& address) {
        const std::lock_guard lock(mutex_);
        if (const auto it = counts_.find(address); it != counts_.end() && --it->second == 0) counts_.erase(it);
    }

    std::uint32_t per_address_;
    bool cap_loopback_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::uint32_t> counts_;
};

using ConnectionSlot = std::unique_ptr<ConnectionLimit::Slot>;

}  // namespace chitchat::server
