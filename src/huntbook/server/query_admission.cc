#include "huntbook/server/query_admission.h"

#include <algorithm>

namespace huntbook::server {

QueryAdmission::Ticket& QueryAdmission::Ticket::operator=(Ticket&& other) noexcept {
  if (this != &other) {
    if (owner_ != nullptr) owner_->Release(user_);
    owner_ = other.owner_;
    user_ = std::move(other.user_);
    other.owner_ = nullptr;
  }
  return *this;
}

QueryAdmission::Ticket::~Ticket() {
  if (owner_ != nullptr) owner_->Release(user_);
}

Result<QueryAdmission::Ticket> QueryAdmission::Admit(const std::string& user,
                                                     std::chrono::milliseconds wait_budget) {
  std::unique_lock<std::mutex> lock(mutex_);
  UserState& state = users_[user];
  if (state.running < limits_.max_running_per_user) {
    ++state.running;
    return Ticket(this, user);
  }
  if (state.queued >= limits_.max_queued_per_user) {
    return ResourceExhausted("too many requests: " + std::to_string(state.running) +
                             " queries running and " + std::to_string(state.queued) +
                             " queued for this user");
  }
  ++state.queued;
  auto deadline = std::chrono::steady_clock::now() + std::min(wait_budget, limits_.max_queue_wait);
  bool admitted = released_.wait_until(
      lock, deadline, [&] { return users_[user].running < limits_.max_running_per_user; });
  UserState& after = users_[user];
  --after.queued;
  if (!admitted) {
    return ResourceExhausted("too many requests: the query waited too long in this user's queue");
  }
  ++after.running;
  return Ticket(this, user);
}

int QueryAdmission::Running(const std::string& user) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = users_.find(user);
  return it == users_.end() ? 0 : it->second.running;
}

void QueryAdmission::Release(const std::string& user) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    UserState& state = users_[user];
    --state.running;
    if (state.running == 0 && state.queued == 0) users_.erase(user);
  }
  released_.notify_all();
}

}  // namespace huntbook::server
