#include "huntbook/server/request_ids.h"

#include <chrono>
#include <cstdio>
#include <random>

#include "huntbook/types/type.h"

namespace huntbook::server {

std::string NewGuid() {
  thread_local std::mt19937_64 generator(std::random_device{}());
  uint64_t high = generator();
  uint64_t low = generator();
  high = (high & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  low = (low & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;    // variant 1
  char text[40];
  std::snprintf(text, sizeof(text), "%08x-%04x-%04x-%04x-%012llx",
                static_cast<unsigned>(high >> 32), static_cast<unsigned>((high >> 16) & 0xffff),
                static_cast<unsigned>(high & 0xffff), static_cast<unsigned>(low >> 48),
                static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text;
}

int64_t NowTicks() {
  auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return kUnixEpochTicks +
         std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count() *
             kTicksPerMicrosecond;
}

}  // namespace huntbook::server
