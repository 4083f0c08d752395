// parse_command_line(command_line, parser_type): the arguments of a Windows command line
// as CommandLineToArgvW splits them; "windows" is the only parser type.
// https://learn.microsoft.com/kusto/query/parse-command-line-function
//
// Rules (Microsoft's "Parsing C++ command-line arguments", which CommandLineToArgvW
// follows): arguments are separated by spaces and tabs. The first argument (the program)
// ends at the first space or tab, or, when it starts with a double quote, at the next
// double quote (backslashes are literal there). In later arguments a double quote toggles
// quoted mode (where spaces are literal); 2n backslashes before a double quote give n
// backslashes and the quote toggles; 2n+1 backslashes give n backslashes and a literal
// quote; other backslashes are literal; inside quotes, "" gives a literal quote. An empty
// or all-blank command line gives [].
#include <string>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/scalar_families.h"

namespace huntbook::functions {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

Dynamic::Array SplitWindowsCommandLine(std::string_view text) {
  Dynamic::Array args;
  size_t i = 0;
  while (i < text.size() && IsBlank(text[i])) ++i;
  if (i == text.size()) return args;
  // The program name.
  std::string program;
  if (text[i] == '"') {
    size_t close = text.find('"', i + 1);
    program = std::string(text.substr(i + 1, close == text.npos ? text.npos : close - i - 1));
    i = close == text.npos ? text.size() : close + 1;
  }
  while (i < text.size() && !IsBlank(text[i])) program.push_back(text[i++]);
  args.push_back(Dynamic::String(std::move(program)));
  while (true) {
    while (i < text.size() && IsBlank(text[i])) ++i;
    if (i >= text.size()) break;
    std::string arg;
    bool quoted = false;
    while (i < text.size() && (quoted || !IsBlank(text[i]))) {
      if (text[i] == '\\') {
        size_t backslashes = 0;
        while (i < text.size() && text[i] == '\\') {
          ++backslashes;
          ++i;
        }
        if (i < text.size() && text[i] == '"') {
          arg.append(backslashes / 2, '\\');
          if (backslashes % 2 == 1) {
            arg.push_back('"');
            ++i;
          }
        } else {
          arg.append(backslashes, '\\');
        }
      } else if (text[i] == '"') {
        if (quoted && i + 1 < text.size() && text[i + 1] == '"') {
          arg.push_back('"');
          i += 2;
        } else {
          quoted = !quoted;
          ++i;
        }
      } else {
        arg.push_back(text[i++]);
      }
    }
    args.push_back(Dynamic::String(std::move(arg)));
  }
  return args;
}

Result<ColumnPtr> ParseCommandLineKernel(std::span<const ColumnPtr> args, size_t rows,
                                         const EvalContext&) {
  auto out = std::make_shared<Column>(TypeKind::kDynamic);
  out->Reserve(rows);
  std::string line_scratch, type_scratch;
  for (size_t i = 0; i < rows; ++i) {
    std::string_view parser = TextOf(*args[1], i, &type_scratch);
    if (parser != "windows") {
      return InvalidArgument("parse_command_line(): parser_type must be \"windows\", got \"" +
                             std::string(parser) + "\"");
    }
    out->AppendDynamic(
        Dynamic::MakeArray(SplitWindowsCommandLine(TextOf(*args[0], i, &line_scratch))));
  }
  return ColumnPtr(out);
}

}  // namespace

void RegisterCommandLineFunctions() {
  RegisterScalarFunction({"parse_command_line",
                          "https://learn.microsoft.com/kusto/query/parse-command-line-function", 2,
                          2,
                          FixedResultBind("parse_command_line",
                                          {ArgRule::kString, ArgRule::kString}, TypeKind::kDynamic),
                          ParseCommandLineKernel});
}

}  // namespace huntbook::functions
