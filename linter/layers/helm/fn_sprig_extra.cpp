// The rest of Sprig's and Go's map: abbrevboth, add1f, hello, call, and
// urlParse/urlJoin (Go's net/url Parse and URL.String).
#include "exec.hpp"
#include "text_util.hpp"

#include <cstring>

namespace wincompat::helm {

namespace {

enum class UrlMode { Path, Host, UserPassword, Query, Fragment };

bool url_should_escape(unsigned char c, UrlMode mode) {
  if (std::isalnum(c)) {
    return false;
  }
  if (mode == UrlMode::Host && std::strchr("!$&'()*+,;=:[]<>\"", c)) {
    return false;
  }
  if (c == '-' || c == '_' || c == '.' || c == '~') {
    return false;
  }
  if (c && std::strchr("$&+,/:;=?@", c)) {
    switch (mode) {
    case UrlMode::Path:
      return c == '?';
    case UrlMode::UserPassword:
      return c == '@' || c == '/' || c == '?' || c == ':';
    case UrlMode::Query:
      return true;
    case UrlMode::Fragment:
      return false;
    case UrlMode::Host:
      break;
    }
  }
  if (mode == UrlMode::Fragment && (c == '!' || c == '(' || c == ')' || c == '*')) {
    return false;
  }
  return true;
}

std::string url_escape(const std::string &s, UrlMode mode) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (url_should_escape(c, mode)) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string url_quote(const std::string &s) {
  return go_sprintf("%q", {Value::string(s)}).str;
}

/// Go's unescape; throws the bare error text.
std::string url_unescape(const std::string &s, UrlMode mode) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size() + 0 || hex_digit_value(s[i + 1]) < 0 || hex_digit_value(s[i + 2]) < 0) {
        std::string bad = s.substr(i, 3);
        throw std::runtime_error("invalid URL escape " + url_quote(bad));
      }
      if (mode == UrlMode::Host && hex_digit_value(s[i + 1]) < 8 && s.compare(i, 3, "%25") != 0) {
        throw std::runtime_error("invalid URL escape " + url_quote(s.substr(i, 3)));
      }
      out += static_cast<char>(hex_digit_value(s[i + 1]) * 16 + hex_digit_value(s[i + 2]));
      i += 2;
      continue;
    }
    if (mode == UrlMode::Host && static_cast<unsigned char>(c) < 0x80 &&
        url_should_escape(static_cast<unsigned char>(c), mode)) {
      throw std::runtime_error("invalid character " + url_quote(std::string(1, c)) + " in host name");
    }
    out += (c == '+' && mode == UrlMode::Query) ? ' ' : c;
  }
  return out;
}

bool url_valid_optional_port(const std::string &port) {
  if (port.empty()) {
    return true;
  }
  return port[0] == ':' && port.find_first_not_of("0123456789", 1) == std::string::npos;
}

struct UrlParts {
  std::string scheme, opaque, host, path, query, fragment;
  bool has_user = false;
  bool has_password = false;
  std::string user, password;

  std::string userinfo() const {
    if (!has_user) {
      return "";
    }
    std::string s = url_escape(user, UrlMode::UserPassword);
    if (has_password) {
      s += ":" + url_escape(password, UrlMode::UserPassword);
    }
    return s;
  }
  std::string hostname() const {
    std::string h = host;
    const size_t colon = h.rfind(':');
    if (colon != std::string::npos && url_valid_optional_port(h.substr(colon))) {
      h = h.substr(0, colon);
    }
    if (h.size() >= 2 && h.front() == '[' && h.back() == ']') {
      h = h.substr(1, h.size() - 2);
    }
    return h;
  }
  std::string str() const {
    std::string out;
    if (!scheme.empty()) {
      out += scheme + ":";
    }
    if (!opaque.empty()) {
      out += opaque;
    } else {
      if (!scheme.empty() || !host.empty() || has_user) {
        if (!host.empty() || !path.empty() || has_user) {
          out += "//";
        }
        if (has_user) {
          out += userinfo() + "@";
        }
        out += url_escape(host, UrlMode::Host);
      }
      const std::string p = path == "*" ? path : url_escape(path, UrlMode::Path);
      if (!p.empty() && p[0] != '/' && !host.empty()) {
        out += '/';
      }
      if (out.empty()) {
        const std::string segment = p.substr(0, p.find('/'));
        if (segment.find(':') != std::string::npos) {
          out += "./";
        }
      }
      out += p;
    }
    if (!query.empty()) {
      out += "?" + query;
    }
    if (!fragment.empty()) {
      out += "#" + url_escape(fragment, UrlMode::Fragment);
    }
    return out;
  }
};

