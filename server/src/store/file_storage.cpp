#include "store/file_storage.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <system_error>

#include "chitchat/limits.hpp"
#include "store/atomic_file.hpp"
#include "store/ids.hpp"
#include "log.hpp"

namespace chitchat::server {
namespace fs = std::filesystem;

namespace {

// Lines a log keeps when it is rewritten: the retained history and, beyond it, enough older
// messages that a resend after a restart is still recognised by its client_id.
constexpr std::size_t kept_lines = std::max(limits::history, limits::dedupe);
constexpr std::size_t compact_after = 4 * kept_lines;  // message lines in a log before it is rewritten

std::system_error os_error(const std::string& what) { return {errno, std::generic_category(), what}; }

void write_all(int fd, std::string_view text, const std::string& what) {
    while (!text.empty()) {
        const ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw os_error(what);
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

}  // namespace

FileStorage::FileStorage(fs::path dir) : dir_(std::move(dir)) {
    fs::create_directories(dir_ / "sessions");
    fs::create_directories(dir_ / "channels");
}

FileStorage::~FileStorage() {
    for (auto& [_, log] : logs_)
        if (log.fd >= 0) ::close(log.fd);
}

fs::path FileStorage::log_path(std::uint64_t seq) const { return dir_ / "channels" / (std::to_string(seq) + ".log"); }

Snapshot FileStorage::load() {
    Snapshot snapshot;
    for (const auto& entry : fs::directory_iterator(dir_ / "sessions")) {
        if (entry.path().extension() != ".json" || !is_id(entry.path().stem().string())) continue;
        std::ifstream in(entry.path());
        std::string line;
        std::getline(in, line);
        if (auto record = records::decode_session(line); record && record->sid == entry.path().stem().string())
            snapshot.sessions.push_back(std::move(*record));
        else
            log::warn("skipping unreadable session file " + entry.path().string());
    }
    for (const auto& entry : fs::directory_iterator(dir_ / "channels")) {
        if (entry.path().extension() != ".log") continue;
        std::ifstream in(entry.path());
        std::string line;
        std::getline(in, line);
        auto header = records::decode_channel(line);
        if (!header || log_path(header->seq) != entry.path()) {
            log::warn("skipping unreadable channel log " + entry.path().string());
            continue;
        }
        Snapshot::ChannelData data{*header, {}};
        Log& log = logs_[header->seq];
        while (std::getline(in, line)) {
            auto posted = records::decode_posted(line);
            if (!posted) continue;  // a line torn by a crash mid-write: never acknowledged
            ++log.lines;
            log.recent.push_back(line);
            data.messages.push_back(std::move(*posted));
            if (data.messages.size() > kept_lines) {
                data.messages.erase(data.messages.begin());
                log.recent.pop_front();
            }
        }
        snapshot.channels.push_back(std::move(data));
    }
    std::sort(snapshot.channels.begin(), snapshot.channels.end(),
              [](const auto& a, const auto& b) { return a.channel.seq < b.channel.seq; });
    // Start every log clean: kept lines only, and no torn last line to append after.
    for (const auto& data : snapshot.channels) compact(data.channel, logs_[data.channel.seq]);
    return snapshot;
}

void FileStorage::save_session(const records::Session& session) {
    if (!is_id(session.sid)) return;  // never a path from anything but a server-made id
    try {
        write_file_atomically(dir_ / "sessions" / (session.sid + ".json"), records::encode(session) + "\n");
    } catch (const std::system_error& e) {
        log::error(std::string("saving a session failed: ") + e.what());
    }
}

void FileStorage::add_channel(const records::Channel& channel) {
    Log& log = logs_[channel.seq];
    compact(channel, log);
}

FileStorage::Log& FileStorage::open_log(const records::Channel& channel) {
    Log& log = logs_[channel.seq];
    if (log.fd < 0) compact(channel, log);
    return log;
}

void FileStorage::append(const records::Channel& channel, const records::Posted& message) {
    Log& log = open_log(channel);
    std::string line = records::encode(message);
    try {
        if (log.fd < 0) throw std::system_error(EBADF, std::generic_category(), "no log open");
        write_all(log.fd, line + "\n", "append to " + log_path(channel.seq).string());
    } catch (const std::system_error& e) {
        log::error(std::string("logging a message failed: ") + e.what());
    }
    ++log.lines;
    log.recent.push_back(std::move(line));
    if (log.recent.size() > kept_lines) log.recent.pop_front();
    if (log.lines > compact_after) compact(channel, log);
}

void FileStorage::flush() {
    for (auto& [_, log] : logs_)
        if (log.fd >= 0) ::fsync(log.fd);
    if (const int dir = ::open((dir_ / "sessions").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

// Rewrites the log as its header and the kept lines, then appends from there.
void FileStorage::compact(const records::Channel& channel, Log& log) {
    std::string text = records::encode(channel) + "\n";
    for (const auto& line : log.recent) text += line + "\n";
    const fs::path path = log_path(channel.seq);
    try {
        write_file_atomically(path, text);
        if (log.fd >= 0) ::close(log.fd);
        log.fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
        if (log.fd < 0) throw os_error("open " + path.string());
        log.lines = log.recent.size();
    } catch (const std::system_error& e) {
        log::error(std::string("compacting a channel log failed: ") + e.what());
    }
}

}  // namespace chitchat::server
