// Store implementation: data_dir/<workspace>/<table>/ directories, one StoredTable each.
#include "huntbook/storage/store.h"

#include <map>
#include <mutex>

#include "huntbook/storage/store_options.h"
#include "huntbook/storage/stored_table.h"

namespace huntbook::storage {

size_t TableSnapshot::rows() const {
  size_t n = 0;
  for (const ExtentPtr& e : extents) n += e->rows();
  return n;
}

namespace {

// Workspace and table names become directory names: letters, digits, '_', '-', '.', not
// starting with '.'.
Status ValidateName(std::string_view kind, std::string_view name) {
  bool ok = !name.empty() && name.size() <= 255 && name[0] != '.';
  for (char c : name) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' || c == '-' || c == '.');
  }
  if (!ok) {
    return InvalidArgument("invalid " + std::string(kind) + " name '" + std::string(name) +
                           "': use letters, digits, '_', '-' and '.'");
  }
  return Status::OK();
}

// A dropped workspace's directory is renamed to this prefix + its name before its files are
// removed; the leading '.' keeps it out of ListWorkspaces.
constexpr char kTombstonePrefix[] = ".dropped-";

// rm -r of a directory tree (workspace directories are two levels deep).
Status RemoveTree(FileSystem* fs, const std::string& dir) {
  ASSIGN_OR_RETURN(std::vector<std::string> names, fs->ListDir(dir));
  for (const std::string& name : names) {
    const std::string path = JoinPath(dir, name);
    RETURN_IF_ERROR(fs->IsDirectory(path) ? RemoveTree(fs, path) : fs->RemoveFile(path));
  }
  return fs->RemoveDir(dir);
}

// mkdir -p, syncing each parent whose entry was created.
Status CreateDirs(FileSystem* fs, const std::string& dir) {
  if (dir.empty() || fs->IsDirectory(dir)) return Status::OK();
  size_t slash = dir.find_last_of('/', dir.size() >= 2 ? dir.size() - 2 : 0);
  std::string parent = slash == std::string::npos ? "" : (slash == 0 ? "/" : dir.substr(0, slash));
  if (!parent.empty()) RETURN_IF_ERROR(CreateDirs(fs, parent));
  RETURN_IF_ERROR(fs->CreateDir(dir));
  if (!parent.empty()) RETURN_IF_ERROR(fs->SyncDir(parent));
  return Status::OK();
}

class StoreImpl final : public Store {
 public:
  StoreImpl(std::string data_dir, const StoreOptions& options)
      : data_dir_(std::move(data_dir)), options_(options), fs_(options.file_system) {}

  ~StoreImpl() override {
    if (options_.flush_on_close) (void)Flush();
  }

  Status Load() {
    RETURN_IF_ERROR(CreateDirs(fs_, data_dir_));
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(auto workspaces, fs_->ListDir(data_dir_));
    for (const std::string& ws : workspaces) {
      const std::string ws_dir = JoinPath(data_dir_, ws);
      if (ws.rfind(kTombstonePrefix, 0) == 0 && fs_->IsDirectory(ws_dir)) {
        RETURN_IF_ERROR(RemoveTree(fs_, ws_dir));
        continue;
      }
      if (!fs_->IsDirectory(ws_dir) || !ValidateName("workspace", ws).ok()) continue;
      auto& tables = workspaces_[ws];
      ASSIGN_OR_RETURN(auto names, fs_->ListDir(ws_dir));
      for (const std::string& t : names) {
        const std::string t_dir = JoinPath(ws_dir, t);
        if (!fs_->IsDirectory(t_dir) || !ValidateName("table", t).ok()) continue;
        ASSIGN_OR_RETURN(auto table, StoredTable::Open(options_, t_dir));
        tables[t] = std::move(table);
      }
    }
    return Status::OK();
  }

  std::vector<std::string> ListWorkspaces() const override {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::string> names;
    for (const auto& [name, tables] : workspaces_) names.push_back(name);
    return names;
  }

  Status CreateWorkspace(std::string_view workspace) override {
    RETURN_IF_ERROR(ValidateName("workspace", workspace));
    std::lock_guard<std::mutex> lock(mu_);
    return CreateWorkspaceLocked(std::string(workspace));
  }

  std::vector<std::string> ListTables(std::string_view workspace) const override {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::string> names;
    auto it = workspaces_.find(workspace);
    if (it == workspaces_.end()) return names;
    for (const auto& [name, table] : it->second) names.push_back(name);
    return names;
  }

