#include "chitchat/emoji.hpp"

#include <algorithm>
#include <iterator>
#include <string>

#include "chitchat/text.hpp"

namespace chitchat::emoji {
namespace {

struct Range {
    char32_t first, last;
};

// Extended_Pictographic (emoji-data.txt, Unicode 15), merged into ranges.
constexpr Range pictographic[] = {
    {0x00A9, 0x00A9},   {0x00AE, 0x00AE},   {0x203C, 0x203C},   {0x2049, 0x2049},   {0x2122, 0x2122},
    {0x2139, 0x2139},   {0x2194, 0x2199},   {0x21A9, 0x21AA},   {0x231A, 0x231B},   {0x2328, 0x2328},
    {0x2388, 0x2388},   {0x23CF, 0x23CF},   {0x23E9, 0x23F3},   {0x23F8, 0x23FA},   {0x24C2, 0x24C2},
    {0x25AA, 0x25AB},   {0x25B6, 0x25B6},   {0x25C0, 0x25C0},   {0x25FB, 0x25FE},   {0x2600, 0x2605},
    {0x2607, 0x2612},   {0x2614, 0x2685},   {0x2690, 0x2705},   {0x2708, 0x2712},   {0x2714, 0x2714},
    {0x2716, 0x2716},   {0x271D, 0x271D},   {0x2721, 0x2721},   {0x2728, 0x2728},   {0x2733, 0x2734},
    {0x2744, 0x2744},   {0x2747, 0x2747},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2763, 0x2767},   {0x2795, 0x2797},   {0x27A1, 0x27A1},   {0x27B0, 0x27B0},
    {0x27BF, 0x27BF},   {0x2934, 0x2935},   {0x2B05, 0x2B07},   {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},
    {0x2B55, 0x2B55},   {0x3030, 0x3030},   {0x303D, 0x303D},   {0x3297, 0x3297},   {0x3299, 0x3299},
    {0x1F000, 0x1F0FF}, {0x1F10D, 0x1F10F}, {0x1F12F, 0x1F12F}, {0x1F16C, 0x1F171}, {0x1F17E, 0x1F17F},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F1AD, 0x1F1E5}, {0x1F201, 0x1F20F}, {0x1F21A, 0x1F21A},
    {0x1F22F, 0x1F22F}, {0x1F232, 0x1F23A}, {0x1F23C, 0x1F23F}, {0x1F249, 0x1F3FA}, {0x1F400, 0x1F53D},
    {0x1F546, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F774, 0x1F77F}, {0x1F7D5, 0x1F7FF}, {0x1F80C, 0x1F80F},
    {0x1F848, 0x1F84F}, {0x1F85A, 0x1F85F}, {0x1F888, 0x1F88F}, {0x1F8AE, 0x1F8FF}, {0x1F90C, 0x1F93A},
    {0x1F93C, 0x1F945}, {0x1F947, 0x1FAFF}, {0x1FC00, 0x1FFFD},
};

constexpr char32_t zwj = 0x200D;
constexpr char32_t vs16 = 0xFE0F;
constexpr char32_t keycap = 0x20E3;

bool is_regional(char32_t c) { return c >= 0x1F1E6 && c <= 0x1F1FF; }
bool is_skin_tone(char32_t c) { return c >= 0x1F3FB && c <= 0x1F3FF; }
bool is_tag(char32_t c) { return c >= 0xE0020 && c <= 0xE007E; }
bool is_keycap_base(char32_t c) { return (c >= '0' && c <= '9') || c == '#' || c == '*'; }

// One element of a ZWJ sequence from `at`: a pictograph, then a VS16 or a skin tone, then tags
// closed by U+E007F. Returns where it ends, or npos.
std::size_t element(const std::u32string& cps, std::size_t at) {
    if (at >= cps.size() || !is_pictographic(cps[at]) || is_regional(cps[at])) return std::u32string::npos;
    ++at;
    if (at < cps.size() && (cps[at] == vs16 || is_skin_tone(cps[at]))) ++at;
    if (at < cps.size() && is_tag(cps[at])) {
        while (at < cps.size() && is_tag(cps[at])) ++at;
        if (at >= cps.size() || cps[at] != 0xE007F) return std::u32string::npos;
        ++at;
    }
    return at;
}

}  // namespace

bool is_pictographic(char32_t c) {
    if (is_regional(c)) return true;
    if (is_skin_tone(c)) return false;  // a modifier, not an emoji by itself
    const auto it = std::upper_bound(std::begin(pictographic), std::end(pictographic), c,
                                     [](char32_t v, const Range& r) { return v < r.first; });
    return it != std::begin(pictographic) && c <= std::prev(it)->last;
}

bool is_one_emoji(std::string_view text) {
    const std::u32string cps = text::to_code_points(text);
    if (cps.empty()) return false;
    if (cps.size() == 2 && is_regional(cps[0]) && is_regional(cps[1])) return true;  // a flag
    if (is_keycap_base(cps[0]))  // 1️⃣: a digit, # or *, an optional VS16, the keycap
        return (cps.size() == 2 && cps[1] == keycap) || (cps.size() == 3 && cps[1] == vs16 && cps[2] == keycap);
    std::size_t at = element(cps, 0);
    while (at != std::u32string::npos && at < cps.size()) {
        if (cps[at] != zwj) return false;
        at = element(cps, at + 1);
    }
    return at == cps.size();
}

}  // namespace chitchat::emoji
