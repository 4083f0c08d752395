// Principal: who is making a request, as established by Authenticator.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "huntbook/catalog/role.h"

namespace huntbook::catalog {

enum class AuthenticationMethod : uint8_t { kAnonymous, kPassword, kApiToken, kSession };

struct Principal {
  int64_t user_id = 0;    // 0 for anonymous
  std::string user_name;  // "anonymous" for anonymous
  AuthenticationMethod method = AuthenticationMethod::kAnonymous;
  std::string credential_id;  // the API token id or session id used, else ""
  // An anonymous principal holds this role at server scope and nothing else; the server
  // creates one only when anonymous access was enabled on loopback.
  std::optional<BuiltinRole> anonymous_role;

  static Principal Anonymous(BuiltinRole role) {
    Principal principal;
    principal.user_name = "anonymous";
    principal.anonymous_role = role;
    return principal;
  }
  bool is_anonymous() const { return method == AuthenticationMethod::kAnonymous; }
};

}  // namespace huntbook::catalog
