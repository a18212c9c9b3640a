// A post's body in the message view: its lines drawn from the text atlas, its links (underlined
// under the mouse, a hand cursor, opened in a new tab on a click) and a selection made by
// dragging across it, which Ctrl+C (Cmd+C) copies.
#include <algorithm>
#include <string>

#include "browser.hpp"
#include "rich_text.hpp"
#include "ui.hpp"

namespace chitchat::ui {
namespace {

std::pair<std::size_t, std::size_t> selection(const UiState& ui) {
    return {std::min(ui.select_anchor, ui.select_focus), std::max(ui.select_anchor, ui.select_focus)};
}

}  // namespace

void draw_post_line(Context& c, const client::Entry& e, const client::TextLayout& layout, int index, float indent,
                    float width) {
    auto& ui = c.ui;
    const Message& m = e.message;
    const client::TextLine& line = layout.lines[index];
    const ImVec2 row = ImGui::GetCursorScreenPos();
    const ImVec2 at{row.x + indent, row.y};
    const float height = ImGui::GetTextLineHeight();
    const float left = Text::line_left(line, at.x, width);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool hovered = ImGui::IsWindowHovered() && mouse.y >= row.y && mouse.y < row.y + ImGui::GetTextLineHeightWithSpacing();

    Text::Style style;
    style.colour = ImGui::ColorConvertFloat4ToU32(e.pending ? colors::dim : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    style.link_colour = ImGui::ColorConvertFloat4ToU32(colors::link);
    if (!e.pending && ui.select_post == m.id) std::tie(style.select_begin, style.select_end) = selection(ui);

    // The link under the mouse.
    const client::TextRun* link = nullptr;
    if (hovered && !ImGui::IsAnyItemHovered())
        for (const auto& run : line.runs)
            if (run.link >= 0 && mouse.x >= left + run.x && mouse.x < left + run.x + run.width) link = &run;
    if (link) {
        style.underline_link = link->link;
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        const auto& l = layout.links[link->link];
        text_tooltip(c, std::string_view(m.body).substr(l.begin, l.end - l.begin));
    } else if (hovered && mouse.x >= at.x && mouse.x < at.x + width && !ImGui::IsAnyItemHovered()) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
    }
    c.text.draw_line(ImGui::GetWindowDrawList(), at, width, m.body, line, style);
    if (!e.pending) {
        const std::string id = std::to_string(m.id);
        c.widgets.extend("message:" + id, {left, row.y}, {left + line.width, row.y + height});
        for (const auto& run : line.runs)
            if (run.link >= 0)
                c.widgets.extend("link:" + id + ":" + std::to_string(run.link), {left + run.x, row.y},
                                 {left + run.x + run.width, row.y + height});
    }
    ImGui::Dummy({width + indent, height});
    if (e.pending) return;

    // Selecting: a press on the text starts it; while the button is down, the mouse moves its end.
    const float x = mouse.x - left;
    if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !ImGui::IsAnyItemHovered()) {
        ui.select_post = m.id;
        ui.select_anchor = ui.select_focus = c.text.hit(m.body, line, x);
        ui.selecting = true;
        ui.text_hit = true;
    }
    if (ui.selecting && ui.select_post == m.id && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        if (hovered) ui.select_focus = c.text.hit(m.body, line, x);
        else if (index == 0 && mouse.y < row.y) ui.select_focus = 0;
        else if (index + 1 == static_cast<int>(layout.lines.size()) && mouse.y >= row.y + height) ui.select_focus = m.body.size();
    }
    // A click (no drag) on a link opens it; nothing but http and https is ever a link.
    if (link && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && ui.select_anchor == ui.select_focus) {
        const auto& l = layout.links[link->link];
        browser::open(std::string_view(m.body).substr(l.begin, l.end - l.begin));
    }
}

void finish_post_text(Context& c) {
    auto& ui = c.ui;
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !ui.text_hit && !ImGui::IsAnyItemHovered()) ui.select_post = 0;
    if (ui.selecting && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        ui.selecting = false;
        if (ui.select_anchor == ui.select_focus) ui.select_post = 0;  // a click, not a selection
    }
    if (ui.selecting) ui.animating = true;
    ui.text_hit = false;
}

std::string selected_text(const client::ClientState& state, const UiState& ui) {
    if (!ui.select_post) return {};
    const Message* m = state.find_post(ui.select_post);
    if (!m || m->deleted) return {};
    const auto [a, b] = selection(ui);
    return a < b && b <= m->body.size() ? m->body.substr(a, b - a) : std::string();
}

}  // namespace chitchat::ui
