// The web links in a post's text: http:// and https:// URLs only (nothing else is ever opened),
// cut the way people expect: a sentence's full stop and an enclosing parenthesis are not part
// of the link, a parenthesis the URL itself opened is.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace chitchat::client {

struct Link {
    std::size_t begin = 0;  // byte offsets in the text
    std::size_t end = 0;
    friend bool operator==(const Link&, const Link&) = default;
};

std::vector<Link> find_links(std::string_view text);

}  // namespace chitchat::client
