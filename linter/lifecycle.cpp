#include "wincompat/lifecycle.hpp"

#include "data_json.hpp"
#include "dates.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace wincompat {
namespace data {
extern const std::string_view k_lifecycle_json;
}

const PlatformRetirement *Platform::find(const Release &release) const {
  for (const PlatformRetirement &entry : windows) {
    if (entry.release == &release) {
      return &entry;
    }
  }
  return nullptr;
}

PlatformLifecycle PlatformLifecycle::parse(std::string_view yaml_text, const ReleaseCatalog &releases) {
  return from_json(yaml_text_to_json(yaml_text).dump(), releases);
}

PlatformLifecycle PlatformLifecycle::from_json(std::string_view json_text, const ReleaseCatalog &releases) {
  const DataJson root = DataJson::parse(json_text);
  PlatformLifecycle table;
  for (const DataJson &node : data_list(root, "platforms")) {
    Platform platform;
    data_read(node, {data_field("id", platform.id), data_field("name", platform.name),
                     data_field("labels", platform.labels)});
    if (platform.id.empty() || platform.name.empty()) {
      throw std::runtime_error("platform lifecycle: a platform needs an id and a name");
    }
    for (const DataJson &item : data_list(node, "windows")) {
      PlatformRetirement entry;
      std::string release;
      bool microsoft = false;
      data_read(item, {data_field("release", release), data_field("retires", entry.retires),
                       data_field("microsoft", microsoft), data_field("source", entry.source),
                       data_field("read", entry.read), data_field("note", entry.note)});
      const std::string where = "platform lifecycle: " + platform.id + " " + release;
      entry.release = releases.find_name(release);
      if (!entry.release) {
        throw std::runtime_error(where + ": unknown release");
      }
      if (microsoft) {
        if (!entry.retires.empty()) {
          throw std::runtime_error(where + ": both `retires` and `microsoft`");
        }
        entry.follows_microsoft = true;
        entry.retires = entry.release->end_of_servicing;
      }
      if (!entry.retires.empty() && !valid_date(entry.retires)) {
        throw std::runtime_error(where + ": `retires` is not a YYYY-MM-DD date");
      }
      if (!entry.source.starts_with("https://") || !valid_date(entry.read)) {
        throw std::runtime_error(where + ": needs a source (https://...) and the day it was read");
      }
      if (platform.find(*entry.release)) {
        throw std::runtime_error(where + ": listed twice");
      }
      platform.windows.push_back(std::move(entry));
    }
    if (table.find(platform.id)) {
      throw std::runtime_error("platform lifecycle: platform " + platform.id + " listed twice");
    }
    table.platforms_.push_back(std::move(platform));
  }
  return table;
}

const PlatformLifecycle &PlatformLifecycle::builtin() {
  static const PlatformLifecycle table = from_json(data::k_lifecycle_json, ReleaseCatalog::builtin());
  return table;
}

const Platform *PlatformLifecycle::find(std::string_view id) const {
  for (const Platform &platform : platforms_) {
    if (iequals(platform.id, id)) {
      return &platform;
    }
  }
  return nullptr;
}

const Platform *PlatformLifecycle::identify(const std::map<std::string, std::string> &labels) const {
  const Platform *found = nullptr;
  for (const Platform &platform : platforms_) {
    const bool labelled = std::any_of(labels.begin(), labels.end(), [&](const auto &label) {
      return std::any_of(platform.labels.begin(), platform.labels.end(),
                         [&](const std::string &prefix) { return label.first.starts_with(prefix); });
    });
    if (!labelled) {
      continue;
    }
    if (found) {
      return nullptr; // labels of two platforms: not certain which
    }
    found = &platform;
  }
  return found;
}

long days_between(const std::string &from, const std::string &to) {
  const auto day = [](const std::string &text) {
    const std::chrono::year_month_day date{
        std::chrono::year(std::stoi(text.substr(0, 4))),
        std::chrono::month(static_cast<unsigned>(std::stoi(text.substr(5, 2)))),
        std::chrono::day(static_cast<unsigned>(std::stoi(text.substr(8, 2))))};
    return std::chrono::sys_days(date);
  };
  return static_cast<long>((day(to) - day(from)).count());
}

} // namespace wincompat
