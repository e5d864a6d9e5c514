// Small cryptographic primitives Sprig's functions need (SHA-1, SHA-512,
// HMAC-SHA256, scrypt, AES-256-CBC, Adler-32, base32, base64), written
// from their specifications (FIPS 180-4, RFC 2104, RFC 7914, FIPS 197,
// RFC 1950, RFC 4648), so the engine needs no crypto library. Bytes are
// std::string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace wincompat::helm::crypto {

std::string sha1(std::string_view data);
std::string sha256(std::string_view data);
std::string sha512(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);
/// scrypt (RFC 7914); `n` a power of two.
std::string scrypt(std::string_view password, std::string_view salt, uint32_t n, uint32_t r, uint32_t p,
                   size_t length);
/// AES-256-CBC over whole blocks (`data.size()` a multiple of 16).
std::string aes256_cbc_encrypt(std::string_view key, std::string_view iv, std::string_view data);
std::string aes256_cbc_decrypt(std::string_view key, std::string_view iv, std::string_view data);
uint32_t adler32(std::string_view data);
std::string hex(std::string_view data);
/// RFC 4648 base32 with padding (Go's base32.StdEncoding).
std::string base32_encode(std::string_view data);
/// False when `text` is not valid base32; `bad` is the offset Go reports.
bool base32_decode(std::string_view text, std::string &out, size_t &bad);
/// RFC 4648 base64 with padding (Go's base64.StdEncoding).
std::string base64_encode(std::string_view data);
/// False when `text` is not valid base64; `bad` is the offset Go reports.
bool base64_decode(std::string_view text, std::string &out, size_t &bad);

} // namespace wincompat::helm::crypto
