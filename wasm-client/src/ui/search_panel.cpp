// The search window (the header's button, or Ctrl+K): a box, then the results newest first,
// each with its channel, sender and time and its text with the matched words highlighted;
// choosing one opens its channel at that post. Escape closes it.
#include <imgui.h>

#include <algorithm>
#include <ctime>

#include "chitchat/search_terms.hpp"
#include "browser.hpp"
#include "rich_text.hpp"
#include "ui.hpp"

namespace chitchat::ui {
namespace {

std::string when(std::int64_t ts_ms) {
    const std::time_t t = static_cast<std::time_t>(ts_ms / 1000);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%d %b %Y, %H:%M", &tm);
    return buf;
}

// One line of the body, around its first match, the matched words on a highlight: laid out and
// drawn as one line of people's text, so a right-to-left snippet reads from the right too.
void draw_snippet(Context& c, const std::string& body, const std::string& q, float width) {
    const auto ranges = search_highlights(body, q);
    std::size_t from = ranges.empty() ? 0 : ranges[0].begin;
    // Some context before the first match, cut at a code point boundary.
    for (int back = 0; from > 0 && back < 24; ++back) {
        --from;
        while (from > 0 && (static_cast<unsigned char>(body[from]) & 0xC0) == 0x80) --from;
    }
    const std::string prefix = from > 0 ? "…" : "";
    std::string text = prefix + body.substr(from, std::min<std::size_t>(body.size() - from, 600));
    std::replace(text.begin(), text.end(), '\n', ' ');
    std::vector<std::pair<std::size_t, std::size_t>> marks;
    for (const auto& r : ranges)
        if (r.begin >= from && r.end - from + prefix.size() <= text.size())
            marks.emplace_back(r.begin - from + prefix.size(), r.end - from + prefix.size());
    const auto& layout = c.text.lay_out(text, 1e9f);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy({width, ImGui::GetTextLineHeight()});
    if (layout.lines.empty()) return;
    Text::Style style;
    style.colour = style.link_colour = ImGui::GetColorU32(ImGuiCol_Text);
    style.marks = &marks;
    style.mark_colour = ImGui::GetColorU32(colors::highlight);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(at, {at.x + width, at.y + ImGui::GetTextLineHeight()}, true);
    const auto& line = layout.lines.front();
    c.text.draw_line(draw, line.rtl ? ImVec2{at.x + width - line.width, at.y} : at, line.width, text, line, style);
    draw->PopClipRect();
}

}  // namespace

void draw_search(Context& c) {
    auto& ui = c.ui;
    if (!ui.search_open) return;
    const float s = ui.scale;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const ImVec2 size{std::min(680 * s, vp->Size.x - 40 * s), std::min(520 * s, vp->Size.y - 80 * s)};
    ImGui::SetNextWindowPos({vp->Pos.x + (vp->Size.x - size.x) / 2, vp->Pos.y + 50 * s});
    ImGui::SetNextWindowSize(size);
    bool open = true;
    ImGui::Begin("Search messages", &open,
                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings);
    // The page's own field: the words people search for, in any script, as they typed them.
    using Key = browser::Listener::FieldKey;
    const int key = take_field_key(c, browser::Field::search);
    if (key == static_cast<int>(Key::enter)) c.state.search(ui.search_input);
    page_field(c, browser::Field::search, "search_input", {ImGui::GetContentRegionAvail().x, ImGui::GetFrameHeight()},
               ui.search_input, ui.focus_search);
    if (key == static_cast<int>(Key::escape) || (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
                                                 ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))))
        open = false;

    const auto& found = c.state.search_state();
    if (found) {
        if (found->results.empty())
            label(c, found->waiting ? std::string("Searching…") : "Nothing found for \"" + found->q + "\".", colors::dim);
        ImGui::BeginChild("results");
        const float width = ImGui::GetContentRegionAvail().x;
        for (std::size_t i = 0; i < found->results.size(); ++i) {
            const Message& m = found->results[i];
            ImGui::PushID(static_cast<int>(i));
            const ImVec2 top = ImGui::GetCursorPos();
            const float height = 2 * ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
            if (ImGui::Selectable("##result", false, 0, {width, height})) {
                c.state.open_result(m);
                open = false;
            }
            c.widgets.add("search_result:" + std::to_string(i));
            ImGui::SetCursorPos(top);
            label(c, "#" + m.channel, colors::accent);
            ImGui::SameLine();
            label(c, m.sender, ImGui::GetStyleColorVec4(ImGuiCol_Text));
            ImGui::SameLine();
            ImGui::TextColored(colors::dim, "%s", when(m.ts).c_str());
            draw_snippet(c, m.body.empty() && m.attachment ? m.attachment->name : m.body, found->q, width);
            ImGui::SetCursorPos({top.x, top.y + height + ImGui::GetStyle().ItemSpacing.y});
            ImGui::PopID();
        }
        if (found->more) {
            if (ImGui::Button(found->waiting ? "Loading…" : "Older results")) c.state.search_more();
            c.widgets.add("search_more");
        }
        ImGui::EndChild();
    } else {
        ImGui::TextColored(colors::dim, "Searches every channel, the whole history; \"caf\" finds café.");
    }
    ImGui::End();
    if (!open) {
        ui.search_open = false;
        ui.focus_composer = true;
    }
}

}  // namespace chitchat::ui
