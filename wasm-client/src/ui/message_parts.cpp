// The parts protocol 2 adds to a post in the message view: the quote of the post a reply
// answers, the grey line a deleted post leaves, the reaction chips and the in-place editor.
#include <imgui.h>

#include <string>

#include <algorithm>

#include "browser.hpp"
#include "rich_text.hpp"
#include "ui.hpp"

namespace chitchat::ui {

void draw_quote(Context& c, const Message& m, float indent) {
    const ReplyTo& q = *m.reply_to;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float bar = 3 * c.ui.scale;
    ImGui::GetWindowDrawList()->AddRectFilled(at, {at.x + bar, at.y + ImGui::GetTextLineHeight()},
                                              ImGui::GetColorU32(colors::dim));
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 3 * bar);
    const std::string first_line = q.body.substr(0, q.body.find('\n'));
    const std::string label = q.sender + ": " + first_line;
    ImGui::PushID(static_cast<int>(m.id));
    ImGui::PushStyleColor(ImGuiCol_Text, colors::dim);
    // A selectable the width of its text: clicking the quote shows the original.
    const ImVec2 text_at = ImGui::GetCursorScreenPos();
    const std::string_view shown = std::string_view(label).substr(0, std::min<std::size_t>(label.size(), 400));
    const float avail = ImGui::GetContentRegionAvail().x;
    if (ImGui::Selectable("##quote", false, 0, {std::min(c.text.width(shown), avail), 0})) c.state.show_post(q.id);
    ImGui::PopStyleColor();
    if (const auto& lines = c.text.lay_out(shown, avail).lines; !lines.empty()) {
        Text::Style style;
        style.colour = style.link_colour = ImGui::ColorConvertFloat4ToU32(colors::dim);
        c.text.draw_line(ImGui::GetWindowDrawList(), text_at, avail, shown, lines.front(), style);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show the message this replies to");
    c.widgets.add("quote:" + std::to_string(m.id));
    ImGui::PopID();
}

void draw_deleted(float indent) {
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
    ImGui::TextColored(colors::dim, "message deleted");
}

void draw_reactions(Context& c, const Message& m, float indent) {
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
    ImGui::PushID(static_cast<int>(m.id));
    for (std::size_t i = 0; i < m.reactions.size(); ++i) {
        const Reaction& r = m.reactions[i];
        if (i > 0) ImGui::SameLine();
        const bool mine = c.state.reacted(r);
        ImGui::PushStyleColor(ImGuiCol_Button, mine ? colors::chip_mine : colors::chip);
        const std::string id = "##reaction" + std::to_string(i);
        if (text_button(c, id.c_str(), r.emoji + " " + std::to_string(r.users.size()))) c.state.toggle_reaction(m.id, r.emoji);
        ImGui::PopStyleColor();
        c.widgets.add("reaction:" + std::to_string(m.id) + ":" + std::to_string(i));
        if (ImGui::IsItemHovered()) {
            std::string who;
            for (const auto& user : r.users) who += (who.empty() ? "" : ", ") + c.state.name_of(user);
            text_tooltip(c, who + " reacted with " + r.emoji);
        }
    }
    ImGui::PopID();
}

// The in-place editor is the page's own field too (browser::Field::edit), so that a post being
// edited shows as it will be sent; Enter saves, Escape cancels.
bool draw_editor(Context& c, const Message& m, float indent) {
    auto& ui = c.ui;
    using Key = browser::Listener::FieldKey;
    const auto key = static_cast<Key>(take_field_key(c, browser::Field::edit));
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
    if (ui.focus_edit) browser::set_field_text(browser::Field::edit, ui.edit_text);
    page_field(c, browser::Field::edit, "edit_input", {ImGui::GetContentRegionAvail().x - 200 * ui.scale, ImGui::GetFrameHeight()},
               ui.edit_text, ui.focus_edit);
    ImGui::SameLine();
    ImGui::TextColored(colors::dim, "Enter saves · Escape cancels");
    if (key == Key::enter && c.state.edit(m.id, ui.edit_text)) ui.editing = 0;
    if (key == Key::escape) ui.editing = 0;
    if (ui.editing == 0) ui.focus_composer = true;
    return ui.editing != 0;
}

}  // namespace chitchat::ui
