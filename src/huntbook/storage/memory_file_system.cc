#include "huntbook/storage/memory_file_system.h"

#include <algorithm>

namespace huntbook::storage {
namespace {

const std::string& KeyOf(const std::string& path) { return path; }
template <typename Value>
const std::string& KeyOf(const std::pair<const std::string, Value>& entry) {
  return entry.first;
}

std::string Parent(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return "";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string Base(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

class MemoryWritableFile final : public WritableFile {
 public:
  MemoryWritableFile(MemoryFileSystem* fs, std::shared_ptr<MemoryFileSystem::Node> node)
      : fs_(fs), node_(std::move(node)) {}
  Status Append(std::string_view data) override {
    std::lock_guard<std::mutex> lock(fs_->mu_);
    if (fs_->write_budget_ >= 0 && static_cast<int64_t>(data.size()) > fs_->write_budget_) {
      node_->data.append(data.data(), static_cast<size_t>(fs_->write_budget_));
      fs_->write_budget_ = 0;
      return IoError("injected write failure");
    }
    if (fs_->write_budget_ >= 0) fs_->write_budget_ -= static_cast<int64_t>(data.size());
    node_->data.append(data.data(), data.size());
    return Status::OK();
  }
  Status Sync() override {
    std::lock_guard<std::mutex> lock(fs_->mu_);
    if (fs_->fail_sync_) return IoError("injected sync failure");
    node_->durable = node_->data;
    return Status::OK();
  }
  Status Close() override { return Status::OK(); }

 private:
  MemoryFileSystem* fs_;
  std::shared_ptr<MemoryFileSystem::Node> node_;
};

namespace {

class MemoryRandomAccessFile final : public RandomAccessFile {
 public:
  explicit MemoryRandomAccessFile(std::string data) : data_(std::move(data)) {}
  Status Read(uint64_t offset, size_t n, std::string* out) const override {
    if (offset > data_.size() || n > data_.size() - offset) {
      return Corruption("read past the end of file");
    }
    out->assign(data_, static_cast<size_t>(offset), n);
    return Status::OK();
  }
  uint64_t size() const override { return data_.size(); }

 private:
  std::string data_;  // a copy: files read through this are immutable in the store
};

}  // namespace

MemoryFileSystem::MemoryFileSystem() {
  dirs_.insert("/");
  durable_dirs_.insert("/");
}
MemoryFileSystem::~MemoryFileSystem() = default;

bool MemoryFileSystem::ParentExistsLocked(const std::string& path) const {
  std::string parent = Parent(path);
  return parent.empty() || dirs_.count(parent) > 0;
}

Result<std::unique_ptr<WritableFile>> MemoryFileSystem::Open(const std::string& path,
                                                             bool truncate) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!ParentExistsLocked(path)) return NotFound("no such directory: " + Parent(path));
  if (dirs_.count(path)) return IoError("is a directory: " + path);
  auto& node = files_[path];
  if (!node) node = std::make_shared<Node>();
  if (truncate) node->data.clear();
  return std::unique_ptr<WritableFile>(new MemoryWritableFile(this, node));
}

Result<std::unique_ptr<WritableFile>> MemoryFileSystem::NewWritableFile(const std::string& path) {
  return Open(path, /*truncate=*/true);
}

Result<std::unique_ptr<WritableFile>> MemoryFileSystem::NewAppendableFile(const std::string& path) {
  return Open(path, /*truncate=*/false);
}

Result<std::unique_ptr<RandomAccessFile>> MemoryFileSystem::NewRandomAccessFile(
    const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = files_.find(path);
  if (it == files_.end()) return NotFound("no such file: " + path);
  return std::unique_ptr<RandomAccessFile>(new MemoryRandomAccessFile(it->second->data));
}

Status MemoryFileSystem::ReadFile(const std::string& path, std::string* out) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = files_.find(path);
  if (it == files_.end()) return NotFound("no such file: " + path);
  *out = it->second->data;
  return Status::OK();
}

bool MemoryFileSystem::Exists(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  return files_.count(path) > 0 || dirs_.count(path) > 0;
}

bool MemoryFileSystem::IsDirectory(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  return dirs_.count(path) > 0;
}

Result<std::vector<std::string>> MemoryFileSystem::ListDir(const std::string& dir) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!dirs_.count(dir)) return NotFound("no such directory: " + dir);
  std::vector<std::string> names;
  for (const auto& [path, node] : files_) {
    if (Parent(path) == dir) names.push_back(Base(path));
  }
  for (const auto& path : dirs_) {
    if (path != "/" && Parent(path) == dir) names.push_back(Base(path));
  }
  return names;
}

Status MemoryFileSystem::CreateDir(const std::string& dir) {
  std::lock_guard<std::mutex> lock(mu_);
  if (dirs_.count(dir)) return Status::OK();
  if (files_.count(dir)) return IoError("exists as a file: " + dir);
  if (!ParentExistsLocked(dir)) return NotFound("no such directory: " + Parent(dir));
  dirs_.insert(dir);
  return Status::OK();
}

Status MemoryFileSystem::RemoveFile(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!files_.erase(path)) return NotFound("no such file: " + path);
  return Status::OK();
}

