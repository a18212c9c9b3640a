#include "store/fts_query.hpp"

#include <vector>

namespace chitchat::server {
namespace {

bool has_word_character(std::string_view part) {
    for (const unsigned char c : part)
        if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return true;
    return false;
}

// `part` as an FTS5 string: in double quotes, its own double quotes doubled.
std::string quoted(std::string_view part) {
    std::string out = "\"";
    for (const char c : part) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string fts_query(std::string_view text) {
    std::vector<std::string> terms;
    std::size_t i = 0;
    while (i < text.size()) {
        if (is_space(text[i])) {
            ++i;
            continue;
        }
        if (text[i] == '"') {  // a phrase, to the closing quote (or the end)
            const std::size_t end = text.find('"', i + 1);
            const std::string_view phrase = text.substr(i + 1, end == std::string_view::npos ? end : end - i - 1);
            if (has_word_character(phrase)) terms.push_back(quoted(phrase));
            i = end == std::string_view::npos ? text.size() : end + 1;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && !is_space(text[end]) && text[end] != '"') ++end;
        const std::string_view word = text.substr(i, end - i);
        if (has_word_character(word)) terms.push_back(quoted(word) + "*");
        i = end;
    }
    std::string query;
    for (const auto& term : terms) query += (query.empty() ? "" : " AND ") + term;
    return query;
}

}  // namespace chitchat::server
