// Clock: the catalog's source of "now", injectable so tests control expiry.
//
// Times throughout the catalog are Kusto datetime ticks (100 ns since 0001-01-01 UTC, see
// types/type.h), so they go into HuntingBookmark rows without conversion.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

namespace huntbook::catalog {

class Clock {
 public:
  virtual ~Clock() = default;
  // Current time in datetime ticks. Thread-safe.
  virtual int64_t Now() const = 0;
};

// The system's wall clock.
std::shared_ptr<Clock> SystemClock();

// A clock that moves only when told to (tests). Thread-safe.
class ManualClock : public Clock {
 public:
  explicit ManualClock(int64_t now) : now_(now) {}
  int64_t Now() const override { return now_.load(); }
  void Set(int64_t now) { now_.store(now); }
  void Advance(int64_t ticks) { now_.fetch_add(ticks); }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace huntbook::catalog
