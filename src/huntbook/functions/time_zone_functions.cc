// datetime_utc_to_local(from, timezone), datetime_local_to_utc(from, timezone).
// https://learn.microsoft.com/kusto/query/datetime-utc-to-local-function
// https://learn.microsoft.com/kusto/query/datetime-local-to-utc-function
// https://learn.microsoft.com/kusto/query/timezone
//
// Zones, name matching and the DST gap/overlap rule are TimeZone's (time_zone.h). A null
// datetime or an empty timezone gives null, as does a result outside the datetime range.
// The pages require a supported timezone and say nothing of other strings, so an unknown
// name is an InvalidArgument naming it rather than a silent null.
#include <optional>
#include <string>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/scalar_families.h"
#include "huntbook/functions/time_zone.h"

namespace huntbook::functions {
namespace {

using Conversion = std::optional<int64_t> (TimeZone::*)(int64_t) const;

template <Conversion convert>
Result<ColumnPtr> TimeZoneKernel(std::span<const ColumnPtr> args, size_t rows, const EvalContext&) {
  IntColumnWriter out(TypeKind::kDateTime, rows);
  const Column& from = *args[0];
  const Column& zone_names = *args[1];
  std::optional<TimeZone> zone;  // the last zone looked up, usually a constant argument
  std::string zone_name;
  for (size_t i = 0; i < rows; ++i) {
    std::string scratch;
    const std::string_view name =
        IsNullAt(zone_names, i) ? std::string_view() : TextOf(zone_names, i, &scratch);
    if (IsNullAt(from, i) || name.empty()) {
      out.SetNull(i);
      continue;
    }
    if (!zone || name != zone_name) {
      ASSIGN_OR_RETURN(TimeZone found, TimeZone::Find(name));
      zone = found;
      zone_name = std::string(name);
    }
    std::optional<int64_t> ticks = ((*zone).*convert)(from.GetInt(At(from, i)));
    if (ticks) {
      out.Set(i, *ticks);
    } else {
      out.SetNull(i);
    }
  }
  return out.Finish();
}

void Register(const std::string& name, const std::string& page, KernelFn kernel) {
  RegisterScalarFunction(
      {name, "https://learn.microsoft.com/kusto/query/" + page, 2, 2,
       FixedResultBind(name, {ArgRule::kDateTime, ArgRule::kString}, TypeKind::kDateTime),
       std::move(kernel)});
}

}  // namespace

void RegisterTimeZoneFunctions() {
  Register("datetime_utc_to_local", "datetime-utc-to-local-function",
           TimeZoneKernel<&TimeZone::UtcToLocal>);
  Register("datetime_local_to_utc", "datetime-local-to-utc-function",
           TimeZoneKernel<&TimeZone::LocalToUtc>);
}

}  // namespace huntbook::functions