  Status Append(std::string_view workspace, std::string_view table, const Table& rows) override {
    RETURN_IF_ERROR(ValidateName("workspace", workspace));
    RETURN_IF_ERROR(ValidateName("table", table));
    std::shared_ptr<StoredTable> stored;
    {
      std::lock_guard<std::mutex> lock(mu_);
      RETURN_IF_ERROR(CreateWorkspaceLocked(std::string(workspace)));
      auto& tables = workspaces_[std::string(workspace)];
      auto it = tables.find(table);
      if (it != tables.end()) {
        stored = it->second;
      } else {
        const std::string ws_dir = JoinPath(data_dir_, workspace);
        const std::string dir = JoinPath(ws_dir, table);
        RETURN_IF_ERROR(fs_->CreateDir(dir));
        RETURN_IF_ERROR(fs_->SyncDir(ws_dir));
        ASSIGN_OR_RETURN(auto opened, StoredTable::Open(options_, dir));
        stored = std::move(opened);
        tables[std::string(table)] = stored;
      }
    }
    return stored->Append(rows, std::string(workspace) + "." + std::string(table));
  }

  Result<TableSnapshot> Snapshot(std::string_view workspace,
                                 std::string_view table) const override {
    std::shared_ptr<StoredTable> stored = Find(workspace, table);
    if (!stored) {
      return NotFound("table " + std::string(workspace) + "." + std::string(table) +
                      " does not exist");
    }
    return stored->Snapshot();
  }

  Status Flush() override {
    std::vector<std::shared_ptr<StoredTable>> tables;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (const auto& [ws, ts] : workspaces_) {
        for (const auto& [name, t] : ts) tables.push_back(t);
      }
    }
    Status result;
    for (const auto& t : tables) {
      Status s = t->Flush();
      if (result.ok()) result = s;
    }
    return result;
  }

  Status DropWorkspace(std::string_view workspace) override {
    RETURN_IF_ERROR(ValidateName("workspace", workspace));
    std::map<std::string, std::shared_ptr<StoredTable>, std::less<>> tables;
    const std::string ws_dir = JoinPath(data_dir_, workspace);
    const std::string tombstone = JoinPath(data_dir_, kTombstonePrefix + std::string(workspace));
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = workspaces_.find(workspace);
      if (it == workspaces_.end()) {
        return NotFound("workspace '" + std::string(workspace) + "' does not exist");
      }
      if (fs_->IsDirectory(tombstone)) RETURN_IF_ERROR(RemoveTree(fs_, tombstone));
      RETURN_IF_ERROR(fs_->Rename(ws_dir, tombstone));
      RETURN_IF_ERROR(fs_->SyncDir(data_dir_));
      tables = std::move(it->second);
      workspaces_.erase(it);
    }
    // The tables' files now live under the tombstone; close them and remove it.
    for (auto& [name, table] : tables) (void)table->Drop();
    RETURN_IF_ERROR(RemoveTree(fs_, tombstone));
    return fs_->SyncDir(data_dir_);
  }

  Status DropTable(std::string_view workspace, std::string_view table) override {
    std::shared_ptr<StoredTable> stored;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto ws = workspaces_.find(workspace);
      if (ws != workspaces_.end()) {
        auto it = ws->second.find(table);
        if (it != ws->second.end()) {
          stored = it->second;
          ws->second.erase(it);
        }
      }
    }
    if (!stored) {
      return NotFound("table " + std::string(workspace) + "." + std::string(table) +
                      " does not exist");
    }
    RETURN_IF_ERROR(stored->Drop());
    return fs_->SyncDir(JoinPath(data_dir_, workspace));
  }

 private:
  // REQUIRES: mu_ held.
  Status CreateWorkspaceLocked(const std::string& workspace) {
    if (workspaces_.count(workspace)) return Status::OK();
    RETURN_IF_ERROR(fs_->CreateDir(JoinPath(data_dir_, workspace)));
    RETURN_IF_ERROR(fs_->SyncDir(data_dir_));
    workspaces_[workspace];
    return Status::OK();
  }

  std::shared_ptr<StoredTable> Find(std::string_view workspace, std::string_view table) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto ws = workspaces_.find(workspace);
    if (ws == workspaces_.end()) return nullptr;
    auto it = ws->second.find(table);
    return it == ws->second.end() ? nullptr : it->second;
  }

  const std::string data_dir_;
  const StoreOptions options_;
  FileSystem* const fs_;

  mutable std::mutex mu_;
  // Guarded by mu_: workspace -> table -> state. A StoredTable is shared so that Append and
  // Snapshot run outside mu_, under the table's own mutex.
  std::map<std::string, std::map<std::string, std::shared_ptr<StoredTable>, std::less<>>,
           std::less<>>
      workspaces_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenStore(const std::string& data_dir, const StoreOptions& options) {
  StoreOptions resolved = options;
  if (resolved.file_system == nullptr) resolved.file_system = PosixFileSystem();
  auto store = std::make_unique<StoreImpl>(data_dir, resolved);
  RETURN_IF_ERROR(store->Load());
  return std::unique_ptr<Store>(std::move(store));
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& data_dir) {
  return OpenStore(data_dir, StoreOptions());
}

}  // namespace huntbook::storage
