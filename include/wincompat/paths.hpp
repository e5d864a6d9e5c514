// How paths are shown: in messages and as file:// URIs.
#pragma once

#include <string>

namespace wincompat {

std::string file_uri(const std::string &path);
/// `path` relative to the working directory when it lies below it (for messages).
std::string display_path(const std::string &path);

} // namespace wincompat
