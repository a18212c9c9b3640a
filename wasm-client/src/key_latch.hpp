// Dear ImGui 1.86 looks at io.KeysDown once per frame, so a key pressed and released between two
// frames (a quick tap while the page is busy) would never be seen: Enter would not send. The
// latch remembers such a tap and holds the key down for exactly one frame.
#pragma once
#include <imgui.h>

#include <algorithm>
#include <vector>

namespace chitchat::client {

class KeyLatch {
public:
    // Every key event, before or after ImGui's own callback has set io.KeysDown.
    void on_key(int key, bool pressed) {
        if (key < 0 || key >= static_cast<int>(IM_ARRAYSIZE(ImGuiIO{}.KeysDown))) return;
        if (pressed) {
            pressed_.push_back(key);
            std::erase(tapped_, key);  // down again: ImGui holds it itself
        } else if (std::find(pressed_.begin(), pressed_.end(), key) != pressed_.end()) {
            tapped_.push_back(key);
        }
    }

    // Before ImGui::NewFrame: a key tapped since the last frame is down for this one.
    void begin_frame(ImGuiIO& io) {
        pressed_.clear();
        for (int key : tapped_) io.KeysDown[key] = true;
    }

    // After the frame: and up again for the next.
    void end_frame(ImGuiIO& io) {
        for (int key : tapped_) io.KeysDown[key] = false;
        tapped_.clear();
    }

private:
    std::vector<int> pressed_;  // pressed since the last frame began
    std::vector<int> tapped_;   // of those, released again before a frame saw them
};

}  // namespace chitchat::client
