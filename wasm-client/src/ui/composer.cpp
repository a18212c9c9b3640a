// The composer: the page's own text field over the room reserved here (browser::Field), so
// that what is being typed, pasted or composed shows every script and emoji as sent posts do.
// Enter sends, Shift+Enter starts a new line, Up in an empty composer edits one's last post,
// Escape lets go of a reply; Send, Attach, and an upload's progress with Cancel; the server's
// refusals are shown under it.
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
    const auto key = static_cast<Key>(take_field_key(c, browser::Field::composer));
    if (key == Key::enter) send(c);
    if (key == Key::escape) c.state.cancel_reply();
    if (key == Key::up_when_empty)
        if (const auto last = c.state.last_own_post()) start_edit(c, *last);
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
    act_on_key(c);
    const ImVec2 size{ImGui::GetContentRegionAvail().x - buttons - ImGui::GetStyle().ItemSpacing.x, composer_height()};
    page_field(c, browser::Field::composer, "composer", size, ui.composer, ui.focus_composer, line_spacing);

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
