#include "security_event_writer.h"

#include <charconv>

namespace huntbook::bench {
namespace {

constexpr int64_t kMillisPerDay = 86'400'000;

void AppendInt(int64_t value, std::string* out) {
  char buffer[24];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out->append(buffer, end);
}

void AppendDigits(int value, int width, std::string* out) {
  char buffer[8];
  for (int i = width - 1; i >= 0; --i) {
    buffer[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out->append(buffer, width);
}

// Days since 1970-01-01 -> proleptic Gregorian year/month/day (era arithmetic on 400-year
// cycles, valid for all non-negative day counts used here).
void CivilFromDays(int64_t days, int* year, int* month, int* day) {
  days += 719'468;  // Shift the epoch to 0000-03-01.
  const int64_t era = days / 146'097;
  const int64_t day_of_era = days - era * 146'097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36'524 - day_of_era / 146'096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t month_index = (5 * day_of_year + 2) / 153;  // 0 = March.
  *day = static_cast<int>(day_of_year - (153 * month_index + 2) / 5 + 1);
  *month = static_cast<int>(month_index < 10 ? month_index + 3 : month_index - 9);
  *year = static_cast<int>(year_of_era + era * 400 + (*month <= 2 ? 1 : 0));
}

// The writers see every row of a time-ordered stream, so the date part is cached.
struct DateCache {
  int64_t day = -1;
  char text[11];  // "YYYY-MM-DD"
};
thread_local DateCache date_cache;

}  // namespace

void AppendIsoTime(int64_t time_ms, std::string* out) {
  const int64_t day = time_ms / kMillisPerDay;
  if (day != date_cache.day) {
    int year, month, day_of_month;
    CivilFromDays(day, &year, &month, &day_of_month);
    std::string text;
    AppendDigits(year, 4, &text);
    text += '-';
    AppendDigits(month, 2, &text);
    text += '-';
    AppendDigits(day_of_month, 2, &text);
    text.copy(date_cache.text, 10);
    date_cache.day = day;
  }
  out->append(date_cache.text, 10);
  int64_t millis = time_ms % kMillisPerDay;
  out->push_back('T');
  AppendDigits(static_cast<int>(millis / 3'600'000), 2, out);
  out->push_back(':');
  AppendDigits(static_cast<int>(millis / 60'000 % 60), 2, out);
  out->push_back(':');
  AppendDigits(static_cast<int>(millis / 1000 % 60), 2, out);
  out->push_back('.');
  AppendDigits(static_cast<int>(millis % 1000), 3, out);
  out->push_back('Z');
}

void AppendJsonString(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t run_start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(text.data() + run_start, i - run_start);
    run_start = i + 1;
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
  }
  out->append(text.data() + run_start, text.size() - run_start);
  out->push_back('"');
}

void AppendCsvQuoted(std::string_view text, std::string* out) {
  out->push_back('"');
  size_t run_start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '"') continue;
    out->append(text.data() + run_start, i + 1 - run_start);  // Includes the quote...
    out->push_back('"');                                      // ...which is doubled.
    run_start = i + 1;
  }
  out->append(text.data() + run_start, text.size() - run_start);
  out->push_back('"');
}

namespace {

// The value of column `index` (kSecurityEventColumns order); both writers go through it, so
// they emit the same columns in the same order.
struct FieldRef {
  ColumnKind kind;
  std::string_view text;
  int64_t number;
};

static_assert(kSecurityEventColumns.size() == 22, "Field() must list every column");

FieldRef Field(const SecurityEvent& row, size_t index) {
  switch (index) {
    case 0:
      return {ColumnKind::kDatetime, {}, row.time_ms};
    case 1:
      return {ColumnKind::kString, row.computer, 0};
    case 2:
      return {ColumnKind::kInt, {}, row.event_id};
    case 3:
      return {ColumnKind::kString, row.activity, 0};
    case 4:
      return {ColumnKind::kString, row.account, 0};
    case 5:
      return {ColumnKind::kString, row.account_type, 0};
    case 6:
      return {ColumnKind::kString, row.target_user_name, 0};
    case 7:
      return {ColumnKind::kString, row.target_domain_name, 0};
    case 8:
      return {ColumnKind::kString, row.subject_user_name, 0};
    case 9:
      return {ColumnKind::kString, row.subject_domain_name, 0};
    case 10:
      return {ColumnKind::kString, row.subject_logon_id, 0};
    case 11:
      return {ColumnKind::kString, row.target_logon_id, 0};
    case 12:
      return {ColumnKind::kString, row.ip_address, 0};
    case 13:
      return {ColumnKind::kString, row.workstation_name, 0};
    case 14:
      return {ColumnKind::kInt, {}, row.logon_type};  // 0 = null
    case 15:
      return {ColumnKind::kString, row.status, 0};
    case 16:
      return {ColumnKind::kString, row.process, 0};
    case 17:
      return {ColumnKind::kString, row.new_process_name, 0};
    case 18:
      return {ColumnKind::kString, row.parent_process_name, 0};
    case 19:
      return {ColumnKind::kString, row.command_line, 0};
    case 20:
      return {ColumnKind::kString, row.event_source_name, 0};
    default:
      return {ColumnKind::kDynamic, row.event_data, 0};
  }
}

}  // namespace

void AppendJsonLine(const SecurityEvent& row, std::string* out) {
  out->push_back('{');
  for (size_t i = 0; i < kSecurityEventColumns.size(); ++i) {
    if (i > 0) out->push_back(',');
    out->push_back('"');
    out->append(kSecurityEventColumns[i].name);
    out->append("\":");
    const FieldRef field = Field(row, i);
    switch (field.kind) {
      case ColumnKind::kDatetime:
        out->push_back('"');
        AppendIsoTime(field.number, out);
        out->push_back('"');
        break;
      case ColumnKind::kString:
        AppendJsonString(field.text, out);
        break;
      case ColumnKind::kInt:
        if (field.number == 0) {
          out->append("null");
        } else {
          AppendInt(field.number, out);
        }
        break;
      case ColumnKind::kDynamic:
        out->append(field.text);
        break;
    }
  }
  out->append("}\n");
}

void AppendCsvHeader(std::string* out) {
  for (size_t i = 0; i < kSecurityEventColumns.size(); ++i) {
    if (i > 0) out->push_back(',');
    out->append(kSecurityEventColumns[i].name);
  }
  out->push_back('\n');
}

void AppendCsvRow(const SecurityEvent& row, std::string* out) {
  for (size_t i = 0; i < kSecurityEventColumns.size(); ++i) {
    if (i > 0) out->push_back(',');
    const FieldRef field = Field(row, i);
    switch (field.kind) {
      case ColumnKind::kDatetime:
        AppendIsoTime(field.number, out);
        break;
      case ColumnKind::kString:
      case ColumnKind::kDynamic:
        AppendCsvQuoted(field.text, out);
        break;
      case ColumnKind::kInt:
        if (field.number != 0) AppendInt(field.number, out);
        break;
    }
  }
  out->push_back('\n');
}

}  // namespace huntbook::bench
