#include "wincompat/image_ref.hpp"

#include "text_util.hpp"

#include <cctype>
#include <utility>

namespace wincompat {

namespace {

bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool is_tag_char(char c) {
  return is_lower_alnum(c) || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' || c == '-';
}

/// A path component: lower-case alphanumerics separated by one of `.`, `_`,
/// `__` or a run of `-` (the distribution reference grammar).
bool valid_path_component(std::string_view part) {
  if (part.empty() || !is_lower_alnum(part.front()) || !is_lower_alnum(part.back())) {
    return false;
  }
  for (size_t i = 0; i < part.size();) {
    if (is_lower_alnum(part[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < part.size() && !is_lower_alnum(part[j])) {
      ++j;
    }
    const std::string_view separator = part.substr(i, j - i);
    const bool dashes = separator.find_first_not_of('-') == std::string_view::npos;
    if (separator != "." && separator != "_" && separator != "__" && !dashes) {
      return false;
    }
    i = j;
  }
  return true;
}

/// host[:port] where the port, if any, is numeric.
bool valid_domain(std::string_view domain) {
  const size_t colon = domain.rfind(':');
  const std::string_view host = domain.substr(0, colon);
  if (host.empty()) {
    return false;
  }
  if (colon != std::string_view::npos) {
    const std::string_view port = domain.substr(colon + 1);
    if (port.empty() || port.find_first_not_of("0123456789") != std::string_view::npos) {
      return false;
    }
  }
  // '_' is not in the grammar, but pipeline placeholders (__acr__.azurecr.io) use it.
  return std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' || c == '[' ||
           c == ']';
  });
}

bool looks_like_domain(std::string_view part) {
  return part.find('.') != std::string_view::npos || part.find(':') != std::string_view::npos ||
         part == "localhost" ||
         std::any_of(part.begin(), part.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool fail(ImageRefError *error, std::string message) {
  if (error) {
    error->message = std::move(message);
  }
  return false;
}

bool parse_digest(std::string_view digest, ImageRefError *error) {
  const size_t colon = digest.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 >= digest.size()) {
    return fail(error, "digest must look like sha256:<hex>");
  }
  const std::string_view hex = digest.substr(colon + 1);
  const bool hex_ok = std::all_of(hex.begin(), hex.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
  if (!hex_ok || hex.size() < 32) {
    return fail(error, "digest '" + excerpt(digest) + "' is not a valid hex digest");
  }
  return true;
}

} // namespace

std::string ImageRef::name() const {
  return registry + "/" + repository;
}

std::string ImageRef::familiar_name() const {
  if (registry != "docker.io") {
    return name();
  }
  if (repository.starts_with("library/")) {
    return repository.substr(8);
  }
  return repository;
}

std::optional<ImageRef> parse_image_ref(std::string_view text, ImageRefError *error) {
  ImageRef ref;
  ref.original = std::string(text);
  if (text.empty()) {
    fail(error, "empty image reference");
    return std::nullopt;
  }
  std::string_view rest = text;
  if (const size_t at = rest.find('@'); at != std::string_view::npos) {
    ref.digest = std::string(rest.substr(at + 1));
    if (!parse_digest(ref.digest, error)) {
      return std::nullopt;
    }
    rest = rest.substr(0, at);
  }
  const size_t last_slash = rest.rfind('/');
  const size_t last_colon = rest.rfind(':');
  if (last_colon != std::string_view::npos &&
      (last_slash == std::string_view::npos || last_colon > last_slash)) {
    const std::string_view tag = rest.substr(last_colon + 1);
    if (tag.empty() || tag.size() > 128 || !is_tag_char(tag.front()) || tag.front() == '.' ||
        tag.front() == '-' || !std::all_of(tag.begin(), tag.end(), is_tag_char)) {
      fail(error, "tag '" + excerpt(tag) + "' is not a valid tag");
      return std::nullopt;
    }
    ref.tag = std::string(tag);
    ref.tag_begin = last_colon + 1;
    ref.tag_end = rest.size();
    rest = rest.substr(0, last_colon);
  }
  ref.name_end = rest.size();
  if (rest.empty()) {
    fail(error, "image reference has no repository name");
    return std::nullopt;
  }
  std::vector<std::string> parts = split(rest, '/');
  if (parts.size() > 1 && looks_like_domain(parts.front())) {
    if (!valid_domain(parts.front())) {
      fail(error, "'" + excerpt(parts.front()) + "' is not a valid registry host[:port]");
      return std::nullopt;
    }
    ref.registry = to_lower(parts.front());
    parts.erase(parts.begin());
  } else {
    ref.registry = "docker.io";
  }
  if (ref.registry == "index.docker.io" || ref.registry == "registry-1.docker.io") {
    ref.registry = "docker.io";
  }
  for (const auto &part : parts) {
    if (!valid_path_component(part)) {
      const bool upper = std::any_of(part.begin(), part.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
      fail(error, upper ? "repository name '" + excerpt(rest) + "' must be lower-case"
                        : "'" + excerpt(rest) + "' is not a valid repository name");
      return std::nullopt;
    }
  }
  ref.repository = join(parts, "/");
  if (ref.registry == "docker.io" && parts.size() == 1) {
    ref.repository = "library/" + ref.repository;
  }
  return ref;
}

namespace {

/// The placeholder starting at `at`, or empty: `open` ... `close`, with at
/// least one character between.
std::string_view delimited(std::string_view text, size_t at, std::string_view open, std::string_view close) {
  if (text.substr(at, open.size()) != open) {
    return {};
  }
  const size_t end = text.find(close, at + open.size() + 1);
  return end == std::string_view::npos ? std::string_view{} : text.substr(at, end + close.size() - at);
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

/// `__NAME__`: a word that starts and ends with two underscores.
std::string_view underscore_token(std::string_view text, size_t at) {
  if (text.substr(at, 2) != "__" || (at > 0 && is_name_char(text[at - 1]))) {
    return {};
  }
  size_t end = at + 2;
  while (end < text.size() && (is_name_char(text[end]) || text[end] == '-' || text[end] == '.')) {
    ++end;
  }
  // The word must end in "__" and hold something else.
  while (end > at + 4 && text.substr(end - 2, 2) != "__") {
    --end;
  }
  return end > at + 4 && text.substr(end - 2, 2) == "__" ? text.substr(at, end - at) : std::string_view{};
}

} // namespace

std::string image_placeholder(std::string_view text) {
  for (size_t at = 0; at < text.size(); ++at) {
    for (const auto &[open, close] : {std::pair<std::string_view, std::string_view>{"${", "}"},
                                      {"$(", ")"},
                                      {"#{", "}"},
                                      {"{{", "}}"},
                                      {"<", ">"}}) {
      if (const std::string_view found = delimited(text, at, open, close); !found.empty()) {
        const bool token_end =
            open == "#{" && at + found.size() < text.size() && text[at + found.size()] == '#';
        return std::string(token_end ? text.substr(at, found.size() + 1) : found);
      }
    }
    if (text[at] == '$' && at + 1 < text.size() &&
        (std::isalpha(static_cast<unsigned char>(text[at + 1])) || text[at + 1] == '_')) {
      size_t end = at + 1;
      while (end < text.size() && is_name_char(text[end])) {
        ++end;
      }
      return std::string(text.substr(at, end - at));
    }
    if (const std::string_view token = underscore_token(text, at); !token.empty()) {
      return std::string(token);
    }
  }
  return {};
}

} // namespace wincompat
