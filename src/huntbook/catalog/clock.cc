#include "huntbook/catalog/clock.h"

#include <chrono>

#include "huntbook/types/type.h"

namespace huntbook::catalog {
namespace {

class WallClock : public Clock {
 public:
  int64_t Now() const override {
    auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    int64_t micros = std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count();
    return kUnixEpochTicks + micros * kTicksPerMicrosecond;
  }
};

}  // namespace

std::shared_ptr<Clock> SystemClock() {
  static const std::shared_ptr<Clock> clock = std::make_shared<WallClock>();
  return clock;
}

}  // namespace huntbook::catalog
