// A search box's text as an FTS5 query: every word must match, each as a prefix ("caf" finds
// "café"; case and diacritics are folded by the index's tokenizer), and a "quoted phrase" must
// match as a phrase. Nothing of the user's text is ever FTS5 syntax: each part is quoted.
#pragma once
#include <string>
#include <string_view>

namespace chitchat::server {

// Empty when the text holds no word at all (only spaces or punctuation).
std::string fts_query(std::string_view text);

}  // namespace chitchat::server
