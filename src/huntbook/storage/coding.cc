#include "huntbook/storage/coding.h"

#include <xxhash.h>

namespace huntbook::storage {

uint64_t Checksum(std::string_view data) { return XXH3_64bits(data.data(), data.size()); }

uint64_t Checksum2(std::string_view a, std::string_view b) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  XXH3_64bits_update(state, a.data(), a.size());
  XXH3_64bits_update(state, b.data(), b.size());
  uint64_t h = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return h;
}

}  // namespace huntbook::storage
