// The composer: the page's own text field over the room reserved here (browser::Field), so
// that what is being typed, pasted or composed shows every script and emoji as sent posts do.
// Enter sends, Shift+Enter starts a new line, Up in an empty composer edits one's last post,
// Escape lets go of a reply; Send, Attach, and an upload's progress with Cancel; the server's
// refusals are shown under it. While a popup or the search is over it, the field is hidden
// and its text drawn in its place.
#include <string>

#include "browser.hpp"
#include "rich_text.hpp"
#include "ui.hpp"

namespace chitchat::ui {
namespace {

constexpr int lines = 3;
constexpr float line_spacing = 1.25f;  // the field's CSS line-height (web/index.html)

void send(Context& c) {
    c.state.send(c.ui.composer);
    if (c.state.composer_error().empty()) {  // else kept, with its error
        c.ui.composer.clear();
        browser::set_field_text(browser::Field::composer, "");
    }
    c.ui.scroll_to_bottom = true;
}

void act_on_key(Context& c) {
    using Key = browser::Listener::FieldKey;
    const auto key = static_cast<Key>(c.ui.composer_key);
    c.ui.composer_key = 0;
    if (key == Key::enter) send(c);
    if (key == Key::escape) c.state.cancel_reply();
    if (key == Key::up_when_empty)
        if (const auto last = c.state.last_own_post()) start_edit(c, *last);
}

// The text, drawn where the field would show it, while something covers the field.
void draw_text_in_place(Context& c, ImVec2 min, float width) {
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    const auto& layout = c.text.lay_out(c.ui.composer, width - 2 * pad.x);
    Text::Style style;
    style.colour = style.link_colour = ImGui::GetColorU32(ImGuiCol_Text);
    const float step = ImGui::GetTextLineHeight() * line_spacing;
    for (int i = 0; i < static_cast<int>(layout.lines.size()) && i < lines; ++i)
        c.text.draw_line(ImGui::GetWindowDrawList(), {min.x + pad.x, min.y + pad.y + i * step}, width - 2 * pad.x,
                         c.ui.composer, layout.lines[i], style);
}

}  // namespace

float composer_height() {
    return lines * ImGui::GetTextLineHeight() * line_spacing + 2 * ImGui::GetStyle().FramePadding.y;
}

void draw_composer(Context& c) {
    auto& ui = c.ui;
    const float s = ui.scale;
    const float buttons = 90 * s;
    if (const auto& quote = c.state.replying()) {  // the post this one will answer
        const std::string first_line = quote->body.substr(0, quote->body.find('\n'));
        label(c, "Replying to " + quote->sender + ": " + first_line.substr(0, 300), colors::dim);
        ImGui::SameLine();
        if (ImGui::SmallButton("×##cancel_reply")) c.state.cancel_reply();
        c.widgets.add("cancel_reply");
    }
    if (ui.composer_key) act_on_key(c);

    // The field's room: a frame like ImGui's own, the page's field over it.
    const ImVec2 size{ImGui::GetContentRegionAvail().x - buttons - ImGui::GetStyle().ItemSpacing.x, composer_height()};
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    c.widgets.add("composer");
    const ImVec2 max{min.x + size.x, min.y + size.y};
    const float rounding = ImGui::GetStyle().FrameRounding;
    ImGui::GetWindowDrawList()->AddRectFilled(min, max, ImGui::GetColorU32(ImGuiCol_FrameBg), rounding);
    if (ui.composer_focused) ImGui::GetWindowDrawList()->AddRect(min, max, ImGui::GetColorU32(ImVec4{colors::accent.x, colors::accent.y, colors::accent.z, 0.6f}), rounding, 0, s);
    const bool covered = ui.search_open || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
    if (covered) {
        draw_text_in_place(c, min, size.x);
    } else {
        browser::place_field(browser::Field::composer, min.x, min.y, size.x, size.y, s);
        if (ui.focus_composer) browser::focus_field(browser::Field::composer);
    }
    if (!covered) ui.focus_composer = false;  // a focus asked for while covered waits for the field

    ImGui::SameLine();
    ImGui::BeginGroup();
    const bool clicked_send = ImGui::Button("Send", {buttons, 0});
    c.widgets.add("send");
    const bool uploading = c.state.upload().has_value();
    if (uploading) ImGui::BeginDisabled();
    if (ImGui::Button("Attach", {buttons, 0})) browser::pick_file();  // inside the click: the picker may open
    if (uploading) ImGui::EndDisabled();
    c.widgets.add("attach");
    ImGui::EndGroup();
    if (clicked_send) {
        send(c);
        ui.focus_composer = true;
    }

    if (const auto& upload = c.state.upload()) {
        const float fraction = upload->size ? static_cast<float>(upload->sent) / static_cast<float>(upload->size) : 0.0f;
        const std::string label = upload->name + "  " + std::to_string(static_cast<int>(fraction * 100)) + "%";
        ImGui::ProgressBar(fraction, {ImGui::GetContentRegionAvail().x - buttons - ImGui::GetStyle().ItemSpacing.x, 0},
                           label.c_str());
        c.widgets.add("upload_progress");
        ImGui::SameLine();
        if (ImGui::Button("Cancel", {buttons, 0})) browser::cancel_upload();
        c.widgets.add("upload_cancel");
    }
    if (!c.state.composer_error().empty()) ImGui::TextColored(colors::error, "%s", c.state.composer_error().c_str());
}

}  // namespace chitchat::ui
