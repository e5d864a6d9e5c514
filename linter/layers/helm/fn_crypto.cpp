// Sprig's digests, encodings, encryption and key and certificate
// functions. Digests, base32, Adler-32, AES and derivePassword are exact.
// What Go fills from crypto/rand (keys, certificates, bcrypt salts, AES
// initialisation vectors, randBytes) comes from the engine's deterministic
// sequence; keys and certificates are well-formed PEM of the kind Go
// returns, holding placeholder DER (docs/helm.md, "Random functions").
#include "crypto_prims.hpp"
#include "exec.hpp"

#include <cctype>
#include <map>

namespace wincompat::helm {

namespace {

/// Bytes from the engine's deterministic sequence (Go: crypto/rand).
std::string crypto_random_bytes(Engine &engine, size_t n) {
  std::string out;
  while (out.size() < n) {
    out += crypto::sha256("wincompat-random-" + std::to_string(engine.random_counter++));
  }
  out.resize(n);
  return out;
}

/// encoding/pem's Encode: 64 characters a line.
std::string crypto_pem(const std::string &type, const std::string &der) {
  const std::string b64 = crypto::base64_encode(der);
  std::string out = "-----BEGIN " + type + "-----\n";
  for (size_t at = 0; at < b64.size(); at += 64) {
    out += b64.substr(at, 64) + "\n";
  }
  return out + "-----END " + type + "-----\n";
}

/// A DER length.
std::string crypto_der_length(size_t n) {
  if (n < 128) {
    return std::string(1, static_cast<char>(n));
  }
  std::string bytes;
  for (; n; n >>= 8) {
    bytes.insert(bytes.begin(), static_cast<char>(n & 0xFF));
  }
  return static_cast<char>(0x80 | bytes.size()) + bytes;
}

std::string crypto_der(unsigned char tag, const std::string &content) {
  return static_cast<char>(tag) + crypto_der_length(content.size()) + content;
}

/// Placeholder DER: SEQUENCE { UTF8String what, OCTET STRING random }, of
/// about the size of the real thing.
std::string crypto_placeholder(Engine &engine, const std::string &what, size_t size) {
  return crypto_der(0x30, crypto_der(0x0C, "wincompat placeholder " + what) +
                              crypto_der(0x04, crypto_random_bytes(engine, size)));
}

/// A private key of Go's kind: PEM block type and placeholder size.
bool crypto_key_kind(const std::string &kind, std::string &type, size_t &size) {
  if (kind.empty() || kind == "rsa") {
    type = "RSA PRIVATE KEY";
    size = 2350; // PKCS#1, 4096 bits
  } else if (kind == "dsa") {
    type = "DSA PRIVATE KEY";
    size = 840;
  } else if (kind == "ecdsa") {
    type = "EC PRIVATE KEY";
    size = 100;
  } else if (kind == "ed25519") {
    type = "PRIVATE KEY";
    size = 30;
  } else {
    return false;
  }
  return true;
}

/// One PEM block: type and bytes; false when there is none.
bool crypto_pem_decode(const std::string &text, std::string &type, std::string &der) {
  const size_t begin = text.find("-----BEGIN ");
  if (begin == std::string::npos) {
    return false;
  }
  const size_t type_end = text.find("-----", begin + 11);
  const size_t line_end = text.find('\n', begin);
  if (type_end == std::string::npos || line_end == std::string::npos || type_end > line_end) {
    return false;
  }
  type = text.substr(begin + 11, type_end - begin - 11);
  const std::string end_line = "-----END " + type + "-----";
  const size_t end = text.find(end_line, line_end);
  if (end == std::string::npos) {
    return false;
  }
  std::string b64;
  for (size_t i = line_end + 1; i < end; ++i) {
    if (!std::isspace(static_cast<unsigned char>(text[i]))) {
      b64 += text[i];
    }
  }
  size_t bad = 0;
  return crypto::base64_decode(b64, der, bad);
}

/// Sprig's parsePrivateKeyPEM: the key's PEM block re-encoded, or an error.
std::string crypto_private_key(const std::string &pem) {
  std::string type, der;
  if (!crypto_pem_decode(pem, type, der)) {
    throw FunctionError("parsing private key: no PEM data in input");
  }
  if (type == "PRIVATE KEY") {
    return crypto_pem(type, der);
  }
  const std::string suffix = " PRIVATE KEY";
  if (type.size() < suffix.size() || type.compare(type.size() - suffix.size(), suffix.size(), suffix) != 0) {
    throw FunctionError("parsing private key: no private key data in PEM block of type " + type);
  }
  const std::string kind = type.substr(0, type.size() - suffix.size());
  if (kind != "RSA" && kind != "EC" && kind != "DSA") {
    throw FunctionError("parsing private key: invalid private key type " + type);
  }
  return crypto_pem(type, der);
}

/// Sprig's certificate: a struct with Cert and Key.
class CryptoCertificate : public Object {
public:
  CryptoCertificate(std::string cert, std::string key) : cert_(std::move(cert)), key_(std::move(key)) {}
  std::string type_name() const override {
    return "sprig.certificate";
  }
  bool call(const std::string &name, std::vector<Value> &args, Value &result) override {
    if (name != "Cert" && name != "Key") {
      return false;
    }
    if (!args.empty()) {
      throw FunctionError(name + " is not a method but has arguments", true);
    }
    result = Value::string(name == "Cert" ? cert_ : key_);
    return true;
  }
  std::string format_v() const override {
    return "{" + cert_ + " " + key_ + "}";
  }
  const std::string &cert() const {
    return cert_;
  }
  const std::string &key() const {
    return key_;
  }

private:
  std::string cert_;
  std::string key_;
};

/// Go's net.ParseIP: dotted IPv4 or IPv6 (with an IPv4 tail).
bool crypto_is_ipv4(const std::string &s) {
  int parts = 0;
  size_t at = 0;
  while (at <= s.size()) {
    size_t end = s.find('.', at);
    if (end == std::string::npos) {
      end = s.size();
    }
    const std::string part = s.substr(at, end - at);
    if (part.empty() || part.size() > 3 || (part.size() > 1 && part[0] == '0') ||
        part.find_first_not_of("0123456789") != std::string::npos || std::stoi(part) > 255) {
      return false;
    }
    ++parts;
    at = end + 1;
  }
  return parts == 4;
}

bool crypto_is_ip(const std::string &s) {
  if (s.find(':') == std::string::npos) {
    return crypto_is_ipv4(s);
  }
  size_t groups = 0;
  bool ellipsis = false;
  size_t at = 0;
  if (s.compare(0, 2, "::") == 0) {
    ellipsis = true;
    at = 2;
    if (at == s.size()) {
      return true;
    }
  }
  while (at < s.size()) {
    size_t end = s.find(':', at);
    if (end == std::string::npos) {
      end = s.size();
    }
    const std::string group = s.substr(at, end - at);
    if (group.find('.') != std::string::npos && end == s.size()) {
      if (!crypto_is_ipv4(group)) {
        return false;
      }
      groups += 2;
      break;
    }
    if (group.empty() || group.size() > 4 ||
        group.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
      return false;
    }
    ++groups;
    if (end == s.size()) {
      break;
    }
    at = end + 1;
    if (at < s.size() && s[at] == ':') {
      if (ellipsis) {
        return false;
      }
      ellipsis = true;
      ++at;
    } else if (at == s.size()) {
      return false;
    }
  }
  return ellipsis ? groups < 8 : groups == 8;
}

/// A []interface{} argument: nil or a list (Go's type check otherwise).
const List *crypto_want_list(const Value &v) {
  if (v.is_nil()) {
    return nullptr;
  }
  if (v.kind != Value::Kind::List) {
    throw FunctionError("wrong type for value; expected []interface {}; got " + type_name(v), true);
  }
  return v.list.get();
}

/// getNetIPs and getAlternateDNSStrs: the checks Sprig makes.
void crypto_check_names(const Value &ips, const Value &dns) {
  if (const List *list = crypto_want_list(ips)) {
    for (const Value &ip : *list) {
      if (!ip.is_string()) {
        throw FunctionError("error parsing ip: " + format_v(ip) + " is not a string");
      }
      if (!crypto_is_ip(ip.str())) {
        throw FunctionError("error parsing ip: " + ip.str());
      }
    }
  }
  if (const List *list = crypto_want_list(dns)) {
    for (const Value &name : *list) {
      if (!name.is_string()) {
        throw FunctionError("error processing alternate dns name: " + format_v(name) + " is not a string");
      }
    }
  }
}

const CryptoCertificate &crypto_want_certificate(const Value &v) {
  const auto *cert =
      v.kind == Value::Kind::Object ? dynamic_cast<const CryptoCertificate *>(v.object.get()) : nullptr;
  if (!cert) {
    throw FunctionError(std::string(v.is_nil() ? "invalid value" : "wrong type for value") +
                            "; expected sprig.certificate" + (v.is_nil() ? "" : "; got " + type_name(v)),
                        true);
  }
  return *cert;
}

/// A certificate for `cn` with the key `key_pem` (placeholder DER).
Value crypto_certificate(Call &c, const std::string &what, const std::string &cn, int64_t days,
                         const std::string &key_pem) {
  (void)days;
  const std::string cert = crypto_pem("CERTIFICATE", crypto_placeholder(c.engine, what + " CN=" + cn, 700));
  return Value::of(std::make_shared<CryptoCertificate>(cert, key_pem));
}

std::string crypto_new_rsa_key(Call &c) {
  return crypto_pem("RSA PRIVATE KEY", crypto_placeholder(c.engine, "RSA PRIVATE KEY", 1190));
}

/// bcrypt's hash shape: $2a$10$, 22 salt and 31 hash characters.
std::string crypto_bcrypt(Call &c, const std::string &password) {
  static const char kAlphabet[] = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const std::string salt = crypto_random_bytes(c.engine, 16);
  const std::string digest = crypto::sha256(salt + password);
  std::string out = "$2a$10$";
  for (size_t i = 0; i < 53; ++i) {
    const unsigned char byte = static_cast<unsigned char>(i < 22 ? salt[i % 16] : digest[(i - 22) % 32]);
    out += kAlphabet[byte % 64];
  }
  return out;
}

/// Sprig's passwordTypeTemplates.
std::vector<std::string> crypto_password_templates(const std::string &type) {
  static const std::map<std::string, std::vector<std::string>> kTemplates = {
      {"maximum", {"anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"}},
      {"long", {"CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
                "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc",
                "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno",
                "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc",
                "CvccCvcvCvccno"}},
      {"medium", {"CvcnoCvc", "CvcCvcno"}},
      {"short", {"Cvcn"}},
      {"basic", {"aaanaaan", "aannaaan", "aaannaaa"}},
      {"pin", {"nnnn"}}};
  const auto it = kTemplates.find(type);
  return it == kTemplates.end() ? std::vector<std::string>{} : it->second;
}

std::string crypto_password_chars(char c) {
  switch (c) {
  case 'V':
    return "AEIOU";
  case 'C':
    return "BCDFGHJKLMNPQRSTVWXYZ";
  case 'v':
    return "aeiou";
  case 'c':
    return "bcdfghjklmnpqrstvwxyz";
  case 'A':
    return "AEIOUBCDFGHJKLMNPQRSTVWXYZ";
  case 'a':
    return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz";
  case 'n':
    return "0123456789";
  case 'o':
    return "@&%?,=[]_:-+*$#!'^~;()/.";
  case 'x':
    return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()";
  }
  return "";
}

std::string crypto_be32(uint32_t v) {
  std::string out;
  for (int k = 3; k >= 0; --k) {
    out += static_cast<char>((v >> (8 * k)) & 0xFF);
  }
  return out;
}

/// Sprig's derivePassword (the Master Password algorithm).
std::string crypto_derive_password(uint32_t counter, const std::string &type, const std::string &password,
                                   const std::string &user, const std::string &site) {
  const std::vector<std::string> templates = crypto_password_templates(type);
  if (templates.empty()) {
    return "cannot find password template " + type;
  }
  const std::string seed_name = "com.lyndir.masterpassword";
  const std::string salt = seed_name + crypto_be32(static_cast<uint32_t>(user.size())) + user;
  const std::string key = crypto::scrypt(password, salt, 32768, 8, 2, 64);
  const std::string seed = crypto::hmac_sha256(
      key, seed_name + crypto_be32(static_cast<uint32_t>(site.size())) + site + crypto_be32(counter));
  const std::string &pattern = templates[static_cast<unsigned char>(seed[0]) % templates.size()];
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const std::string chars = crypto_password_chars(pattern[i]);
    out += chars[static_cast<unsigned char>(seed[i + 1]) % chars.size()];
  }
  return out;
}

/// AES's key: the password's first 32 bytes, zero-padded.
std::string crypto_aes_key(const std::string &password) {
  std::string key = password.substr(0, 32);
  key.resize(32, '\0');
  return key;
}

} // namespace

