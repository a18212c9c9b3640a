#include "chitchat/client/links.hpp"

#include <algorithm>
#include <cctype>

namespace chitchat::client {
namespace {

bool starts_with_scheme(std::string_view s, std::string_view scheme) {
    if (s.size() < scheme.size()) return false;
    for (std::size_t i = 0; i < scheme.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != scheme[i]) return false;
    return true;
}

// Where a URL stops: white space, and the characters that cannot appear in one unescaped and
// that people put around links (<https://…>, "https://…").
bool ends_url(unsigned char c) { return c <= ' ' || c == '<' || c == '>' || c == '"' || c == '`' || c == 0x7F; }

// A word character just before "http" means it is inside a word ("xhttp://"), not a link.
bool word_char(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

// Drops trailing punctuation, and closing brackets the URL did not open.
std::size_t trim_end(std::string_view text, std::size_t begin, std::size_t end) {
    while (end > begin) {
        const char c = text[end - 1];
        if (std::string_view(".,;:!?'*").find(c) != std::string_view::npos) {
            --end;
            continue;
        }
        const char* open = c == ')' ? "(" : c == ']' ? "[" : c == '}' ? "{" : nullptr;
        if (!open) break;
        const auto url = text.substr(begin, end - begin);
        if (std::count(url.begin(), url.end(), *open) >= std::count(url.begin(), url.end(), c)) break;
        --end;
    }
    return end;
}

}  // namespace

std::vector<Link> find_links(std::string_view text) {
    std::vector<Link> links;
    std::size_t i = 0;
    while ((i = text.find("://", i)) != std::string_view::npos) {
        const std::size_t after = i + 3;
        std::size_t begin = std::string_view::npos;
        for (std::string_view scheme : {"https", "http"})
            if (i >= scheme.size() && starts_with_scheme(text.substr(i - scheme.size()), scheme)) {
                begin = i - scheme.size();
                break;
            }
        i = after;
        if (begin == std::string_view::npos) continue;
        if (begin > 0 && word_char(static_cast<unsigned char>(text[begin - 1]))) continue;
        std::size_t end = after;
        while (end < text.size() && !ends_url(static_cast<unsigned char>(text[end]))) ++end;
        end = trim_end(text, begin, end);
        // A host is needed: "https://" alone, or "https:///x", is not a link.
        if (end == after || text[after] == '/' || text[after] == '.') continue;
        links.push_back({begin, end});
        i = end;
    }
    return links;
}

}  // namespace chitchat::client
