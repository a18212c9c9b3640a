// What can be done to a post, with the mouse or the keyboard. Hovering a post (or choosing it
// with Alt+Up/Down) shows React and Reply, and for one's own posts Edit and Delete; a right
// click opens the same as a menu, with Copy text (and Copy link for a file). Keys for the chosen post: Alt+R react, Alt+P reply,
// Alt+E edit, Alt+D delete, Alt+C copy; Up in an empty composer edits one's last post.
#include <imgui.h>

#include <string>

#include "browser.hpp"
#include "ui.hpp"

namespace chitchat::ui {
namespace {

bool key(ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k)); }
bool letter(char capital) { return ImGui::IsKeyPressed(capital); }  // GLFW's key codes of letters are ASCII capitals

void react(Context& c, std::uint64_t id) {
    c.ui.picker_post = id;
    c.ui.picker_filter.clear();
    c.ui.open_picker = true;
}
void reply(Context& c, std::uint64_t id) {
    c.state.reply_to(id);
    c.ui.focus_composer = true;
}
void ask_delete(Context& c, std::uint64_t id) {
    c.ui.confirm_delete = id;
    c.ui.open_confirm = true;
}
void copy(Context& c, std::uint64_t id) {
    if (const Message* m = c.state.find_post(id)) ImGui::SetClipboardText(m->body.c_str());
}

}  // namespace

void start_edit(Context& c, std::uint64_t id) {
    const Message* m = c.state.find_post(id);
    if (!m || m->deleted) return;
    c.ui.editing = id;
    c.ui.edit_text = m->body;
    c.ui.focus_edit = true;
}

void draw_hover_actions(Context& c, const client::Entry& e) {
    const Message& m = e.message;
    if (e.pending || m.deleted || (c.ui.hovered_post != m.id && c.ui.selected_post != m.id)) return;
    const std::string id = std::to_string(m.id);
    enum What { react_to, reply_to, edit, remove };
    struct Action {
        What what;
        const char* label;
        std::string widget;
        bool shown;
    } actions[] = {{react_to, "React", "react:" + id, true}, {reply_to, "Reply", "reply:" + id, true},
                   {edit, "Edit", "edit:" + id, e.mine}, {remove, "Delete", "delete:" + id, e.mine}};
    float width = 0;
    const ImGuiStyle& style = ImGui::GetStyle();
    for (const auto& a : actions)
        if (a.shown) width += ImGui::CalcTextSize(a.label).x + 2 * style.FramePadding.x + style.ItemSpacing.x;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - width);
    ImGui::PushID(static_cast<int>(m.id));
    for (const auto& a : actions) {
        if (!a.shown) continue;
        const bool clicked = ImGui::SmallButton(a.label);
        c.widgets.add(a.widget);
        ImGui::SameLine();
        if (!clicked) continue;
        switch (a.what) {
        case react_to: react(c, m.id); break;
        case reply_to: reply(c, m.id); break;
        case edit: start_edit(c, m.id); break;
        case remove: ask_delete(c, m.id); break;
        }
    }
    ImGui::NewLine();
    ImGui::PopID();
}

void handle_message_keys(Context& c) {
    auto& ui = c.ui;
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.KeyAlt || ui.editing) return;
    const auto& messages = c.state.messages();
    const bool up = key(ImGuiKey_UpArrow), down = key(ImGuiKey_DownArrow);
    if (up || down) {  // the chosen post moves over the posts shown, newest last
        int at = -1;
        for (int i = 0; i < static_cast<int>(messages.size()); ++i)
            if (!messages[i].pending && messages[i].message.id == ui.selected_post) at = i;
        int next = at < 0 ? static_cast<int>(messages.size()) : at;
        do next += up ? -1 : 1;
        while (next >= 0 && next < static_cast<int>(messages.size()) && messages[next].pending);
        ui.selected_post = next >= 0 && next < static_cast<int>(messages.size()) ? messages[next].message.id : 0;
        if (ui.selected_post) c.state.show_post(ui.selected_post);
    }
    const std::uint64_t id = ui.selected_post ? ui.selected_post : ui.hovered_post;
    const Message* m = id ? c.state.find_post(id) : nullptr;
    if (!m || m->deleted) return;
    const bool mine = m->sender_id && m->sender_id == c.state.user_id();
    if (letter('R')) react(c, id);
    if (letter('P')) reply(c, id);
    if (letter('C')) copy(c, id);
    if (mine && letter('E')) start_edit(c, id);
    if (mine && letter('D')) ask_delete(c, id);
}

void draw_message_popups(Context& c) {
    auto& ui = c.ui;
    if (ui.open_menu) ImGui::OpenPopup("message_menu");
    if (ui.open_confirm) ImGui::OpenPopup("Delete this message?");
    if (ui.open_picker) ImGui::OpenPopup("emoji_picker");
    ui.open_menu = ui.open_confirm = ui.open_picker = false;

    if (ImGui::BeginPopup("message_menu")) {
        const Message* m = c.state.find_post(ui.menu_post);
        const bool mine = m && m->sender_id && m->sender_id == c.state.user_id();
        if (!m || m->deleted) ImGui::CloseCurrentPopup();
        else {
            if (ImGui::MenuItem("React", "Alt+R")) react(c, m->id);
            c.widgets.add("menu_react");
            if (ImGui::MenuItem("Reply", "Alt+P")) reply(c, m->id);
            c.widgets.add("menu_reply");
            if (ImGui::MenuItem("Copy text", "Alt+C")) copy(c, m->id);
            c.widgets.add("menu_copy");
            if (m->attachment) {
                if (ImGui::MenuItem("Copy link")) ImGui::SetClipboardText(browser::absolute_url(m->attachment->url).c_str());
                c.widgets.add("menu_copy_link");
            }
            if (mine && ImGui::MenuItem("Edit", "Alt+E")) start_edit(c, m->id);
            if (mine) c.widgets.add("menu_edit");
            if (mine && ImGui::MenuItem("Delete", "Alt+D")) ask_delete(c, m->id);
            if (mine) c.widgets.add("menu_delete");
        }
        ImGui::EndPopup();
    }

    if (ImGui::BeginPopupModal("Delete this message?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted("It will be gone for everyone. This cannot be undone.");
        const bool yes = ImGui::Button("Delete") || key(ImGuiKey_Enter);
        c.widgets.add("confirm_delete");
        ImGui::SameLine();
        const bool no = ImGui::Button("Cancel") || key(ImGuiKey_Escape);
        c.widgets.add("cancel_delete");
        if (yes) c.state.remove(ui.confirm_delete);
        if (yes || no) {
            ui.confirm_delete = 0;
            ui.focus_composer = true;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    draw_emoji_picker(c);
}

}  // namespace chitchat::ui
