// Identifiers the server puts on responses: x-ms-activity-id, correlation ids.
#pragma once

#include <cstdint>
#include <string>

namespace huntbook::server {

// A random (version 4) GUID in canonical lower-case form. Thread-safe.
std::string NewGuid();

// The current UTC time in ticks (100 ns since 0001-01-01).
int64_t NowTicks();

}  // namespace huntbook::server
