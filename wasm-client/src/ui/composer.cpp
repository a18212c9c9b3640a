// The composer: Enter sends, Shift+Enter starts a new line; Send, Attach, and an upload's
// progress with Cancel; the server's refusals are shown under it.
#include <imgui.h>  // before imgui_stdlib.h, which needs it
#include <misc/cpp/imgui_stdlib.h>

#include <string>

#include "browser.hpp"
#include "chitchat/validation.hpp"
#include "rich_text.hpp"
#include "ui.hpp"

namespace chitchat::ui {
namespace {

// Enter (without Shift) sends: the newline it would insert is dropped, and in the same frame
// the text is taken out of the still-active field, so that typing goes on without a gap.
int composer_callback(ImGuiInputTextCallbackData* data) {
    auto* ui = static_cast<UiState*>(data->UserData);
    if (data->EventFlag == ImGuiInputTextFlags_CallbackCharFilter) {
        if (data->EventChar == '\n' && !ImGui::GetIO().KeyShift) {
            ui->enter_pressed = true;
            return 1;
        }
        return 0;
    }
    if (data->EventFlag == ImGuiInputTextFlags_CallbackAlways && ui->enter_pressed) {
        ui->entered.assign(data->Buf, static_cast<std::size_t>(data->BufTextLen));
        if (validate_body(ui->entered, false).ok()) data->DeleteChars(0, data->BufTextLen);  // else kept, with its error
    }
    return 0;
}

}  // namespace

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
    if (ui.focus_composer) {
        ImGui::SetKeyboardFocusHere();
        ui.focus_composer = false;
    }
    const float height = 3 * ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().FramePadding.y;
    ui.enter_pressed = false;
    ImGui::InputTextMultiline("##composer", &ui.composer,
                              {ImGui::GetContentRegionAvail().x - buttons - ImGui::GetStyle().ItemSpacing.x, height},
                              ImGuiInputTextFlags_CallbackCharFilter | ImGuiInputTextFlags_CallbackAlways,
                              composer_callback, &ui);
    c.widgets.add("composer");
    if (ImGui::IsItemActive()) {
        // Up in an empty composer edits one's last post; Escape lets go of a reply.
        if (ui.composer.empty() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow)) && !ImGui::GetIO().KeyAlt)
            if (const auto last = c.state.last_own_post()) start_edit(c, *last);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) c.state.cancel_reply();
    }
    ImGui::SameLine();
    ImGui::BeginGroup();
    const bool send = ImGui::Button("Send", {buttons, 0});
    c.widgets.add("send");
    const bool uploading = c.state.upload().has_value();
    if (uploading) ImGui::BeginDisabled();
    if (ImGui::Button("Attach", {buttons, 0})) browser::pick_file();  // inside the click: the picker may open
    if (uploading) ImGui::EndDisabled();
    c.widgets.add("attach");
    ImGui::EndGroup();

    if (ui.enter_pressed) {
        c.state.send(ui.entered);
        ui.scroll_to_bottom = true;
    } else if (send) {
        c.state.send(ui.composer);
        if (c.state.composer_error().empty()) ui.composer.clear();
        ui.scroll_to_bottom = true;
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