void url_parse_authority(const std::string &authority, UrlParts &u) {
  const size_t at = authority.rfind('@');
  std::string host = at == std::string::npos ? authority : authority.substr(at + 1);
  if (!host.empty() && host[0] == '[') {
    const size_t close = host.rfind(']');
    if (close == std::string::npos) {
      throw std::runtime_error("missing ']' in host");
    }
    const std::string port = host.substr(close + 1);
    if (!url_valid_optional_port(port)) {
      throw std::runtime_error("invalid port " + url_quote(port) + " after host");
    }
  } else if (const size_t colon = host.rfind(':'); colon != std::string::npos) {
    const std::string port = host.substr(colon);
    if (!url_valid_optional_port(port)) {
      throw std::runtime_error("invalid port " + url_quote(port) + " after host");
    }
  }
  u.host = url_unescape(host, UrlMode::Host);
  if (at == std::string::npos) {
    return;
  }
  const std::string userinfo = authority.substr(0, at);
  for (unsigned char c : userinfo) {
    if (!std::isalnum(c) && !std::strchr("-._:~!$&'()*+,;=%@", c)) {
      throw std::runtime_error("net/url: invalid userinfo");
    }
  }
  u.has_user = true;
  const size_t colon = userinfo.find(':');
  u.user = url_unescape(userinfo.substr(0, colon), UrlMode::UserPassword);
  if (colon != std::string::npos) {
    u.has_password = true;
    u.password = url_unescape(userinfo.substr(colon + 1), UrlMode::UserPassword);
  }
}

/// Go's url.Parse; throws the error as url.Error prints it.
UrlParts url_parse(const std::string &raw) {
  UrlParts u;
  try {
    const size_t hash = raw.find('#');
    std::string rest = raw.substr(0, hash);
    for (unsigned char c : rest) {
      if (c < 0x20 || c == 0x7f) {
        throw std::runtime_error("net/url: invalid control character in URL");
      }
    }
    if (rest == "*") {
      u.path = "*";
    } else {
      // The scheme: a letter, then letters, digits, + - . up to ':'.
      for (size_t i = 0; i < rest.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(rest[i]);
        if (std::isalpha(c)) {
          continue;
        }
        if (std::isdigit(c) || c == '+' || c == '-' || c == '.') {
          if (i == 0) {
            break;
          }
          continue;
        }
        if (c == ':') {
          if (i == 0) {
            throw std::runtime_error("missing protocol scheme");
          }
          u.scheme = rest.substr(0, i);
          for (char &ch : u.scheme) {
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          }
          rest = rest.substr(i + 1);
        }
        break;
      }
      const size_t question = rest.find('?');
      if (question != std::string::npos) {
        u.query = rest.substr(question + 1);
        rest = rest.substr(0, question);
      }
      if (rest.empty() || rest[0] != '/') {
        if (!u.scheme.empty()) {
          u.opaque = rest;
          if (hash != std::string::npos) {
            u.fragment = url_unescape(raw.substr(hash + 1), UrlMode::Fragment);
          }
          return u;
        }
        if (rest.substr(0, rest.find('/')).find(':') != std::string::npos) {
          throw std::runtime_error("first path segment in URL cannot contain colon");
        }
      }
      if ((!u.scheme.empty() || rest.compare(0, 3, "///") != 0) && rest.compare(0, 2, "//") == 0) {
        const size_t slash = rest.find('/', 2);
        url_parse_authority(rest.substr(2, slash == std::string::npos ? std::string::npos : slash - 2), u);
        rest = slash == std::string::npos ? "" : rest.substr(slash);
      }
      u.path = url_unescape(rest, UrlMode::Path);
    }
    if (hash != std::string::npos) {
      u.fragment = url_unescape(raw.substr(hash + 1), UrlMode::Fragment);
    }
  } catch (const std::runtime_error &e) {
    throw std::runtime_error("parse " + url_quote(raw) + ": " + e.what());
  }
  return u;
}

/// Sprig's dictGetOrEmpty.
std::string url_dict_string(const Map &d, const std::string &key) {
  const auto it = d.find(key);
  if (it == d.end()) {
    return "";
  }
  if (it->second.is_nil()) {
    throw FunctionError("runtime error: invalid memory address or nil pointer dereference");
  }
  if (!it->second.is_string()) {
    throw FunctionError("unable to parse " + key + " key, must be of type string, but " +
                        kind_name(it->second) + " found");
  }
  return it->second.str();
}