void register_crypto_functions(FunctionTable &t) {
  t.add("sha1sum", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "sha1sum");
    return Value::string(crypto::hex(crypto::sha1(want_string(a[0]))));
  });
  t.add("sha512sum", [](Call &, std::vector<Value> &a) { // Sprig 3.3.0 (Helm 3.16)
    want_args(a, 1, "sha512sum");
    return Value::string(crypto::hex(crypto::sha512(want_string(a[0]))));
  });
  t.add("adler32sum", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "adler32sum");
    return Value::string(std::to_string(crypto::adler32(want_string(a[0]))));
  });
  t.add("b32enc", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "b32enc");
    return Value::string(crypto::base32_encode(want_string(a[0])));
  });
  t.add("b32dec", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "b32dec");
    std::string out;
    size_t bad = 0;
    if (!crypto::base32_decode(want_string(a[0]), out, bad)) {
      return Value::string("illegal base32 data at input byte " + std::to_string(bad));
    }
    return Value::string(out);
  });
  t.add("randBytes", [](Call &c, std::vector<Value> &a) {
    want_args(a, 1, "randBytes");
    const int64_t n = want_int(a[0]);
    if (n < 0) {
      throw FunctionError("runtime error: makeslice: len out of range");
    }
    if (n > 1'000'000) {
      throw FunctionError("length out of range for wincompat");
    }
    return Value::string(crypto::base64_encode(crypto_random_bytes(c.engine, static_cast<size_t>(n))));
  });
  t.add("bcrypt", [](Call &c, std::vector<Value> &a) {
    want_args(a, 1, "bcrypt");
    return Value::string(crypto_bcrypt(c, want_string(a[0])));
  });
  t.add("htpasswd", [](Call &c, std::vector<Value> &a) {
    want_args(a, 2, "htpasswd");
    const std::string &user = want_string(a[0]);
    const std::string &password = want_string(a[1]);
    if (user.find(':') != std::string::npos) {
      return Value::string("invalid username: " + user);
    }
    return Value::string(user + ":" + crypto_bcrypt(c, password));
  });
  t.add("derivePassword", [](Call &, std::vector<Value> &a) {
    want_args(a, 5, "derivePassword");
    const int64_t counter = want_int(a[0]);
    return Value::string(crypto_derive_password(static_cast<uint32_t>(counter), want_string(a[1]),
                                                want_string(a[2]), want_string(a[3]), want_string(a[4])));
  });
  t.add("encryptAES", [](Call &c, std::vector<Value> &a) {
    want_args(a, 2, "encryptAES");
    const std::string &password = want_string(a[0]);
    std::string text = want_string(a[1]);
    if (text.empty()) {
      return Value::string("");
    }
    const size_t padding = 16 - text.size() % 16;
    text.append(padding, static_cast<char>(padding));
    const std::string iv = crypto_random_bytes(c.engine, 16);
    return Value::string(
        crypto::base64_encode(iv + crypto::aes256_cbc_encrypt(crypto_aes_key(password), iv, text)));
  });
  t.add("decryptAES", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "decryptAES");
    const std::string &password = want_string(a[0]);
    const std::string &b64 = want_string(a[1]);
    if (b64.empty()) {
      return Value::string("");
    }
    std::string data;
    size_t bad = 0;
    if (!crypto::base64_decode(b64, data, bad)) {
      throw FunctionError("illegal base64 data at input byte " + std::to_string(bad));
    }
    if (data.size() < 16) {
      throw FunctionError("runtime error: slice bounds out of range [:16] with capacity " +
                          std::to_string(data.size()));
    }
    if (data.size() % 16 != 0) {
      throw FunctionError("crypto/cipher: input not full blocks");
    }
    const std::string plain =
        crypto::aes256_cbc_decrypt(crypto_aes_key(password), data.substr(0, 16), data.substr(16));
    if (plain.empty()) {
      throw FunctionError("runtime error: index out of range [-1]");
    }
    const size_t pad = static_cast<unsigned char>(plain.back());
    if (pad > plain.size()) {
      throw FunctionError("runtime error: slice bounds out of range [:" +
                          std::to_string(static_cast<int64_t>(plain.size()) - static_cast<int64_t>(pad)) +
                          "]");
    }
    return Value::string(plain.substr(0, plain.size() - pad));
  });
  t.add("genPrivateKey", [](Call &c, std::vector<Value> &a) {
    want_args(a, 1, "genPrivateKey");
    const std::string &kind = want_string(a[0]);
    std::string type;
    size_t size = 0;
    if (!crypto_key_kind(kind, type, size)) {
      return Value::string("Unknown type " + kind);
    }
    return Value::string(crypto_pem(type, crypto_placeholder(c.engine, type, size)));
  });
  t.add("buildCustomCert", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "buildCustomCert");
    std::string cert, key, type, der;
    size_t bad = 0;
    if (!crypto::base64_decode(want_string(a[0]), cert, bad)) {
      throw FunctionError("unable to decode base64 certificate");
    }
    if (!crypto::base64_decode(want_string(a[1]), key, bad)) {
      throw FunctionError("unable to decode base64 private key");
    }
    if (!crypto_pem_decode(cert, type, der)) {
      throw FunctionError("unable to decode certificate");
    }
    try {
      crypto_private_key(key);
    } catch (const FunctionError &e) {
      throw FunctionError("error parsing private key: " + std::string(e.what()).substr(21));
    }
    return Value::of(std::make_shared<CryptoCertificate>(cert, key));
  });
  // The certificate generators: (cn, [ips, dns,] days, [ca,] [key]).
  struct CertShape {
    const char *name;
    const char *what;
    bool names;
    bool signed_by_ca;
    bool with_key;
  };
  for (const CertShape &shape :
       {CertShape{"genCA", "CA", false, false, false}, CertShape{"genCAWithKey", "CA", false, false, true},
        CertShape{"genSelfSignedCert", "self-signed certificate", true, false, false},
        CertShape{"genSelfSignedCertWithKey", "self-signed certificate", true, false, true},
        CertShape{"genSignedCert", "signed certificate", true, true, false},
        CertShape{"genSignedCertWithKey", "signed certificate", true, true, true}}) {
    t.add(shape.name, [shape](Call &c, std::vector<Value> &a) {
      want_args(a, 2 + (shape.names ? 2 : 0) + shape.signed_by_ca + shape.with_key, shape.name);
      const std::string &cn = want_string(a[0]);
      size_t at = 1;
      if (shape.names) {
        crypto_want_list(a[1]);
        crypto_want_list(a[2]);
        at = 3;
      }
      const int64_t days = want_int(a[at++]);
      const CryptoCertificate *ca = shape.signed_by_ca ? &crypto_want_certificate(a[at++]) : nullptr;
      const std::string key = shape.with_key ? crypto_private_key(want_string(a[at])) : std::string();
      if (ca) {
        std::string type, der;
        if (!crypto_pem_decode(ca->cert(), type, der)) {
          throw FunctionError("unable to decode certificate");
        }
        crypto_private_key(ca->key());
      }
      if (shape.names) {
        crypto_check_names(a[1], a[2]);
      }
      return crypto_certificate(c, shape.what, cn, days, key.empty() ? crypto_new_rsa_key(c) : key);
    });
  }
}

} // namespace wincompat::helm
