#include "huntbook/server/router.h"

namespace huntbook::server {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> segments;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > pos) segments.push_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return segments;
}

bool MatchPattern(std::string_view pattern, std::string_view path,
                  std::map<std::string, std::string>* captures) {
  std::vector<std::string_view> want = Segments(pattern);
  std::vector<std::string_view> have = Segments(path);
  if (want.size() != have.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < want.size(); ++i) {
    std::string_view segment = want[i];
    if (segment.size() > 2 && segment.front() == '{' && segment.back() == '}') {
      found[std::string(segment.substr(1, segment.size() - 2))] = std::string(have[i]);
    } else if (segment != have[i]) {
      return false;
    }
  }
  *captures = std::move(found);
  return true;
}

}  // namespace

void Router::Add(Route route) { routes_.push_back(std::move(route)); }

RouteMatch Router::Match(std::string_view method, std::string_view path) const {
  RouteMatch match;
  for (const Route& route : routes_) {
    std::map<std::string, std::string> captures;
    if (!MatchPattern(route.pattern, path, &captures)) continue;
    bool method_ok = false;
    for (const std::string& allowed : route.methods) {
      if (allowed == method) method_ok = true;
    }
    if (!method_ok) {
      match.method_not_allowed = true;
      continue;
    }
    match.route = &route;
    match.method_not_allowed = false;
    match.captures = std::move(captures);
    return match;
  }
  return match;
}

}  // namespace huntbook::server
