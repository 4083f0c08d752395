// Every real sample file in the shared corpus reads without error, with the row counts of
// its README and sensible types for key columns. The corpus is required: a missing
// directory fails the test (HUNTBOOK_CORPUS_DATA, default $HUNTBOOK_SOURCE_DIR/../shared/
// corpus/data).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>

#include "huntbook/ingest/reader.h"

namespace huntbook::ingest {
namespace {

std::string CorpusDir() {
  if (const char* dir = std::getenv("HUNTBOOK_CORPUS_DATA")) return dir;
  const char* source = std::getenv("HUNTBOOK_SOURCE_DIR");
  return std::string(source ? source : ".") + "/../shared/corpus/data";
}

struct Expected {
  size_t rows;
  std::map<std::string, TypeKind> types;
};

// Row counts from corpus/data/README.md.
const std::map<std::string, Expected>& ExpectedFiles() {
  using T = TypeKind;
  static const auto* kFiles = new std::map<std::string, Expected>{
      {"host_logons.csv",
       {14,
        {{"EventID", T::kLong},
         {"TimeGenerated", T::kDateTime},
         {"LogonType", T::kLong},
         {"TargetUserName", T::kString}}}},
      {"processes_on_host.csv",
       {363,
        {{"EventID", T::kLong},
         {"TimeGenerated", T::kDateTime},
         {"CommandLine", T::kString},
         {"NewProcessName", T::kString}}}},
      {"syslog_data.csv", {100, {{"TimeGenerated", T::kDateTime}, {"Computer", T::kString}}}},
      {"az_net_flows.csv", {460, {{"FlowStartTime", T::kDateTime}, {"PublicIPs", T::kString}}}},
      {"alertlist.csv", {189, {{"StartTimeUtc", T::kDateTime}, {"Entities", T::kDynamic}}}},
      {"host_hb.csv", {1, {{"TimeGenerated", T::kDateTime}}}},
      {"demo_exchange_data.csv",
       {1334, {{"TimeGenerated", T::kDateTime}, {"Operation", T::kString}}}},
      {"mde_proc_cs1.csv", {1564, {}}},
      {"WinSecurityEvent.json", {373, {{"event_id", T::kLong}, {"category", T::kString}}}},
      {"WindowsEvents.json",
       {38,
        {{"EventID", T::kLong},
         {"TimeGenerated", T::kDateTime},
         {"EventData_dynamic", T::kDynamic}}}},
      {"AADAuditEvents.json",
       {4,
        {{"TimeGenerated", T::kDateTime},
         {"OperationName", T::kString},
         {"InitiatedBy", T::kDynamic},
         {"TargetResources", T::kDynamic}}}},
      {"OfficeActivityEvents.json",
       {1, {{"TimeGenerated", T::kDateTime}, {"Operation", T::kString}}}},
      {"Microsoft365DefenderEvents.json",
       {9, {{"Timestamp", T::kDateTime}, {"ActionType", T::kString}}}},
      {"securityauditing_log4shell_cve2021_44228_java_serialized_object_2022-05-13045400.json",
       {39, {{"EventID", T::kLong}, {"TimeGenerated", T::kDateTime}}}},
      {"sysmon_log4shell_cve2021_44228_java_serialized_object_2022-05-13045800.json",
       {487, {{"EventID", T::kLong}, {"TimeGenerated", T::kDateTime}}}},
      {"syslog_auoms_auditd_log4shell_cve2021_44228_jndi_reference_2022-05-11181020.json",
       {50, {{"TimeGenerated", T::kDateTime}, {"SyslogMessage", T::kString}}}},
      {"syslog_sysmon_log4shell_cve2021_44228_jndi_reference_2022-05-11181020.json",
       {93, {{"TimeGenerated", T::kDateTime}, {"SyslogMessage", T::kString}}}},
      {"vminsights_vmconnection_log4shell_cve2021_44228_jndi_reference_2022-05-11181020.json",
       {5, {{"TimeGenerated", T::kDateTime}}}},
      {"cmd_psexec_lsa_secrets_dump_2020-10-1903305471.json",
       {286, {{"EventID", T::kLong}, {"Hostname", T::kString}}}},
      {"covenant_sharpwmi_create_dcerpc_wmi_2020-08-06035621.json",
       {2343, {{"EventID", T::kLong}, {"Hostname", T::kString}}}},
      {"NASHUA_conn.log",
       {479, {{"ts", T::kReal}, {"id_resp_p", T::kLong}, {"proto", T::kString}}}},
      {"NASHUA_dns.log", {21, {{"ts", T::kReal}, {"query", T::kString}}}},
      {"Fortigate.json", {2, {{"TimeGenerated", T::kDateTime}, {"DeviceVendor", T::kString}}}},
  };
  return *kFiles;
}

TEST(IngestCorpusTest, EveryDataFileReads) {
  namespace fs = std::filesystem;
  const std::string dir = CorpusDir();
  ASSERT_TRUE(fs::is_directory(dir)) << "corpus data directory missing: " << dir;
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name == "README.md") continue;
    ++files;
    SCOPED_TRACE(name);
    auto expected = ExpectedFiles().find(name);
    EXPECT_NE(expected, ExpectedFiles().end()) << "new corpus file without expectations";
    Result<Table> table = ReadFile(entry.path().string(), Format::kAuto, {});
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    if (std::getenv("HUNTBOOK_PRINT_SCHEMAS")) {
      std::cout << name << " (" << table->rows << " rows):";
      for (const ColumnSchema& c : table->schema) {
        std::cout << " " << c.name << ":" << TypeName(c.type);
      }
      std::cout << "\n";
    }
    for (const ColumnPtr& column : table->columns) EXPECT_EQ(column->size(), table->rows);
    if (expected == ExpectedFiles().end()) continue;
    EXPECT_EQ(table->rows, expected->second.rows);
    for (const auto& [column, type] : expected->second.types) {
      int index = table->FindColumn(column);
      ASSERT_GE(index, 0) << column;
      EXPECT_EQ(TypeName(table->schema[index].type), TypeName(type)) << column;
    }
  }
  EXPECT_EQ(files, ExpectedFiles().size());
}

TEST(IngestCorpusTest, PandasIndexColumnIsDropped) {
  Result<Table> table = ReadFile(CorpusDir() + "/host_logons.csv", Format::kAuto, {});
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_FALSE(table->schema.empty());
  EXPECT_EQ(table->schema[0].name, "TenantId");
  EXPECT_EQ(table->schema.size(), 19u);  // 19 named columns after the index
}

}  // namespace
}  // namespace huntbook::ingest
