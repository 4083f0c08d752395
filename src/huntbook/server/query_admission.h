// QueryAdmission: per-user concurrency limit, as Log Analytics throttles queries
// (https://learn.microsoft.com/azure/azure-monitor/service-limits#la-query-api: "Maximum of
// 5 concurrent queries per user", further queries queued up to 200, a queued query waiting
// over 3 minutes is rejected with 429).
//
// Thread safety: all methods may be called concurrently.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>

#include "huntbook/common/status.h"

namespace huntbook::server {

struct AdmissionLimits {
  int max_running_per_user = 5;
  int max_queued_per_user = 200;
  std::chrono::milliseconds max_queue_wait{180'000};
};

class QueryAdmission {
 public:
  explicit QueryAdmission(AdmissionLimits limits) : limits_(limits) {}

  // A running slot; releases it when destroyed. Movable.
  class Ticket {
   public:
    Ticket() = default;
    Ticket(QueryAdmission* owner, std::string user) : owner_(owner), user_(std::move(user)) {}
    Ticket(Ticket&& other) noexcept : owner_(other.owner_), user_(std::move(other.user_)) {
      other.owner_ = nullptr;
    }
    Ticket& operator=(Ticket&& other) noexcept;
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    ~Ticket();

   private:
    QueryAdmission* owner_ = nullptr;
    std::string user_;
  };

  // Waits for a running slot of `user`. ResourceExhausted ("too many requests") when the
  // user's queue is full or the wait exceeds min(max_queue_wait, wait_budget); the caller
  // answers 429 with Retry-After.
  Result<Ticket> Admit(const std::string& user, std::chrono::milliseconds wait_budget);

  int Running(const std::string& user) const;

 private:
  void Release(const std::string& user);
  struct UserState {
    int running = 0;
    int queued = 0;
  };
  AdmissionLimits limits_;
  mutable std::mutex mutex_;
  std::condition_variable released_;
  std::map<std::string, UserState> users_;  // GUARDED_BY(mutex_)
};

}  // namespace huntbook::server
