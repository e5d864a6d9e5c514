// Encodings and digests (toYaml, toJson, b64, sha256sum) and deterministic
// random values (dates: fn_dates.cpp).
#include "crypto_prims.hpp"
#include "exec.hpp"
#include "sha256.hpp"
#include "yaml_emit.hpp"

#include <array>
#include <cstdio>
#include <cstring>

namespace wincompat::helm {

namespace {

const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string b64encode(const std::string &in) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t n = (static_cast<unsigned char>(in[i]) << 16) |
                       (static_cast<unsigned char>(in[i + 1]) << 8) | static_cast<unsigned char>(in[i + 2]);
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    out += kB64[(n >> 6) & 63];
    out += kB64[n & 63];
  }
  if (i + 1 == in.size()) {
    const uint32_t n = static_cast<unsigned char>(in[i]) << 16;
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    const uint32_t n =
        (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    out += kB64[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string deterministic_hex(Engine &engine) {
  return sha256_hex("wincompat-random-" + std::to_string(engine.random_counter++));
}

Value error_map(const std::string &error) {
  Map m;
  m["Error"] = Value::string(error);
  return Value::new_map(std::move(m));
}

using Parser = bool (*)(const std::string &, Value &, std::string &);

/// fromYaml and fromJson: what `parse` reads from `text`, as `check` makes
/// it a map; the error as a map when it cannot be parsed.
template <typename Check> Value parsed_map(Parser parse, const std::string &text, Check check) {
  Value out;
  std::string error;
  return parse(text, out, error) ? check(std::move(out)) : error_map(error);
}

/// fromYamlArray and fromJsonArray: the list `parse` reads from `text`, or
/// a list of the error.
Value parsed_list(Parser parse, const std::string &text) {
  Value out;
  std::string error;
  const bool parsed = parse(text, out, error);
  if (parsed && out.is_nil()) {
    return Value::new_list(); // "" or null: Go's Unmarshal leaves the slice empty
  }
  if (!parsed || out.kind != Value::Kind::List) {
    return Value::new_list({Value::string(error.empty() ? "not an array" : error)});
  }
  return out;
}

} // namespace

std::string base64_encode(const std::string &data) {
  return b64encode(data);
}

void register_encoding_functions(FunctionTable &t) {
  t.add("toYaml", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "toYaml");
    return Value::string(to_yaml(a[0]));
  });
  t.add("mustToYaml", t.functions["toYaml"]);
  t.add("toJson", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "toJson");
    return Value::string(to_json(a[0], true, false));
  });
  t.add("mustToJson", t.functions["toJson"]);
  t.add("toRawJson", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "toRawJson");
    return Value::string(to_json(a[0], false, false));
  });
  t.add("toPrettyJson", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "toPrettyJson");
    return Value::string(to_json(a[0], true, true));
  });
  t.add("fromYaml", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "fromYaml");
    return parsed_map(parse_yaml, want_string(a[0]), [](Value out) {
      if (out.is_nil()) {
        return Value::new_map();
      }
      if (out.kind != Value::Kind::Map) {
        return error_map("error unmarshaling JSON: json: cannot unmarshal " +
                         std::string(out.kind == Value::Kind::List ? "array" : "string") +
                         " into Go value of type map[string]interface {}");
      }
      return out;
    });
  });
  t.add("fromYamlArray", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "fromYamlArray");
    return parsed_list(parse_yaml, want_string(a[0]));
  });
  t.add("fromJson", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "fromJson");
    return parsed_map(parse_json, want_string(a[0]), [](Value out) {
      return out.kind == Value::Kind::Map ? out : error_map("json: cannot unmarshal into map");
    });
  });
  t.add("fromJsonArray", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "fromJsonArray");
    return parsed_list(parse_json, want_string(a[0]));
  });
  t.add("b64enc", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "b64enc");
    return Value::string(b64encode(want_string(a[0])));
  });
  t.add("b64dec", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "b64dec");
    std::string out;
    size_t bad = 0;
    if (!crypto::base64_decode(want_string(a[0]), out, bad)) {
      return Value::string("illegal base64 data at input byte " + std::to_string(bad));
    }
    return Value::string(out);
  });
  t.add("sha256sum", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "sha256sum");
    return Value::string(sha256_hex(want_string(a[0])));
  });
  t.add("uuidv4", [](Call &c, std::vector<Value> &a) {
    want_args(a, 0, "uuidv4");
    std::string h = deterministic_hex(c.engine).substr(0, 32);
    h[12] = '4';
    h[16] = "89ab"[h[16] % 4];
    return Value::string(h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" +
                         h.substr(16, 4) + "-" + h.substr(20, 12));
  });
  auto random_text = [](const std::string &alphabet) {
    return [alphabet](Call &c, std::vector<Value> &a) {
      want_args(a, 1, c.name);
      const int64_t n = want_int(a[0]);
      if (n < 0 || n > 1'000'000) {
        throw FunctionError("length out of range for wincompat");
      }
      std::string out;
      std::string hex;
      for (int64_t i = 0; i < n; ++i) {
        if (hex.empty()) {
          hex = deterministic_hex(c.engine);
        }
        const int digit = std::stoi(hex.substr(0, 2), nullptr, 16);
        hex.erase(0, 2);
        out += alphabet[static_cast<size_t>(digit) % alphabet.size()];
      }
      return Value::string(out);
    };
  };
  t.add("randAlphaNum", random_text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"));
  t.add("randAlpha", random_text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"));
  t.add("randNumeric", random_text("0123456789"));
  t.add("randAscii", random_text("abcdefghijklmnopqrstuvwxyz!#%&()*+,-./:;<=>?@[]^_{|}~0123456789"));
}

} // namespace wincompat::helm
