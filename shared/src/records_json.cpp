// JSON lines of the data-folder records. Like protocol_json.cpp, exception-free.
#include "chitchat/records.hpp"
#include "json_values.hpp"

namespace chitchat::records {
namespace {

using namespace json_values;

Error bad(const char* what) { return Error{ErrorCode::bad_request, std::string("not a ") + what + " record"}; }

}  // namespace

std::string encode(const Session& r) {
    return dump({{"sid", r.sid}, {"name", r.name ? json(*r.name) : json(nullptr)}, {"channel", r.channel}});
}
std::string encode(const Channel& r) { return dump({{"seq", r.seq}, {"channel", r.name}}); }
std::string encode(const Posted& r) { return dump({{"owner", r.owner}, {"message", to_json(r.message)}}); }
std::string encode(const Upload& r) { return dump({{"owner", r.owner}, {"file", to_json(r.file)}}); }
std::string encode(const Attachment& a) { return dump(to_json(a)); }
std::string encode(const std::vector<Reaction>& reactions) { return dump(to_json(reactions)); }

Result<Session, Error> decode_session(std::string_view line) {
    Session r;
    if (!Fields(parse(line)).req("sid", r.sid).opt("name", r.name).req("channel", r.channel).ok())
        return Failure{bad("session")};
    return r;
}

Result<Channel, Error> decode_channel(std::string_view line) {
    Channel r;
    if (!Fields(parse(line)).req("seq", r.seq).req("channel", r.name).ok()) return Failure{bad("channel")};
    return r;
}

Result<Posted, Error> decode_posted(std::string_view line) {
    Posted r;
    if (!Fields(parse(line)).req("owner", r.owner).req("message", r.message).ok()) return Failure{bad("message")};
    return r;
}

Result<Upload, Error> decode_upload(std::string_view line) {
    Upload r;
    if (!Fields(parse(line)).req("owner", r.owner).req("file", r.file).ok()) return Failure{bad("upload")};
    return r;
}

Result<Attachment, Error> decode_attachment(std::string_view line) {
    Attachment a;
    if (!read(parse(line), a)) return Failure{bad("attachment")};
    return a;
}

Result<std::vector<Reaction>, Error> decode_reactions(std::string_view line) {
    std::vector<Reaction> reactions;
    if (!read(parse(line), reactions)) return Failure{bad("reactions")};
    return reactions;
}

}  // namespace chitchat::records
