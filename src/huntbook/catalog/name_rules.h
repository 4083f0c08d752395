// Validation of the names and texts the catalog stores. Every error names the field and
// says what is allowed, e.g. "workspace name 'a b': only letters, digits, '-' and '_' are
// allowed". Names are compared case-insensitively (ASCII) by the catalog, as Azure does.
#pragma once

#include <string_view>

#include "huntbook/common/status.h"

namespace huntbook::catalog {

// Resource groups, workspaces and roles: 1 to 63 characters of [A-Za-z0-9_-], starting with
// a letter or digit.
inline constexpr size_t kMaxResourceNameLength = 63;
Status ValidateResourceName(std::string_view field, std::string_view name);

// User names: 1 to 128 characters of [A-Za-z0-9._@-], starting with a letter or digit (so
// e-mail addresses work).
inline constexpr size_t kMaxUserNameLength = 128;
Status ValidateUserName(std::string_view name);

// Secret names: 1 to 127 characters of [A-Za-z0-9._-], starting with a letter or digit.
inline constexpr size_t kMaxSecretNameLength = 127;
Status ValidateSecretName(std::string_view name);

// Free text (notes, descriptions, query text): valid UTF-8, no NUL byte, at most
// `max_bytes` bytes; `allow_empty` false also rejects "" and all-whitespace text.
Status ValidateText(std::string_view field, std::string_view text, size_t max_bytes,
                    bool allow_empty);

// ASCII case-insensitive equality (names).
bool NamesEqual(std::string_view a, std::string_view b);

}  // namespace huntbook::catalog
