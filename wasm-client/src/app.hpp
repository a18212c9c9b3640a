// The application: the model, the connection and the views, tied together by events. Every
// event (input, a frame from the server, a resize) asks for a few frames; with nothing going on
// no frame is drawn at all.
#pragma once
#include <GLFW/glfw3.h>
#include <emscripten/html5.h>

#include "browser.hpp"
#include "chitchat/client/client_state.hpp"
#include "connection.hpp"
#include "key_latch.hpp"
#include "text_atlas.hpp"
#include "thumbnails.hpp"
#include "ui/rich_text.hpp"
#include "ui/ui.hpp"

namespace chitchat::client {

class App final : public Connection::Events, public browser::Listener {
public:
    explicit App(GLFWwindow* window);
    void start();
    void request_frames(int count = 3);
    void resize();
    void on_key(int key, int action);  // GLFW's key callback

    // Connection::Events
    void on_open() override;
    void on_frame(std::string_view text) override;
    void on_lost() override;

    // browser::Listener
    void on_text(std::string_view text) override;
    void on_wheel(double dx, double dy) override;
    bool on_shortcut(int which) override;
    void on_field_input(browser::Field field, std::string_view text) override;
    void on_field_key(browser::Field field, FieldKey key) override;
    void on_field_focus(browser::Field field, bool focused) override;
    bool on_file_chosen(std::string_view name, double size) override;
    void on_upload_progress(double sent) override;
    void on_upload_done(int status, std::string_view body) override;
    void on_thumbnail(std::string_view url, int width, int height, const unsigned char* rgba) override;
    std::string state_json() override;
    std::string widgets_json() override;
    std::string glyphs_json() override { return atlas_.json(); }
    void on_fonts_loaded() override {
        atlas_.forget();
        text_.forget();
        request_frames();
    }
    std::string selected_text() override { return ui::selected_text(state_, ui_); }
    int frame_count() override { return frames_drawn_; }
    double longest_frame_ms(bool reset) override { return take(longest_frame_ms_, reset); }
    double longest_message_ms(bool reset) override { return take(longest_message_ms_, reset); }

private:
    static EM_BOOL on_animation_frame(double time, void* self);
    static void on_heartbeat(void* self);
    void frame();
    void handle_frame(std::string_view text);
    void send_outgoing();
    void save_if_changed();
    void load_fonts();

    GLFWwindow* window_;
    ClientState state_;
    Connection connection_;
    GlThumbnails thumbnails_;
    TextAtlas atlas_;
    ui::Text text_{atlas_};
    int cursor_ = -1;  // the CSS cursor set last
    ui::UiState ui_;
    ui::Widgets widgets_;
    float scale_ = 0;
    KeyLatch keys_;
    int frames_wanted_ = 0;
    bool loop_running_ = false;
    int frames_drawn_ = 0;
    double longest_frame_ms_ = 0;
    double longest_message_ms_ = 0;
    static double take(double& value, bool reset) {
        const double v = value;
        if (reset) value = 0;
        return v;
    }
    bool text_input_active_ = false;
    std::uint64_t saved_version_ = 0;
    double last_resend_ms_ = 0;
};

}  // namespace chitchat::client
