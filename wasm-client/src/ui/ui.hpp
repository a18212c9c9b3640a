// The views: each draws part of the ClientState with Dear ImGui and calls its intents. They hold
// no copies of the model; what they remember between frames (text being typed, scrolling) is in
// UiState, owned by the application.
#pragma once
#include <imgui.h>

#include <algorithm>
#include <map>
#include <string>

#include "chitchat/client/client_state.hpp"
#include "browser.hpp"
#include "chitchat/client/text_layout.hpp"

namespace chitchat::ui {

// Screen rectangles of the named widgets of the current frame, for automation (window.chitchat).
class Widgets {
public:
    void clear() { rects_.clear(); }
    void add(const std::string& name) { rects_[name] = {ImGui::GetItemRectMin(), ImGui::GetItemRectMax()}; }
    // Grows the named rectangle to hold this one too (a post's body, line by line).
    void extend(const std::string& name, ImVec2 min, ImVec2 max) {
        auto [it, fresh] = rects_.try_emplace(name, min, max);
        if (fresh) return;
        it->second.first = {std::min(it->second.first.x, min.x), std::min(it->second.first.y, min.y)};
        it->second.second = {std::max(it->second.second.x, max.x), std::max(it->second.second.y, max.y)};
    }
    const std::map<std::string, std::pair<ImVec2, ImVec2>>& rects() const { return rects_; }

private:
    std::map<std::string, std::pair<ImVec2, ImVec2>> rects_;
};

// Image previews, as textures loaded on demand.
class Thumbnails {
public:
    virtual ~Thumbnails() = default;
    struct Image {
        ImTextureID texture = nullptr;
        ImVec2 size;  // in physical pixels
    };
    // The preview of an uploaded image; nothing while it loads (or when it failed).
    virtual const Image* get(const std::string& url) = 0;
};

// Text as the browser draws it (text_atlas.hpp): its widths for the layout, and each piece of a
// line as a sprite in an atlas texture.
class Glyphs : public client::TextMetrics {
public:
    struct Sprite {
        ImTextureID texture = nullptr;
        ImVec2 uv0, uv1;
        ImVec2 size;     // device pixels, margins included
        float left = 0;  // the margin before the text's origin
    };
    struct Caret {
        std::size_t bytes;  // from the piece's start, at a grapheme cluster boundary
        float x;            // the width of the text before it
    };
    // Nothing while it waits for a frame with time to draw it.
    virtual const Sprite* sprite(std::string_view piece, bool rtl, ImU32 colour) = 0;
    virtual const std::vector<Caret>& carets(std::string_view piece) = 0;
    virtual float line_top() const = 0;  // how far above a line's top its sprites start
};

// What the views remember between frames.
struct UiState {
    float scale = 1;                   // device pixels per CSS pixel
    double now_ms = 0;
    std::string name_input;
    std::string composer;              // as the page's field has it (browser::Field::composer)
    int field_key[browser::field_count] = {};  // per field: a key passed on (Listener::FieldKey), not yet acted on
    bool field_focused[browser::field_count] = {};
    bool focus_composer = false;
    bool creating_channel = false;
    bool focus_new_channel = false;
    std::string new_channel;
    std::string created;               // the channel we asked to create, until we are in it
    bool at_bottom = true;             // the message view showed its end last frame
    bool scroll_to_bottom = true;
    std::uint64_t seen_last_id = 0;    // the newest post shown while at the bottom
    std::uint64_t anchor_id = 0;       // the first post shown last frame, and its row: when posts
    int anchor_row = 0;                // are added above it, the view moves down with it
    int frames_in_channel = 0;         // frames drawn since the channel was shown
    bool search_open = false;
    bool focus_search = false;
    std::string search_input;
    std::uint64_t highlighted = 0;     // a chosen search result, highlighted until then
    double highlight_until_ms = 0;
    std::string shown_channel;
    // Changing posts (message_actions.cpp, emoji_picker.cpp, message_parts.cpp).
    std::uint64_t hovered_post = 0;    // the post under the mouse last frame
    std::uint64_t hovered_next = 0;    // and this frame, so far
    std::uint64_t selected_post = 0;   // chosen with Alt+Up/Down: the keyboard's hover
    std::uint64_t menu_post = 0;       // the right-click menu is for this post
    bool open_menu = false;
    std::uint64_t editing = 0;         // edited in place
    std::string edit_text;
    bool focus_edit = false;
    std::uint64_t confirm_delete = 0;  // "Delete this message?" is asked
    bool open_confirm = false;
    std::uint64_t picker_post = 0;     // the emoji picker is open for this post
    bool open_picker = false;
    std::string picker_filter;
    // Text selected in a post (rich_text.cpp): byte offsets in its body, anchor where the drag began.
    std::uint64_t select_post = 0;
    std::size_t select_anchor = 0, select_focus = 0;
    bool selecting = false;            // the mouse button is still down
    bool text_hit = false;             // this frame's click landed on a post's text
    double activity_until_ms = 0;      // the status icon pulses until then
    bool animating = false;            // set by views that need another frame soon
};

class Text;

struct Context {
    client::ClientState& state;
    UiState& ui;
    Widgets& widgets;
    Thumbnails& thumbnails;
    Text& text;
};

void apply_theme(float scale);
void draw(Context& c);  // the whole window

void draw_name_prompt(Context& c);
void draw_channel_list(Context& c);
void draw_header(Context& c);
void draw_message_view(Context& c);
void draw_composer(Context& c);
float composer_height();  // the field's, for three lines
// Room for one of the page's text fields (page_field.cpp); `focus` asks for the keyboard.
// A field in the search window is not covered by it.
void page_field(Context& c, browser::Field field, const char* widget, ImVec2 size, const std::string& text, bool& focus,
                float line_spacing = 1.25f);
int take_field_key(Context& c, browser::Field field);  // 0, or a Listener::FieldKey
void draw_search(Context& c);  // the search window, over the rest, while open

// Parts of a post in the message view (message_parts.cpp) and what can be done to it
// (message_actions.cpp, emoji_picker.cpp).
void draw_quote(Context& c, const Message& m, float indent);        // a reply's quote; a click shows the original
void draw_deleted(float indent);                                    // a tombstone's grey line
void draw_reactions(Context& c, const Message& m, float indent);   // chips with counts; a click toggles
bool draw_editor(Context& c, const Message& m, float indent);      // in place; false once it closed
void draw_hover_actions(Context& c, const client::Entry& e);        // React, Reply, Edit, Delete
void draw_message_popups(Context& c);                               // the menu, the confirmation, the picker
void handle_message_keys(Context& c);                               // Alt+Up/Down and the actions' keys
void start_edit(Context& c, std::uint64_t id);
// A post's text, line by line (post_text.cpp): links open on a click, a drag selects.
void draw_post_line(Context& c, const client::Entry& e, const client::TextLayout& layout, int line, float indent,
                    float width);
void finish_post_text(Context& c);  // after the lines: a click elsewhere ends the selection
std::string selected_text(const client::ClientState& state, const UiState& ui);
void draw_emoji_picker(Context& c);

// Colours shared by the views.
namespace colors {
inline const ImVec4 dim{0.60f, 0.63f, 0.70f, 1.0f};
inline const ImVec4 error{0.95f, 0.45f, 0.42f, 1.0f};
inline const ImVec4 accent{0.45f, 0.70f, 1.00f, 1.0f};
inline const ImVec4 mine{0.55f, 0.85f, 0.60f, 1.0f};
inline const ImVec4 warning{0.90f, 0.73f, 0.24f, 1.0f};
inline const ImVec4 highlight{0.80f, 0.62f, 0.15f, 0.45f};  // matched words, a chosen post
inline const ImVec4 ok{0.30f, 0.80f, 0.45f, 1.0f};
inline const ImVec4 chip{0.20f, 0.22f, 0.27f, 1.0f};
inline const ImVec4 chip_mine{0.22f, 0.36f, 0.60f, 1.0f};
inline const ImVec4 link{0.42f, 0.68f, 1.00f, 1.0f};
}  // namespace colors

}  // namespace chitchat::ui
