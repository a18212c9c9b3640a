#include "store/import_v1.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "chitchat/validation.hpp"
#include "log.hpp"
#include "store/ids.hpp"

namespace chitchat::server {
namespace fs = std::filesystem;
namespace {

std::string first_line(const fs::path& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    return line;
}

std::vector<records::Session> read_sessions(const fs::path& dir) {
    std::vector<records::Session> sessions;
    if (!fs::is_directory(dir)) return sessions;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string sid = entry.path().stem().string();
        if (entry.path().extension() != ".json" || !is_id(sid)) continue;
        if (auto record = records::decode_session(first_line(entry.path())); record && record->sid == sid)
            sessions.push_back(std::move(*record));
        else
            log::warn("import: skipping unreadable session file " + entry.path().string());
    }
    return sessions;
}

std::vector<Snapshot::ChannelData> read_channels(const fs::path& dir) {
    std::vector<Snapshot::ChannelData> channels;
    if (!fs::is_directory(dir)) return channels;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".log") continue;
        std::ifstream in(entry.path());
        std::string line;
        std::getline(in, line);
        auto header = records::decode_channel(line);
        if (!header) {
            log::warn("import: skipping unreadable channel log " + entry.path().string());
            continue;
        }
        Snapshot::ChannelData data{*header, {}};
        while (std::getline(in, line)) {
            auto posted = records::decode_posted(line);
            if (!posted) continue;  // a line torn by a crash mid-write: it was never acknowledged
            if (!data.messages.empty() && posted->message.id <= data.messages.back().message.id) continue;
            posted->message.channel = header->name;
            data.messages.push_back(std::move(*posted));
        }
        channels.push_back(std::move(data));
    }
    std::sort(channels.begin(), channels.end(), [](const auto& a, const auto& b) { return a.channel.seq < b.channel.seq; });
    return channels;
}

bool holds_data(const Snapshot& s) {
    return !s.sessions.empty() || std::any_of(s.channels.begin(), s.channels.end(),
                                              [](const auto& c) { return !c.messages.empty(); });
}

// Moves sessions/ and channels/ under imported-v1/ (imported-v1/2/ ... if that is taken).
void move_aside(const fs::path& data_dir) {
    fs::path target = data_dir / "imported-v1";
    for (int n = 2; fs::exists(target); ++n) target = data_dir / "imported-v1" / std::to_string(n);
    fs::create_directories(target);
    for (const char* name : {"sessions", "channels"})
        if (fs::exists(data_dir / name)) fs::rename(data_dir / name, target / name);
    log::info("import: the protocol-1 files are now in " + target.string());
}

}  // namespace

ImportCounts import_v1(const fs::path& data_dir, Storage& store) {
    ImportCounts counts;
    if (!fs::is_directory(data_dir / "sessions") && !fs::is_directory(data_dir / "channels")) return counts;
    if (holds_data(store.load())) {
        log::warn("import: the database already holds data; not importing " + data_dir.string() + " again");
        move_aside(data_dir);
        return counts;
    }
    auto sessions = read_sessions(data_dir / "sessions");
    const auto channels = read_channels(data_dir / "channels");
    // Named sessions get their user ids now, so their imported posts carry them (protocol 2).
    std::map<std::string, std::string> user_ids;
    for (auto& session : sessions)
        if (session.name) user_ids[session.sid] = *(session.user_id = random_user_id());
    try {
        std::set<std::string> keys;
        for (const auto& data : channels) {
            if (!keys.insert(channel_key(data.channel.name)).second) {
                log::warn("import: skipping a second channel named " + data.channel.name);
                continue;
            }
            store.add_channel(data.channel);
            ++counts.channels;
            for (auto posted : data.messages) {
                if (const auto id = user_ids.find(posted.owner); id != user_ids.end()) posted.message.sender_id = id->second;
                if (!store.append(data.channel, posted)) ++counts.messages;
            }
        }
        for (const auto& session : sessions) {
            store.save_session(session);
            ++counts.sessions;
        }
        store.commit();
    } catch (...) {
        store.rollback();
        throw;
    }
    log::info("import: " + std::to_string(counts.sessions) + " sessions, " + std::to_string(counts.channels) +
              " channels and " + std::to_string(counts.messages) + " messages from " + data_dir.string());
    move_aside(data_dir);
    return counts;
}

}  // namespace chitchat::server