/// goutils.AbbreviateFull as Sprig's abbrevboth calls it.
std::string abbrev_full(const std::string &s, int64_t offset, int64_t width) {
  const int64_t n = static_cast<int64_t>(s.size());
  if (s.empty() || n <= width) {
    return s;
  }
  offset = std::min(offset, n);
  if (n - offset < width - 3) {
    offset = n - (width - 3);
  }
  if (offset <= 4) {
    return s.substr(0, static_cast<size_t>(width - 3)) + "...";
  }
  if (offset + width - 3 < n) {
    return "..." + abbrev_full(s.substr(static_cast<size_t>(offset)), 0, width - 3);
  }
  return "..." + s.substr(static_cast<size_t>(n - (width - 3)));
}

} // namespace

void register_sprig_extra_functions(FunctionTable &t) {
  t.add("hello", [](Call &, std::vector<Value> &a) {
    want_args(a, 0, "hello");
    return Value::string("Hello!");
  });
  t.add("abbrevboth", [](Call &, std::vector<Value> &a) {
    want_args(a, 3, "abbrevboth");
    const int64_t left = want_int(a[0]);
    const int64_t right = want_int(a[1]);
    const std::string &s = want_string(a[2]);
    if (right < 4 || (left > 0 && right < 7)) {
      return a[2];
    }
    // AbbreviateFull's own error (width below 7 with an offset) gives "".
    if (!s.empty() && static_cast<int64_t>(s.size()) > right) {
      int64_t offset = std::min(left, static_cast<int64_t>(s.size()));
      if (static_cast<int64_t>(s.size()) - offset < right - 3) {
        offset = static_cast<int64_t>(s.size()) - (right - 3);
      }
      if (offset > 4 && right < 7) {
        return Value::string("");
      }
    }
    return Value::string(abbrev_full(s, left, right));
  });
  t.add("add1f", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "add1f");
    return Value::floating(cast_float64(a[0]) + 1);
  });
  // text/template's call: no value in a chart is a function.
  t.add("call", [](Call &, std::vector<Value> &a) -> Value {
    want_at_least(a, 1, "call");
    if (a[0].is_nil()) {
      throw FunctionError("call of nil");
    }
    throw FunctionError("non-function of type " + type_name(a[0]));
  });
  t.add("urlParse", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "urlParse");
    UrlParts u;
    try {
      u = url_parse(want_string(a[0]));
    } catch (const FunctionError &) {
      throw;
    } catch (const std::runtime_error &e) {
      throw FunctionError(std::string("unable to parse url: ") + e.what());
    }
    Map m;
    m["scheme"] = Value::string(u.scheme);
    m["host"] = Value::string(u.host);
    m["hostname"] = Value::string(u.hostname());
    m["path"] = Value::string(u.path);
    m["query"] = Value::string(u.query);
    m["opaque"] = Value::string(u.opaque);
    m["fragment"] = Value::string(u.fragment);
    m["userinfo"] = Value::string(u.userinfo());
    return Value::new_map(std::move(m));
  });
  t.add("urlJoin", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "urlJoin");
    if (a[0].kind != Value::Kind::Map) {
      throw FunctionError(std::string(a[0].is_nil() ? "invalid value" : "wrong type for value") +
                              "; expected map[string]interface {}" +
                              (a[0].is_nil() ? "" : "; got " + type_name(a[0])),
                          true);
    }
    const Map &d = *a[0].map;
    UrlParts u;
    u.scheme = url_dict_string(d, "scheme");
    u.host = url_dict_string(d, "host");
    u.path = url_dict_string(d, "path");
    u.query = url_dict_string(d, "query");
    u.opaque = url_dict_string(d, "opaque");
    u.fragment = url_dict_string(d, "fragment");
    const std::string userinfo = url_dict_string(d, "userinfo");
    if (!userinfo.empty()) {
      try {
        const UrlParts user = url_parse("proto://" + userinfo + "@host");
        u.has_user = user.has_user;
        u.has_password = user.has_password;
        u.user = user.user;
        u.password = user.password;
      } catch (const std::runtime_error &e) {
        throw FunctionError(std::string("unable to parse userinfo in dict: ") + e.what());
      }
    }
    return Value::string(u.str());
  });
}

} // namespace wincompat::helm
