// Small cryptographic primitives (crypto_prims.hpp says which and why).
#include "crypto_prims.hpp"

#include "sha256.hpp"

#include <array>
#include <cstring>
#include <vector>

namespace wincompat::helm::crypto {

namespace {

uint32_t prims_rotl32(uint32_t x, int n) {
  return (x << n) | (x >> (32 - n));
}
uint64_t prims_rotr64(uint64_t x, int n) {
  return (x >> n) | (x << (64 - n));
}

/// Merkle-Damgard padding: `data`, 0x80, zeros, the bit length in
/// `length_bytes` big-endian bytes, to a multiple of `block`.
std::string prims_pad(std::string_view data, size_t block, size_t length_bytes) {
  std::string m(data);
  const uint64_t bits = static_cast<uint64_t>(data.size()) * 8;
  m += static_cast<char>(0x80);
  while ((m.size() + length_bytes) % block != 0) {
    m += '\0';
  }
  for (size_t i = length_bytes; i-- > 0;) {
    m += i < 8 ? static_cast<char>((bits >> (8 * i)) & 0xFF) : '\0';
  }
  return m;
}

uint32_t prims_be32(const std::string &m, size_t at) {
  return (static_cast<uint32_t>(static_cast<unsigned char>(m[at])) << 24) |
         (static_cast<uint32_t>(static_cast<unsigned char>(m[at + 1])) << 16) |
         (static_cast<uint32_t>(static_cast<unsigned char>(m[at + 2])) << 8) |
         static_cast<uint32_t>(static_cast<unsigned char>(m[at + 3]));
}

// ---- AES (FIPS 197) ----

const std::array<uint8_t, 256> &prims_sbox() {
  static const std::array<uint8_t, 256> box = [] {
    std::array<uint8_t, 256> s{};
    uint8_t p = 1, q = 1;
    do { // p runs over the multiplicative group, q is its inverse
      p = static_cast<uint8_t>(p ^ (p << 1) ^ (p & 0x80 ? 0x1B : 0));
      q ^= static_cast<uint8_t>(q << 1);
      q ^= static_cast<uint8_t>(q << 2);
      q ^= static_cast<uint8_t>(q << 4);
      if (q & 0x80) {
        q ^= 0x09;
      }
      const uint8_t x = static_cast<uint8_t>(q ^ (q << 1 | q >> 7) ^ (q << 2 | q >> 6) ^ (q << 3 | q >> 5) ^
                                             (q << 4 | q >> 4));
      s[p] = static_cast<uint8_t>(x ^ 0x63);
    } while (p != 1);
    s[0] = 0x63;
    return s;
  }();
  return box;
}

const std::array<uint8_t, 256> &prims_inv_sbox() {
  static const std::array<uint8_t, 256> inv = [] {
    std::array<uint8_t, 256> r{};
    for (int i = 0; i < 256; ++i) {
      r[prims_sbox()[static_cast<size_t>(i)]] = static_cast<uint8_t>(i);
    }
    return r;
  }();
  return inv;
}

uint8_t prims_xtime(uint8_t x) {
  return static_cast<uint8_t>((x << 1) ^ ((x & 0x80) ? 0x1B : 0));
}

uint8_t prims_gmul(uint8_t a, uint8_t b) {
  uint8_t r = 0;
  while (b) {
    if (b & 1) {
      r ^= a;
    }
    a = prims_xtime(a);
    b >>= 1;
  }
  return r;
}

/// AES-256 round keys: 15 of 16 bytes.
std::array<uint8_t, 240> prims_expand_key(std::string_view key) {
  std::array<uint8_t, 240> w{};
  std::memcpy(w.data(), key.data(), 32);
  uint8_t rcon = 1;
  for (size_t i = 32; i < 240; i += 4) {
    uint8_t t[4] = {w[i - 4], w[i - 3], w[i - 2], w[i - 1]};
    if (i % 32 == 0) {
      const uint8_t first = t[0];
      t[0] = static_cast<uint8_t>(prims_sbox()[t[1]] ^ rcon);
      t[1] = prims_sbox()[t[2]];
      t[2] = prims_sbox()[t[3]];
      t[3] = prims_sbox()[first];
      rcon = prims_xtime(rcon);
    } else if (i % 32 == 16) {
      for (uint8_t &b : t) {
        b = prims_sbox()[b];
      }
    }
    for (size_t k = 0; k < 4; ++k) {
      w[i + k] = static_cast<uint8_t>(w[i + k - 32] ^ t[k]);
    }
  }
  return w;
}

void prims_encrypt_block(const std::array<uint8_t, 240> &w, uint8_t s[16]) {
  for (int k = 0; k < 16; ++k) {
    s[k] ^= w[static_cast<size_t>(k)];
  }
  for (int round = 1; round <= 14; ++round) {
    uint8_t t[16];
    for (int c = 0; c < 4; ++c) { // SubBytes and ShiftRows
      for (int r = 0; r < 4; ++r) {
        t[c * 4 + r] = prims_sbox()[s[((c + r) % 4) * 4 + r]];
      }
    }
    if (round != 14) {
      for (int c = 0; c < 4; ++c) { // MixColumns
        const uint8_t *a = t + c * 4;
        const uint8_t m[4] = {
            static_cast<uint8_t>(prims_xtime(a[0]) ^ prims_xtime(a[1]) ^ a[1] ^ a[2] ^ a[3]),
            static_cast<uint8_t>(a[0] ^ prims_xtime(a[1]) ^ prims_xtime(a[2]) ^ a[2] ^ a[3]),
            static_cast<uint8_t>(a[0] ^ a[1] ^ prims_xtime(a[2]) ^ prims_xtime(a[3]) ^ a[3]),
            static_cast<uint8_t>(prims_xtime(a[0]) ^ a[0] ^ a[1] ^ a[2] ^ prims_xtime(a[3]))};
        std::memcpy(t + c * 4, m, 4);
      }
    }
    for (int k = 0; k < 16; ++k) {
      s[k] = static_cast<uint8_t>(t[k] ^ w[static_cast<size_t>(round * 16 + k)]);
    }
  }
}

void prims_decrypt_block(const std::array<uint8_t, 240> &w, uint8_t s[16]) {
  for (int k = 0; k < 16; ++k) {
    s[k] ^= w[static_cast<size_t>(14 * 16 + k)];
  }
  for (int round = 13; round >= 0; --round) {
    uint8_t t[16];
    for (int c = 0; c < 4; ++c) { // InvShiftRows and InvSubBytes
      for (int r = 0; r < 4; ++r) {
        t[((c + r) % 4) * 4 + r] = prims_inv_sbox()[s[c * 4 + r]];
      }
    }
    for (int k = 0; k < 16; ++k) {
      t[k] ^= w[static_cast<size_t>(round * 16 + k)];
    }
    if (round != 0) {
      for (int c = 0; c < 4; ++c) { // InvMixColumns
        const uint8_t *a = t + c * 4;
        const uint8_t m[4] = {static_cast<uint8_t>(prims_gmul(a[0], 14) ^ prims_gmul(a[1], 11) ^
                                                   prims_gmul(a[2], 13) ^ prims_gmul(a[3], 9)),
                              static_cast<uint8_t>(prims_gmul(a[0], 9) ^ prims_gmul(a[1], 14) ^
                                                   prims_gmul(a[2], 11) ^ prims_gmul(a[3], 13)),
                              static_cast<uint8_t>(prims_gmul(a[0], 13) ^ prims_gmul(a[1], 9) ^
                                                   prims_gmul(a[2], 14) ^ prims_gmul(a[3], 11)),
                              static_cast<uint8_t>(prims_gmul(a[0], 11) ^ prims_gmul(a[1], 13) ^
                                                   prims_gmul(a[2], 9) ^ prims_gmul(a[3], 14))};
        std::memcpy(t + c * 4, m, 4);
      }
    }
    std::memcpy(s, t, 16);
  }
}

// ---- scrypt (RFC 7914) ----

void prims_salsa20_8(uint32_t b[16]) {
  uint32_t x[16];
  std::memcpy(x, b, sizeof x);
  for (int i = 0; i < 8; i += 2) {
    auto quarter = [&x](int a, int bb, int c, int d) {
      x[bb] ^= prims_rotl32(x[a] + x[d], 7);
      x[c] ^= prims_rotl32(x[bb] + x[a], 9);
      x[d] ^= prims_rotl32(x[c] + x[bb], 13);
      x[a] ^= prims_rotl32(x[d] + x[c], 18);
    };
    quarter(0, 4, 8, 12);
    quarter(5, 9, 13, 1);
    quarter(10, 14, 2, 6);
    quarter(15, 3, 7, 11);
    quarter(0, 1, 2, 3);
    quarter(5, 6, 7, 4);
    quarter(10, 11, 8, 9);
    quarter(15, 12, 13, 14);
  }
  for (int i = 0; i < 16; ++i) {
    b[i] += x[i];
  }
}

void prims_block_mix(uint32_t *b, uint32_t *y, uint32_t r) {
  uint32_t x[16];
  std::memcpy(x, b + (2 * r - 1) * 16, sizeof x);
  for (uint32_t i = 0; i < 2 * r; ++i) {
    for (int k = 0; k < 16; ++k) {
      x[k] ^= b[i * 16 + static_cast<uint32_t>(k)];
    }
    prims_salsa20_8(x);
    std::memcpy(y + ((i % 2) * r + i / 2) * 16, x, sizeof x);
  }
  std::memcpy(b, y, sizeof(uint32_t) * 32 * r);
}

std::string prims_pbkdf2_sha256(std::string_view password, std::string_view salt, size_t length) {
  std::string out;
  for (uint32_t block = 1; out.size() < length; ++block) {
    std::string s(salt);
    for (int k = 3; k >= 0; --k) {
      s += static_cast<char>((block >> (8 * k)) & 0xFF);
    }
    out += hmac_sha256(password, s); // one iteration, as scrypt uses it
  }
  return out.substr(0, length);
}

} // namespace

std::string hex(std::string_view data) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : data) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string sha1(std::string_view data) {
  const std::string m = prims_pad(data, 64, 8);
  uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  for (size_t at = 0; at < m.size(); at += 64) {
    uint32_t w[80];
    for (size_t i = 0; i < 16; ++i) {
      w[i] = prims_be32(m, at + i * 4);
    }
    for (size_t i = 16; i < 80; ++i) {
      w[i] = prims_rotl32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (size_t i = 0; i < 80; ++i) {
      uint32_t f, k;
      if (i < 20) {
        f = (b & c) | (~b & d);
        k = 0x5A827999;
      } else if (i < 40) {
        f = b ^ c ^ d;
        k = 0x6ED9EBA1;
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8F1BBCDC;
      } else {
        f = b ^ c ^ d;
        k = 0xCA62C1D6;
      }
      const uint32_t t = prims_rotl32(a, 5) + f + e + k + w[i];
      e = d;
      d = c;
      c = prims_rotl32(b, 30);
      b = a;
      a = t;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
  }
  std::string out;
  for (uint32_t v : h) {
    for (int k = 3; k >= 0; --k) {
      out += static_cast<char>((v >> (8 * k)) & 0xFF);
    }
  }
  return out;
}

std::string sha256(std::string_view data) {
  const std::string digits = sha256_hex(data);
  std::string out;
  for (size_t i = 0; i + 1 < digits.size(); i += 2) {
    out += static_cast<char>(std::stoi(digits.substr(i, 2), nullptr, 16));
  }
  return out;
}

std::string sha512(std::string_view data) {
  static const uint64_t k[80] = {
      0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc, 0x3956c25bf348b538,
      0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242, 0x12835b0145706fbe,
      0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2, 0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
      0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
      0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5, 0x983e5152ee66dfab,
      0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
      0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed,
      0x53380d139d95b3df, 0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
      0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
      0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8, 0x19a4c116b8d2d0c8, 0x1e376c085141ab53,
      0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373,
      0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
      0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b, 0xca273eceea26619c,
      0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba, 0x0a637dc5a2c898a6,
      0x113f9804bef90dae, 0x1b710b35131c471b, 0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
      0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817};
  uint64_t h[8] = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
                   0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};
  const std::string m = prims_pad(data, 128, 16);
  for (size_t at = 0; at < m.size(); at += 128) {
    uint64_t w[80];
    for (size_t i = 0; i < 16; ++i) {
      w[i] = (static_cast<uint64_t>(prims_be32(m, at + i * 8)) << 32) | prims_be32(m, at + i * 8 + 4);
    }
    for (size_t i = 16; i < 80; ++i) {
      const uint64_t s0 = prims_rotr64(w[i - 15], 1) ^ prims_rotr64(w[i - 15], 8) ^ (w[i - 15] >> 7);
      const uint64_t s1 = prims_rotr64(w[i - 2], 19) ^ prims_rotr64(w[i - 2], 61) ^ (w[i - 2] >> 6);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint64_t v[8];
    std::memcpy(v, h, sizeof v);
    for (size_t i = 0; i < 80; ++i) {
      const uint64_t s1 = prims_rotr64(v[4], 14) ^ prims_rotr64(v[4], 18) ^ prims_rotr64(v[4], 41);
      const uint64_t ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
      const uint64_t t1 = v[7] + s1 + ch + k[i] + w[i];
      const uint64_t s0 = prims_rotr64(v[0], 28) ^ prims_rotr64(v[0], 34) ^ prims_rotr64(v[0], 39);
      const uint64_t maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
      const uint64_t t2 = s0 + maj;
      v[7] = v[6];
      v[6] = v[5];
      v[5] = v[4];
      v[4] = v[3] + t1;
      v[3] = v[2];
      v[2] = v[1];
      v[1] = v[0];
      v[0] = t1 + t2;
    }
    for (size_t i = 0; i < 8; ++i) {
      h[i] += v[i];
    }
  }
  std::string out;
  for (uint64_t x : h) {
    for (int s = 7; s >= 0; --s) {
      out += static_cast<char>((x >> (8 * s)) & 0xFF);
    }
  }
  return out;
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  std::string k = key.size() > 64 ? sha256(key) : std::string(key);
  k.resize(64, '\0');
  std::string inner(64, '\0'), outer(64, '\0');
  for (size_t i = 0; i < 64; ++i) {
    inner[i] = static_cast<char>(k[i] ^ 0x36);
    outer[i] = static_cast<char>(k[i] ^ 0x5c);
  }
  return sha256(outer + sha256(inner + std::string(data)));
}

std::string scrypt(std::string_view password, std::string_view salt, uint32_t n, uint32_t r, uint32_t p,
                   size_t length) {
  const size_t block_words = 32 * static_cast<size_t>(r);
  std::string b = prims_pbkdf2_sha256(password, salt, static_cast<size_t>(p) * 128 * r);
  std::vector<uint32_t> x(block_words), y(block_words), v(block_words * n);
  for (uint32_t i = 0; i < p; ++i) {
    for (size_t k = 0; k < block_words; ++k) { // little-endian words
      const size_t at = i * 128 * r + k * 4;
      x[k] = static_cast<uint32_t>(static_cast<unsigned char>(b[at])) |
             (static_cast<uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8) |
             (static_cast<uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16) |
             (static_cast<uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24);
    }
    for (uint32_t j = 0; j < n; ++j) {
      std::memcpy(&v[j * block_words], x.data(), block_words * 4);
      prims_block_mix(x.data(), y.data(), r);
    }
    for (uint32_t j = 0; j < n; ++j) {
      const uint32_t at = x[(2 * r - 1) * 16] & (n - 1);
      for (size_t k = 0; k < block_words; ++k) {
        x[k] ^= v[at * block_words + k];
      }
      prims_block_mix(x.data(), y.data(), r);
    }
    for (size_t k = 0; k < block_words; ++k) {
      const size_t at = i * 128 * r + k * 4;
      for (int s = 0; s < 4; ++s) {
        b[at + static_cast<size_t>(s)] = static_cast<char>((x[k] >> (8 * s)) & 0xFF);
      }
    }
  }
  return prims_pbkdf2_sha256(password, b, length);
}

std::string aes256_cbc_encrypt(std::string_view key, std::string_view iv, std::string_view data) {
  const auto w = prims_expand_key(key);
  uint8_t chain[16];
  std::memcpy(chain, iv.data(), 16);
  std::string out;
  for (size_t at = 0; at + 16 <= data.size(); at += 16) {
    for (size_t k = 0; k < 16; ++k) {
      chain[k] ^= static_cast<uint8_t>(data[at + k]);
    }
    prims_encrypt_block(w, chain);
    out.append(reinterpret_cast<const char *>(chain), 16);
  }
  return out;
}

std::string aes256_cbc_decrypt(std::string_view key, std::string_view iv, std::string_view data) {
  const auto w = prims_expand_key(key);
  std::string previous(iv.substr(0, 16));
  std::string out;
  for (size_t at = 0; at + 16 <= data.size(); at += 16) {
    uint8_t s[16];
    std::memcpy(s, data.data() + at, 16);
    prims_decrypt_block(w, s);
    for (size_t k = 0; k < 16; ++k) {
      out += static_cast<char>(s[k] ^ static_cast<uint8_t>(previous[k]));
    }
    previous = std::string(data.substr(at, 16));
  }
  return out;
}

uint32_t adler32(std::string_view data) {
  uint32_t a = 1, b = 0;
  for (unsigned char c : data) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  return (b << 16) | a;
}

std::string base32_encode(std::string_view data) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  for (size_t at = 0; at < data.size(); at += 5) {
    const size_t n = std::min<size_t>(5, data.size() - at);
    uint64_t v = 0;
    for (size_t k = 0; k < 5; ++k) {
      v = (v << 8) | (k < n ? static_cast<unsigned char>(data[at + k]) : 0);
    }
    static const size_t kChars[] = {0, 2, 4, 5, 7, 8};
    for (size_t k = 0; k < 8; ++k) {
      out += k < kChars[n] ? kAlphabet[(v >> (35 - 5 * k)) & 31] : '=';
    }
  }
  return out;
}

bool base32_decode(std::string_view text, std::string &out, size_t &bad) {
  std::string src;
  for (char c : text) { // DecodeString drops newlines first
    if (c != '\n' && c != '\r') {
      src += c;
    }
  }
  const size_t olen = src.size();
  size_t at = 0;
  bool end = false;
  while (at < olen && !end) {
    uint8_t dbuf[8] = {};
    size_t dlen = 8;
    for (size_t j = 0; j < 8;) {
      if (at == olen) {
        bad = olen - j; // missing padding
        return false;
      }
      const char in = src[at++];
      const size_t left = olen - at;
      if (in == '=' && j >= 2 && left < 8) {
        if (left + j < 7) {
          bad = olen;
          return false;
        }
        for (size_t k = 0; k < 7 - j; ++k) {
          if (left > k && src[at + k] != '=') {
            bad = at + k - 1;
            return false;
          }
        }
        dlen = j;
        end = true;
        if (dlen == 1 || dlen == 3 || dlen == 6) {
          bad = at - 1;
          return false;
        }
        break;
      }
      const char *p = in ? std::strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", in) : nullptr;
      if (!p) {
        bad = at - 1;
        return false;
      }
      dbuf[j++] = static_cast<uint8_t>(p - "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
    }
    uint8_t o[5] = {static_cast<uint8_t>(dbuf[0] << 3 | dbuf[1] >> 2),
                    static_cast<uint8_t>(dbuf[1] << 6 | dbuf[2] << 1 | dbuf[3] >> 4),
                    static_cast<uint8_t>(dbuf[3] << 4 | dbuf[4] >> 1),
                    static_cast<uint8_t>(dbuf[4] << 7 | dbuf[5] << 2 | dbuf[6] >> 3),
                    static_cast<uint8_t>(dbuf[6] << 5 | dbuf[7])};
    static const size_t kBytes[] = {0, 0, 1, 0, 2, 3, 0, 4, 5};
    out.append(reinterpret_cast<const char *>(o), kBytes[dlen]);
    if (end) {
      // Go stops at the first padded quantum; what follows is ignored.
      break;
    }
  }
  return true;
}

std::string base64_encode(std::string_view data) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t at = 0; at < data.size(); at += 3) {
    const size_t n = std::min<size_t>(3, data.size() - at);
    uint32_t v = 0;
    for (size_t k = 0; k < 3; ++k) {
      v = (v << 8) | (k < n ? static_cast<unsigned char>(data[at + k]) : 0);
    }
    for (size_t k = 0; k < 4; ++k) {
      out += k <= n ? kAlphabet[(v >> (18 - 6 * k)) & 63] : '=';
    }
  }
  return out;
}

