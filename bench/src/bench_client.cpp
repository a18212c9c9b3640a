#include "bench_client.hpp"

#include "chitchat/protocol.hpp"

namespace bench {

std::string_view frame_type(std::string_view frame) {
    constexpr std::string_view key = "\"type\":\"";
    const auto at = frame.find(key);
    if (at == std::string_view::npos) return {};
    const auto start = at + key.size();
    return frame.substr(start, frame.find('"', start) - start);
}

BenchClient::BenchClient(net::io_context& ioc, net::ip::tcp::endpoint server, int index, Plan plan, Hooks& hooks)
    : ioc_(ioc), server_(server), deadline_(ioc), index_(index), plan_(std::move(plan)), hooks_(hooks) {}

void BenchClient::start() {
    deadline_.expires_after(std::chrono::seconds(30));
    deadline_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (!ec && self->stage_ != Stage::ready) self->fail("set-up took over 30 s");
    });
    test::WsConnection::Options options;
    options.mask_seed = static_cast<std::uint32_t>(index_ + 1);
    options.path = plan_.path;
    test::WsConnection::Handlers h;
    std::weak_ptr<BenchClient> weak = weak_from_this();  // the connection must not keep its user alive
    h.message = [weak](std::string_view frame) {
        if (const auto self = weak.lock()) self->on_frame(frame);
    };
    h.refused = [weak](unsigned status) {
        if (const auto self = weak.lock()) self->fail("handshake: HTTP " + std::to_string(status));
    };
    h.ended = [weak](const test::WsConnection::Ended& e) {
        if (const auto self = weak.lock(); self && !self->closed_)
            self->fail(e.why.empty() ? "closed by the server" : e.why);
    };
    connection_ = std::make_shared<test::WsConnection>(ioc_, server_, std::move(options), std::move(h));
    connection_->start();
}

void BenchClient::on_frame(std::string_view frame) {
    using namespace chitchat::proto;
    switch (stage_) {
    case Stage::welcome:
        if (frame_type(frame) != "welcome") break;
        if (plan_.name.empty()) {
            stage_ = Stage::ready;
            deadline_.cancel();
            if (hooks_.ready) hooks_.ready(*this);
            break;
        }
        stage_ = Stage::session;
        send(encode(ClientMessage{SetName{plan_.name}}));
        break;
    case Stage::session:
        if (frame_type(frame) == "error") return fail(std::string(frame));
        if (frame_type(frame) != "session") break;
        stage_ = Stage::joined;
        send(plan_.create ? encode(ClientMessage{CreateChannel{plan_.channel}})
                          : encode(ClientMessage{Join{plan_.channel, std::nullopt}}));
        break;
    case Stage::joined:
        if (frame_type(frame) == "error") return fail(std::string(frame));
        if (frame_type(frame) != "joined") break;
        stage_ = Stage::ready;
        deadline_.cancel();
        if (hooks_.ready) hooks_.ready(*this);
        break;
    case Stage::ready:
        if (hooks_.frame) hooks_.frame(*this, frame);
        break;
    }
}

void BenchClient::send(std::string_view text) { connection_->send_text(text); }

void BenchClient::close() {
    closed_ = true;
    deadline_.cancel();
    if (connection_) connection_->drop();
}

void BenchClient::fail(const std::string& what) {
    if (closed_) return;
    deadline_.cancel();
    if (hooks_.failed) hooks_.failed(*this, what);
}

}  // namespace bench
