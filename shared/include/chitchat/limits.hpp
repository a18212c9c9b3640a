// Every limit of protocol version 1 in one place. Lengths count Unicode code points.
#pragma once
#include <cstddef>
#include <cstdint>

namespace chitchat::limits {

inline constexpr int protocol_version = 1;                        // welcome.protocol on /ws
inline constexpr int latest_protocol = 2;                         // welcome.protocol on /ws?v=2
inline constexpr std::size_t history = 100;                       // messages retained per channel
inline constexpr std::size_t name_chars = 32;                     // display name, after trimming
inline constexpr std::size_t channel_chars = 40;                  // channel name, after trimming and collapsing
inline constexpr std::size_t body_chars = 2000;                   // message body
inline constexpr std::size_t client_id_chars = 64;                // send.client_id
inline constexpr std::size_t client_frame_bytes = 64 * 1024;      // larger frames from a client close with 1009
inline constexpr std::size_t server_frame_bytes = 8 * 1024 * 1024;// what a client accepts (a full `joined`)
inline constexpr std::int64_t online_coalesce_ms = 250;           // at most one `online` broadcast per this
inline constexpr std::size_t history_page = 50;                   // history.limit when absent
inline constexpr std::size_t history_page_max = 100;              // history.limit at most
inline constexpr std::size_t search_page = 20;                    // search results per answer
inline constexpr std::size_t search_chars = 200;                  // search.q at most
inline constexpr std::size_t people_listed = 200;                 // welcome.people at most
inline constexpr std::size_t reply_quote_chars = 200;             // reply_to.body: the answered post's first
inline constexpr std::size_t emoji_code_points = 10;              // a reaction's emoji at most
inline constexpr std::size_t reactions_per_post = 20;             // distinct emoji on one post
inline constexpr std::uint64_t default_upload_mb = 10;            // a server's upload limit unless set otherwise

}  // namespace chitchat::limits