bool base64_decode(std::string_view src, std::string &out, size_t &bad) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t si = 0;
  while (true) {
    uint8_t dbuf[4] = {};
    size_t dlen = 4;
    bool trailing = false;
    for (size_t j = 0; j < 4; ++j) {
      if (si == src.size()) {
        if (j == 0) {
          return true;
        }
        bad = si - j;
        return false;
      }
      const char in = src[si++];
      const char *p = in ? std::strchr(kAlphabet, in) : nullptr;
      if (p) {
        dbuf[j] = static_cast<uint8_t>(p - kAlphabet);
        continue;
      }
      if (in == '\n' || in == '\r') {
        --j;
        continue;
      }
      if (in != '=' || j < 2) {
        bad = si - 1;
        return false;
      }
      if (j == 2) {
        while (si < src.size() && (src[si] == '\n' || src[si] == '\r')) {
          ++si;
        }
        if (si == src.size()) {
          bad = src.size();
          return false;
        }
        if (src[si] != '=') {
          bad = si - 1;
          return false;
        }
        ++si;
      }
      while (si < src.size() && (src[si] == '\n' || src[si] == '\r')) {
        ++si;
      }
      if (si < src.size()) {
        trailing = true;
        bad = si;
      }
      dlen = j;
      break;
    }
    const uint32_t v = (static_cast<uint32_t>(dbuf[0]) << 18) | (static_cast<uint32_t>(dbuf[1]) << 12) |
                       (static_cast<uint32_t>(dbuf[2]) << 6) | dbuf[3];
    const char o[3] = {static_cast<char>(v >> 16), static_cast<char>((v >> 8) & 0xFF),
                       static_cast<char>(v & 0xFF)};
    out.append(o, dlen - 1);
    if (trailing) {
      return false;
    }
    if (dlen < 4) {
      return true;
    }
  }
}

} // namespace wincompat::helm::crypto
