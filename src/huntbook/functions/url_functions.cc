// URL and path parsing: parse_url (alias parseurl), parse_urlquery (alias parseurlquery),
// parse_path. Each returns a dynamic property bag of string parts. parse_user_agent is
// registered but fails with NotSupported: Kusto's answers come from the UA-Parser and
// browscap rule databases, which huntbook does not ship, so no faithful result is possible.
// https://learn.microsoft.com/kusto/query/parse-url-function
// https://learn.microsoft.com/kusto/query/parse-urlquery-function
// https://learn.microsoft.com/kusto/query/parse-path-function
//
// parse_url splits "scheme://user:password@host:port/path?query#fragment" into Scheme, Host,
// Port, Path, Username, Password, Query Parameters (a bag of url-decoded key -> value) and
// Fragment; missing parts are "". The Path keeps its leading "/" (as Kusto's engine returns
// it; the documented example output omits it). Text without "scheme://" is not an absolute
// URL and gives an empty bag.
#include <string>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/scalar_families.h"

namespace huntbook::functions {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Decode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out.push_back(' ');
    } else if (in[i] == '%' && i + 2 < in.size() && HexValue(in[i + 1]) >= 0 &&
               HexValue(in[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2])));
      i += 2;
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

// "k1=v1&k2=v2" -> {"k1":"v1","k2":"v2"}; a key without '=' maps to ""; empty items skip.
Dynamic QueryParameters(std::string_view query) {
  Dynamic::Object members;
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    std::string_view item =
        query.substr(start, amp == std::string_view::npos ? query.npos : amp - start);
    if (!item.empty()) {
      size_t eq = item.find('=');
      std::string key = Decode(item.substr(0, eq));
      std::string value = eq == std::string_view::npos ? "" : Decode(item.substr(eq + 1));
      members.emplace_back(std::move(key), Dynamic::String(std::move(value)));
    }
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  return Dynamic::MakeObject(std::move(members));
}

bool IsSchemeChar(char c, bool first) {
  bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return first ? alpha : alpha || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

// Length of a leading "scheme" when the text starts with "scheme://", else 0.
size_t SchemeLength(std::string_view text) {
  size_t n = 0;
  while (n < text.size() && IsSchemeChar(text[n], n == 0)) ++n;
  return n > 0 && text.substr(n, 3) == "://" ? n : 0;
}

Dynamic ParseUrl(std::string_view url) {
  size_t scheme_length = SchemeLength(url);
  if (scheme_length == 0) return Dynamic::MakeObject({});
  std::string_view scheme = url.substr(0, scheme_length);
  std::string_view rest = url.substr(scheme_length + 3);
  std::string_view fragment, query;
  if (size_t hash = rest.find('#'); hash != std::string_view::npos) {
    fragment = rest.substr(hash + 1);
    rest = rest.substr(0, hash);
  }
  if (size_t question = rest.find('?'); question != std::string_view::npos) {
    query = rest.substr(question + 1);
    rest = rest.substr(0, question);
  }
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash);
  std::string_view user, password;
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view info = authority.substr(0, at);
    authority = authority.substr(at + 1);
    size_t colon = info.find(':');
    user = info.substr(0, colon);
    if (colon != std::string_view::npos) password = info.substr(colon + 1);
  }
  std::string_view host = authority, port;
  size_t bracket = authority.rfind(']');
  size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  Dynamic::Object parts;
  parts.emplace_back("Scheme", Dynamic::String(std::string(scheme)));
  parts.emplace_back("Host", Dynamic::String(std::string(host)));
  parts.emplace_back("Port", Dynamic::String(std::string(port)));
  parts.emplace_back("Path", Dynamic::String(std::string(path)));
  parts.emplace_back("Username", Dynamic::String(std::string(user)));
  parts.emplace_back("Password", Dynamic::String(std::string(password)));
  parts.emplace_back("Query Parameters", QueryParameters(query));
  parts.emplace_back("Fragment", Dynamic::String(std::string(fragment)));
  return Dynamic::MakeObject(std::move(parts));
}

bool IsSeparator(char c) { return c == '/' || c == '\\'; }

