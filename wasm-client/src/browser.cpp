#include "browser.hpp"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdlib>
#include <iterator>

namespace chitchat::browser {
namespace {

Listener* listener = nullptr;

// A JavaScript string returned as malloc'd UTF-8, owned by the caller.
std::string take(char* text) {
    std::string s = text ? text : "";
    std::free(text);
    return s;
}

EM_JS(char*, js_websocket_url, (), { return ChitChatGlue.toC(ChitChatGlue.webSocketUrl()); });
EM_JS(char*, js_load, (const char* key), { return ChitChatGlue.toC(ChitChatGlue.load(UTF8ToString(key))); });
EM_JS(void, js_save, (const char* key, const char* value), { ChitChatGlue.save(UTF8ToString(key), UTF8ToString(value)); });
EM_JS(void, js_first_frame, (), { ChitChatGlue.firstFrame(); });
EM_JS(void, js_set_text_input, (int active), { ChitChatGlue.setTextInput(!!active); });
EM_JS(void, js_listen_to_wheel, (), { ChitChatGlue.listenToWheel(); });
EM_JS(void, js_copy, (const char* text), { ChitChatGlue.copy(UTF8ToString(text)); });
EM_JS(void, js_open, (const char* url), { ChitChatGlue.open(UTF8ToString(url)); });
EM_JS(void, js_pick_file, (), { ChitChatGlue.pickFile(); });
EM_JS(void, js_cancel_upload, (), { ChitChatGlue.cancelUpload(); });
EM_JS(void, js_load_thumbnail, (const char* url, int max), { ChitChatGlue.loadThumbnail(UTF8ToString(url), max); });
EM_JS(char*, js_absolute_url, (const char* url), { return ChitChatGlue.toC(new URL(ChitChatGlue.httpUrl(UTF8ToString(url)), location.href).href); });
EM_JS(void, js_set_cursor, (int cursor), { ChitChatGlue.setCursor(cursor); });
EM_JS(void, js_place_field, (int field, float x, float y, float w, float h, int visible), {
    ChitChatGlue.fields.place(field, x, y, w, h, !!visible);
});
EM_JS(void, js_set_field_text, (int field, const char* text), { ChitChatGlue.fields.setText(field, UTF8ToString(text)); });
EM_JS(void, js_focus_field, (int field), { ChitChatGlue.fields.focus(field); });
EM_JS(char*, js_random_id, (), { return ChitChatGlue.toC(ChitChatGlue.randomId()); });

}  // namespace

std::string websocket_url() { return take(js_websocket_url()); }
std::string load(const char* key) { return take(js_load(key)); }
void save(const char* key, std::string_view value) { js_save(key, std::string(value).c_str()); }
void first_frame() { js_first_frame(); }
void set_text_input(bool active) { js_set_text_input(active); }
void listen_to_wheel() { js_listen_to_wheel(); }
void copy(std::string_view text) { js_copy(std::string(text).c_str()); }
void open(std::string_view url) { js_open(std::string(url).c_str()); }
std::string absolute_url(std::string_view url) { return take(js_absolute_url(std::string(url).c_str())); }
void set_cursor(int imgui_cursor) { js_set_cursor(imgui_cursor); }
namespace {
struct Placed {
    float x = -1, y = -1, w = -1, h = -1;
    bool visible = false;
    bool this_frame = false;
};
Placed fields[field_count];
}  // namespace

void place_field(Field field, float x, float y, float w, float h, float scale) {
    Placed& p = fields[static_cast<int>(field)];
    p.this_frame = true;
    const Placed now{x / scale, y / scale, w / scale, h / scale, true, true};
    if (p.visible && now.x == p.x && now.y == p.y && now.w == p.w && now.h == p.h) return;
    p = now;
    js_place_field(static_cast<int>(field), p.x, p.y, p.w, p.h, 1);
}
void set_field_text(Field field, std::string_view text) { js_set_field_text(static_cast<int>(field), std::string(text).c_str()); }
void focus_field(Field field) { js_focus_field(static_cast<int>(field)); }
void end_fields_frame() {
    for (int i = 0; i < static_cast<int>(std::size(fields)); ++i) {
        Placed& p = fields[i];
        if (!p.this_frame && p.visible) {
            p.visible = false;
            js_place_field(i, 0, 0, 0, 0, 0);
        }
        p.this_frame = false;
    }
}
void pick_file() { js_pick_file(); }
void cancel_upload() { js_cancel_upload(); }
void load_thumbnail(std::string_view url, int max_px) { js_load_thumbnail(std::string(url).c_str(), max_px); }
double device_pixel_ratio() { return emscripten_get_device_pixel_ratio(); }
double now_ms() { return emscripten_get_now(); }
std::string random_id() { return take(js_random_id()); }
void set_listener(Listener* l) { listener = l; }

}  // namespace chitchat::browser

