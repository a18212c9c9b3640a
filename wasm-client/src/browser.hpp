// The browser, as C++ sees it: every call into web/glue.js, and the events it calls back with.
// This is the only file (with browser.cpp) that knows JavaScript exists.
#pragma once
#include <string>
#include <string_view>

namespace chitchat::browser {

std::string websocket_url();                  // ws(s)://<page host or ?server=>/ws
std::string load(const char* key);            // localStorage ("" when absent)
void save(const char* key, std::string_view value);
void first_frame();                           // hides the loading indicator
void set_text_input(bool active);             // focuses the hidden textarea that receives typing
void listen_to_wheel();                       // mouse wheel steps to Listener::on_wheel
void copy(std::string_view text);
void open(std::string_view url);              // in a new tab, without access to this one (noopener)
std::string absolute_url(std::string_view url);  // a path on our server, as a full URL
void set_cursor(int imgui_cursor);            // the canvas's CSS cursor for an ImGuiMouseCursor
// The page's own text fields, over the canvas where a view reserved room for one (the
// composer): the browser's text engine edits and draws what is typed, pasted or composed (IME),
// every script and emoji as sent posts show it. Placed each frame, in device pixels; a field not
// placed in a frame is hidden at its end.
enum class Field { composer = 0, edit = 1, name = 2, channel = 3, search = 4 };
constexpr int field_count = 5;
void place_field(Field field, float x, float y, float w, float h, float scale);
void set_field_text(Field field, std::string_view text);
void focus_field(Field field);
void end_fields_frame();
void pick_file();                             // only works inside a click handler
void cancel_upload();
void load_thumbnail(std::string_view url, int max_px);
double device_pixel_ratio();
double now_ms();                              // performance.now()
std::string random_id();                      // 96 bits from crypto.getRandomValues, as hex

// What the page tells the application.
class Listener {
public:
    virtual ~Listener() = default;
    virtual void on_text(std::string_view text) = 0;
    virtual void on_wheel(double dx, double dy) = 0;  // steps, positive is up/left
    virtual bool on_shortcut(int which) = 0;          // 1: Ctrl+K, search; true when it opened
    virtual void on_field_input(Field field, std::string_view text) = 0;
    enum class FieldKey { enter = 1, escape = 2, up_when_empty = 3 };
    virtual void on_field_key(Field field, FieldKey key) = 0;
    virtual void on_field_focus(Field field, bool focused) = 0;
    virtual bool on_file_chosen(std::string_view name, double size) = 0;
    virtual void on_upload_progress(double sent) = 0;
    virtual void on_upload_done(int status, std::string_view body) = 0;  // status -1: cancelled, 0: failed
    virtual void on_thumbnail(std::string_view url, int width, int height, const unsigned char* rgba) = 0;
    virtual std::string state_json() = 0;
    virtual std::string widgets_json() = 0;
    virtual std::string glyphs_json() = 0;
    virtual void on_fonts_loaded() = 0;  // a web font arrived: text is measured and drawn again
    virtual std::string selected_text() = 0;  // what Ctrl+C copies when no field has the focus
    virtual int frame_count() = 0;
    // The longest time spent drawing one frame, and handling one incoming frame, in ms, since
    // the last call with `reset` (the page's own timing, for bench/client.mjs).
    virtual double longest_frame_ms(bool reset) = 0;
    virtual double longest_message_ms(bool reset) = 0;
};
void set_listener(Listener* listener);

}  // namespace chitchat::browser