// parse_path: see the documented examples (C:\temp\file.txt, file://C:/temp/file.txt:some.exe,
// \\shared\users\temp\file.txt.gz, /usr/lib/temp/file.txt, temp\file.txt).
Dynamic ParsePath(std::string_view path) {
  std::string_view scheme;
  if (size_t n = SchemeLength(path); n > 1) {  // one letter + ":" is a drive, not a scheme
    scheme = path.substr(0, n);
    path = path.substr(n + 3);
  }
  std::string_view root_search = path;
  if (root_search.substr(0, 4) == "\\\\?\\") root_search.remove_prefix(4);  // long path
  std::string_view root;
  if (root_search.size() >= 2 && root_search[1] == ':' && IsSchemeChar(root_search[0], true)) {
    root = root_search.substr(0, 2);
  }
  size_t last = path.find_last_of("/\\");
  std::string_view directory = last == std::string_view::npos ? "" : path.substr(0, last);
  std::string_view file = last == std::string_view::npos ? path : path.substr(last + 1);
  if (last == std::string_view::npos && !root.empty() && root.data() == path.data()) {
    directory = root;  // "C:file.txt"
    file = path.substr(2);
  }
  std::string_view stream;
  if (size_t colon = file.find(':'); colon != std::string_view::npos) {
    stream = file.substr(colon + 1);
    file = file.substr(0, colon);
  }
  size_t dot = file.rfind('.');
  std::string_view extension = dot == std::string_view::npos ? "" : file.substr(dot + 1);
  std::string_view directory_name = directory;
  while (!directory_name.empty() && IsSeparator(directory_name.back())) {
    directory_name.remove_suffix(1);
  }
  size_t name_start = directory_name.find_last_of("/\\");
  if (name_start != std::string_view::npos) directory_name.remove_prefix(name_start + 1);
  Dynamic::Object parts;
  parts.emplace_back("Scheme", Dynamic::String(std::string(scheme)));
  parts.emplace_back("RootPath", Dynamic::String(std::string(root)));
  parts.emplace_back("DirectoryPath", Dynamic::String(std::string(directory)));
  parts.emplace_back("DirectoryName", Dynamic::String(std::string(directory_name)));
  parts.emplace_back("Filename", Dynamic::String(std::string(file)));
  parts.emplace_back("Extension", Dynamic::String(std::string(extension)));
  parts.emplace_back("AlternateDataStreamName", Dynamic::String(std::string(stream)));
  return Dynamic::MakeObject(std::move(parts));
}

void Register(const std::string& name, const std::string& page,
              Dynamic (*parse)(std::string_view)) {
  BindFn bind = FixedResultBind(name, {ArgRule::kString}, TypeKind::kDynamic);
  RegisterScalarFunction(
      {name, "https://learn.microsoft.com/kusto/query/" + page, 1, 1, bind,
       MakeRowKernel(bind, [parse](std::span<const Value> args, const EvalContext&) {
         return Value::Dyn(parse(args[0].string_value()));
       })});
}

Dynamic ParseUrlQuery(std::string_view query) {
  if (!query.empty() && query.front() == '?') query.remove_prefix(1);
  return Dynamic::MakeObject({{"Query Parameters", QueryParameters(query)}});
}

}  // namespace

void RegisterUrlFunctions() {
  Register("parse_url", "parse-url-function", ParseUrl);
  Register("parseurl", "parse-url-function", ParseUrl);
  Register("parse_urlquery", "parse-urlquery-function", ParseUrlQuery);
  Register("parseurlquery", "parse-urlquery-function", ParseUrlQuery);
  Register("parse_path", "parse-path-function", ParsePath);
  RegisterScalarFunction(
      {"parse_user_agent", "https://learn.microsoft.com/kusto/query/parse-user-agent-function", 2,
       2,
       FixedResultBind("parse_user_agent", {ArgRule::kString, ArgRule::kAny}, TypeKind::kDynamic),
       [](std::span<const ColumnPtr>, size_t, const EvalContext&) -> Result<ColumnPtr> {
         return NotSupported(
             "parse_user_agent (needs the UA-Parser/browscap rule databases, not shipped)");
       }});
}

}  // namespace huntbook::functions
