// window.chitchat for tests and scripts: the client's model and its widgets, as JSON.
#pragma once
#include <string>

#include "chitchat/client/client_state.hpp"
#include "ui/ui.hpp"

namespace chitchat::client {

std::string state_json(const ClientState& state);
// Rectangles in CSS pixels: {"name": {"x", "y", "w", "h"}}.
std::string widgets_json(const ui::Widgets& widgets, float scale);

}  // namespace chitchat::client