Status MemoryFileSystem::RemoveDir(const std::string& dir) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!dirs_.count(dir)) return NotFound("no such directory: " + dir);
  for (const auto& [path, node] : files_) {
    if (Parent(path) == dir) return IoError("directory not empty: " + dir);
  }
  for (const auto& path : dirs_) {
    if (path != dir && Parent(path) == dir) return IoError("directory not empty: " + dir);
  }
  dirs_.erase(dir);
  return Status::OK();
}

Status MemoryFileSystem::Rename(const std::string& from, const std::string& to) {
  std::lock_guard<std::mutex> lock(mu_);
  if (dirs_.count(from)) return RenameDirLocked(from, to);
  auto it = files_.find(from);
  if (it == files_.end()) return NotFound("no such file: " + from);
  if (!ParentExistsLocked(to)) return NotFound("no such directory: " + Parent(to));
  auto node = it->second;
  files_.erase(it);
  files_[to] = std::move(node);
  return Status::OK();
}

Status MemoryFileSystem::RenameDirLocked(const std::string& from, const std::string& to) {
  if (!ParentExistsLocked(to)) return NotFound("no such directory: " + Parent(to));
  if (files_.count(to)) return IoError("cannot rename directory over file: " + to);
  if (dirs_.count(to)) return IoError("rename target directory exists: " + to);
  const std::string prefix = from + "/";
  auto moved = [&](const std::string& path) { return to + path.substr(from.size()); };
  auto move_keys = [&](auto& entries) {
    std::vector<std::string> keys;
    for (const auto& entry : entries) {
      const std::string& path = KeyOf(entry);
      if (path.rfind(prefix, 0) == 0) keys.push_back(path);
    }
    return keys;
  };
  for (auto* files : {&files_, &durable_files_}) {
    for (const std::string& path : move_keys(*files)) {
      auto node = files->at(path);
      files->erase(path);
      (*files)[moved(path)] = std::move(node);
    }
  }
  for (auto* dirs : {&dirs_, &durable_dirs_}) {
    for (const std::string& path : move_keys(*dirs)) {
      dirs->erase(path);
      dirs->insert(moved(path));
    }
  }
  dirs_.erase(from);
  dirs_.insert(to);
  return Status::OK();
}

Status MemoryFileSystem::Truncate(const std::string& path, uint64_t size) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = files_.find(path);
  if (it == files_.end()) return NotFound("no such file: " + path);
  auto& node = *it->second;
  if (size < node.data.size()) node.data.resize(static_cast<size_t>(size));
  node.durable = node.data;
  return Status::OK();
}

Status MemoryFileSystem::SyncDir(const std::string& dir) {
  std::lock_guard<std::mutex> lock(mu_);
  if (fail_sync_) return IoError("injected sync failure");
  if (!dirs_.count(dir)) return NotFound("no such directory: " + dir);
  // Make this directory's entries durable: drop durable entries that are gone, add current.
  for (auto it = durable_files_.begin(); it != durable_files_.end();) {
    if (Parent(it->first) == dir && !files_.count(it->first)) {
      it = durable_files_.erase(it);
    } else {
      ++it;
    }
  }
  for (const auto& [path, node] : files_) {
    if (Parent(path) == dir) durable_files_[path] = node;
  }
  for (auto it = durable_dirs_.begin(); it != durable_dirs_.end();) {
    if (*it != "/" && Parent(*it) == dir && !dirs_.count(*it)) {
      it = durable_dirs_.erase(it);
    } else {
      ++it;
    }
  }
  for (const auto& path : dirs_) {
    if (Parent(path) == dir) durable_dirs_.insert(path);
  }
  return Status::OK();
}

void MemoryFileSystem::SimulateCrash() {
  std::lock_guard<std::mutex> lock(mu_);
  // An entry survives only if its whole directory chain is durable.
  std::set<std::string> dirs;
  for (const auto& d : durable_dirs_) {
    std::string p = d;
    bool reachable = true;
    while (p != "/" && !p.empty()) {
      if (!durable_dirs_.count(p)) reachable = false;
      p = Parent(p);
    }
    if (reachable) dirs.insert(d);
  }
  dirs_ = dirs;
  durable_dirs_ = dirs;
  files_.clear();
  for (auto it = durable_files_.begin(); it != durable_files_.end();) {
    std::string parent = Parent(it->first);
    if (!parent.empty() && !dirs_.count(parent)) {
      it = durable_files_.erase(it);
      continue;
    }
    it->second->data = it->second->durable;
    files_[it->first] = it->second;
    ++it;
  }
  write_budget_ = -1;
  fail_sync_ = false;
}

void MemoryFileSystem::SetWriteBudget(int64_t bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  write_budget_ = bytes;
}

void MemoryFileSystem::SetSyncFailure(bool fail) {
  std::lock_guard<std::mutex> lock(mu_);
  fail_sync_ = fail;
}

Status MemoryFileSystem::WriteWholeFile(const std::string& path, const std::string& data) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = files_.find(path);
  if (it == files_.end()) return NotFound("no such file: " + path);
  it->second->data = data;
  it->second->durable = data;
  return Status::OK();
}

}  // namespace huntbook::storage
