// What each protocol version is sent of a value: version 1 knows no user ids, so its copies of
// users and messages go without them (docs/protocol.md, "Version 2").
#pragma once
#include "chitchat/types.hpp"

namespace chitchat {

inline void downgrade(User& user, int version) {
    if (version < 2) user.id.reset();
}
// Version 1 is sent posts as it always was: no user ids, replies, edit times or reactions
// (and never a tombstone: the chat leaves deleted posts out of what it sends there).
inline void downgrade(Message& message, int version) {
    if (version >= 2) return;
    message.sender_id.reset();
    message.reply_to.reset();
    message.edited_ts.reset();
    message.reactions.clear();
}

template <class T>
T for_version(T value, int version) {
    downgrade(value, version);
    return value;
}

}  // namespace chitchat