// ---- called from web/glue.js
using chitchat::browser::listener;

extern "C" {

EMSCRIPTEN_KEEPALIVE void chitchat_text_input(const char* text) {
    if (listener) listener->on_text(text);
}
EMSCRIPTEN_KEEPALIVE void chitchat_wheel(double dx, double dy) {
    if (listener) listener->on_wheel(dx, dy);
}
EMSCRIPTEN_KEEPALIVE int chitchat_shortcut(int which) {
    return listener && listener->on_shortcut(which) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void chitchat_field_input(int field, const char* text) {
    if (listener) listener->on_field_input(static_cast<chitchat::browser::Field>(field), text);
}
EMSCRIPTEN_KEEPALIVE void chitchat_field_key(int field, int key) {
    if (listener) listener->on_field_key(static_cast<chitchat::browser::Field>(field), static_cast<chitchat::browser::Listener::FieldKey>(key));
}
EMSCRIPTEN_KEEPALIVE void chitchat_field_focus(int field, int focused) {
    if (listener) listener->on_field_focus(static_cast<chitchat::browser::Field>(field), focused != 0);
}
EMSCRIPTEN_KEEPALIVE int chitchat_file_chosen(const char* name, double size) {
    return listener && listener->on_file_chosen(name, size) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void chitchat_upload_progress(double sent) {
    if (listener) listener->on_upload_progress(sent);
}
EMSCRIPTEN_KEEPALIVE void chitchat_upload_done(const char* body, int status) {
    if (listener) listener->on_upload_done(status, body);
}
EMSCRIPTEN_KEEPALIVE void chitchat_thumbnail_ready(const char* url, int width, int height, const unsigned char* rgba) {
    if (listener) listener->on_thumbnail(url, width, height, rgba);
}
// The returned text stays valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* chitchat_state_json() {
    static std::string text;
    text = listener ? listener->state_json() : "null";
    return text.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* chitchat_widgets_json() {
    static std::string text;
    text = listener ? listener->widgets_json() : "{}";
    return text.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* chitchat_glyphs_json() {
    static std::string text;
    text = listener ? listener->glyphs_json() : "{}";
    return text.c_str();
}
EMSCRIPTEN_KEEPALIVE void chitchat_fonts_loaded() {
    if (listener) listener->on_fonts_loaded();
}
EMSCRIPTEN_KEEPALIVE const char* chitchat_selected_text() {
    static std::string text;
    text = listener ? listener->selected_text() : "";
    return text.c_str();
}
EMSCRIPTEN_KEEPALIVE int chitchat_frame_count() { return listener ? listener->frame_count() : 0; }
EMSCRIPTEN_KEEPALIVE double chitchat_longest_frame_ms(int reset) { return listener ? listener->longest_frame_ms(reset) : 0; }
EMSCRIPTEN_KEEPALIVE double chitchat_longest_message_ms(int reset) { return listener ? listener->longest_message_ms(reset) : 0; }

}  // extern "C"
