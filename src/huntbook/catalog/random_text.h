// Random identifiers and secrets from libsodium's CSPRNG (randombytes_buf).
#pragma once

#include <cstddef>
#include <string>

#include "huntbook/common/status.h"

namespace huntbook::catalog {

// Initialises libsodium once per process; safe to call from any thread, any number of times.
Status InitializeSodium();

// A random (version 4) UUID in canonical lower-case form, e.g. workspace and bookmark ids.
std::string RandomUuid();

// `bytes` random bytes as lower-case hex (2 * bytes characters).
std::string RandomHex(size_t bytes);

// `bytes` random bytes as URL-safe base64 without padding.
std::string RandomUrlSafe(size_t bytes);

// Binary to URL-safe base64 without padding.
std::string UrlSafeBase64(const std::string& bytes);

}  // namespace huntbook::catalog
