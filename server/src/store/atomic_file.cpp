#include "store/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace chitchat::server {

void write_file_atomically(const std::filesystem::path& path, std::string_view text) {
    const std::filesystem::path tmp = path.string() + ".tmp";
    const auto fail = [](const std::string& what) { return std::system_error(errno, std::generic_category(), what); };
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw fail("open " + tmp.string());
    while (!text.empty()) {
        const ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const auto error = fail("write " + tmp.string());
            ::close(fd);
            throw error;
        }
        text.remove_prefix(static_cast<std::size_t>(n));
    }
    ::close(fd);
    if (::rename(tmp.c_str(), path.c_str()) != 0) throw fail("rename " + path.string());
}

}  // namespace chitchat::server
