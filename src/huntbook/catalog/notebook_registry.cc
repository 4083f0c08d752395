#include "huntbook/catalog/notebook_registry.h"

#include "huntbook/catalog/name_rules.h"
#include "huntbook/catalog/random_text.h"
#include "huntbook/catalog/string_list.h"

namespace huntbook::catalog {
namespace {

constexpr char kSelectNotebook[] =
    "SELECT id, workspace_id, name, description, data_types, data_sources, path, owner, "
    "created_at FROM notebooks ";

Status ValidateList(std::string_view field, const std::vector<std::string>& items) {
  if (items.size() > 100) {
    return InvalidArgument("notebook " + std::string(field) + ": at most 100 items are allowed");
  }
  for (const std::string& item : items) {
    RETURN_IF_ERROR(ValidateText("notebook " + std::string(field) + " item", item, 256, false));
  }
  return Status::OK();
}

Result<Notebook> ReadNotebook(const SqlStatement& row) {
  Notebook notebook;
  notebook.id = row.Text(0);
  notebook.workspace_id = row.Text(1);
  notebook.spec.name = row.Text(2);
  notebook.spec.description = row.Text(3);
  ASSIGN_OR_RETURN(notebook.spec.data_types, ParseStringList("notebook data_types", row.Text(4)));
  ASSIGN_OR_RETURN(notebook.spec.data_sources,
                   ParseStringList("notebook data_sources", row.Text(5)));
  notebook.spec.path = row.Text(6);
  notebook.owner = row.Text(7);
  notebook.created_at = row.Int(8);
  return notebook;
}

}  // namespace

Status ValidateNotebookPath(std::string_view path) {
  RETURN_IF_ERROR(ValidateText("notebook path", path, 1024, false));
  for (char c : path) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\') {
      return InvalidArgument("notebook path must not contain a backslash or control character");
    }
  }
  if (path.front() == '/') return InvalidArgument("notebook path must be relative");
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view component = path.substr(start, end - start);
    if (component.empty() || component == "." || component == "..") {
      return InvalidArgument("notebook path '" + std::string(path) +
                             "' has an empty, '.' or '..' component");
    }
    start = end + 1;
  }
  return Status::OK();
}

Result<Notebook> NotebookRegistry::Create(std::string_view workspace_id, const NotebookSpec& spec,
                                          std::string_view owner) {
  RETURN_IF_ERROR(ValidateText("notebook name", spec.name, 256, false));
  RETURN_IF_ERROR(ValidateText("notebook description", spec.description, 4096, true));
  RETURN_IF_ERROR(ValidateList("data_types", spec.data_types));
  RETURN_IF_ERROR(ValidateList("data_sources", spec.data_sources));
  RETURN_IF_ERROR(ValidateNotebookPath(spec.path));
  Notebook notebook;
  notebook.id = RandomUuid();
  notebook.workspace_id = std::string(workspace_id);
  notebook.spec = spec;
  notebook.owner = std::string(owner);
  notebook.created_at = clock_->Now();
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("INSERT INTO notebooks(id, workspace_id, name, description, "
                                     "data_types, data_sources, path, owner, created_at) "
                                     "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  Status status = statement.BindText(1, notebook.id)
                      .BindText(2, workspace_id)
                      .BindText(3, spec.name)
                      .BindText(4, spec.description)
                      .BindText(5, FormatStringList(spec.data_types))
                      .BindText(6, FormatStringList(spec.data_sources))
                      .BindText(7, spec.path)
                      .BindText(8, owner)
                      .BindInt(9, notebook.created_at)
                      .Run();
  if (status.code() == StatusCode::kAlreadyExists) {
    return Status(StatusCode::kAlreadyExists,
                  "notebook '" + spec.name + "' already exists in this workspace");
  }
  if (status.code() == StatusCode::kInvalidArgument) {  // the workspace foreign key
    return NotFound("workspace '" + std::string(workspace_id) + "' does not exist");
  }
  RETURN_IF_ERROR(status);
  return notebook;
}

Result<std::vector<Notebook>> NotebookRegistry::List(std::string_view workspace_id) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(
      SqlStatement statement,
      database_.Prepare(std::string(kSelectNotebook) + "WHERE workspace_id = ? ORDER BY name"));
  statement.BindText(1, workspace_id);
  std::vector<Notebook> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) return out;
    ASSIGN_OR_RETURN(Notebook notebook, ReadNotebook(statement));
    out.push_back(std::move(notebook));
  }
}

Result<Notebook> NotebookRegistry::Get(std::string_view workspace_id,
                                       std::string_view notebook_id) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement, database_.Prepare(std::string(kSelectNotebook) +
                                                             "WHERE id = ? AND workspace_id = ?"));
  statement.BindText(1, notebook_id).BindText(2, workspace_id);
  ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return NotFound("notebook '" + std::string(notebook_id) + "' does not exist");
  return ReadNotebook(statement);
}

Status NotebookRegistry::Delete(std::string_view workspace_id, std::string_view notebook_id) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("DELETE FROM notebooks WHERE id = ? AND workspace_id = ?"));
  RETURN_IF_ERROR(statement.BindText(1, notebook_id).BindText(2, workspace_id).Run());
  if (database_.Changes() == 0) {
    return NotFound("notebook '" + std::string(notebook_id) + "' does not exist");
  }
  return Status::OK();
}

}  // namespace huntbook::catalog
