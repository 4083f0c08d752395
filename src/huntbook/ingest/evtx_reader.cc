#include "huntbook/ingest/evtx_reader.h"

#include <libevtx.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <memory>
#include <pugixml.hpp>

#include "huntbook/ingest/format_detection.h"

namespace huntbook::ingest {
namespace {

// libevtx reports errors through an error object that the caller frees.
std::string TakeErrorText(libevtx_error_t* error) {
  if (error == nullptr) return "unknown libevtx error";
  char text[512] = {};
  libevtx_error_sprint(error, text, sizeof(text));
  libevtx_error_free(&error);
  std::string message(text);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  return message;
}

struct FileCloser {
  void operator()(libevtx_file_t* file) const {
    libevtx_file_close(file, nullptr);
    libevtx_file_free(&file, nullptr);
  }
};
struct RecordFreer {
  void operator()(libevtx_record_t* record) const { libevtx_record_free(&record, nullptr); }
};

int64_t ToInteger(std::string_view text) {
  int64_t value = 0;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    std::from_chars(text.data() + 2, text.data() + text.size(), value, 16);
  } else {
    std::from_chars(text.data(), text.data() + text.size(), value);
  }
  return value;
}

void ReadData(const pugi::xml_node& event, WindowsEvent* out) {
  int unnamed = 0;
  if (pugi::xml_node event_data = event.child("EventData")) {
    for (pugi::xml_node data : event_data.children()) {
      std::string name = data.attribute("Name").value();
      if (name.empty()) name = "Data" + std::to_string(++unnamed);
      out->data.emplace_back(std::move(name), data.text().get());
    }
    return;
  }
  // <UserData><LogFileCleared xmlns="..."><SubjectUserName>...</SubjectUserName>...
  if (pugi::xml_node user_data = event.child("UserData")) {
    for (pugi::xml_node value : user_data.first_child().children()) {
      out->data.emplace_back(value.name(), value.text().get());
    }
  }
}

Result<WindowsEvent> ParseEventXml(const std::string& xml) {
  pugi::xml_document document;
  pugi::xml_parse_result parsed = document.load_buffer(xml.data(), xml.size());
  if (!parsed) {
    return InvalidArgument(std::string("event XML does not parse: ") + parsed.description() +
                           " at byte " + std::to_string(parsed.offset));
  }
  pugi::xml_node event = document.child("Event");
  if (!event) return InvalidArgument("event XML has no <Event> element");
  pugi::xml_node system = event.child("System");
  WindowsEvent out;
  out.provider = system.child("Provider").attribute("Name").value();
  out.event_id = ToInteger(system.child("EventID").text().get());
  out.version = ToInteger(system.child("Version").text().get());
  out.level = ToInteger(system.child("Level").text().get());
  out.task = ToInteger(system.child("Task").text().get());
  out.keywords = system.child("Keywords").text().get();
  out.time_created = system.child("TimeCreated").attribute("SystemTime").value();
  out.record_id = ToInteger(system.child("EventRecordID").text().get());
  out.process_id = ToInteger(system.child("Execution").attribute("ProcessID").value());
  out.thread_id = ToInteger(system.child("Execution").attribute("ThreadID").value());
  out.channel = system.child("Channel").text().get();
  out.computer = system.child("Computer").text().get();
  out.user_sid = system.child("Security").attribute("UserID").value();
  ReadData(event, &out);
  return out;
}

// libevtx reads the chunks that are present; a copy cut short would silently lose events,
// so the file size is checked against the chunk count of the file header.
Status CheckComplete(const std::string& path, const std::string& source) {
  std::ifstream in(path, std::ios::binary);
  unsigned char header[44] = {};
  in.read(reinterpret_cast<char*>(header), sizeof(header));
  if (in.gcount() < static_cast<std::streamsize>(sizeof(header)) ||
      !LooksLikeEvtx(std::string_view(reinterpret_cast<const char*>(header), 8))) {
    return IoError(source + ": not a readable EVTX file (no ElfFile header)");
  }
  const uint64_t header_block = header[40] | (header[41] << 8);
  const uint64_t chunks = header[42] | (header[43] << 8);
  constexpr uint64_t kChunkSize = 65536;
  std::error_code error;
  const uint64_t size = std::filesystem::file_size(path, error);
  if (error) return IoError(source + ": " + error.message());
  if (size < header_block + chunks * kChunkSize) {
    return InvalidArgument(source + ": truncated: the header declares " + std::to_string(chunks) +
                           " chunks (" + std::to_string(header_block + chunks * kChunkSize) +
                           " bytes) but the file has " + std::to_string(size) + " bytes");
  }
  return Status::OK();
}

}  // namespace

bool LooksLikeEvtx(std::string_view bytes) {
  return bytes.substr(0, 8) == std::string_view("ElfFile\0", 8);
}

Result<std::vector<WindowsEvent>> ReadEvtxFile(const std::string& path) {
  const std::string source(FileBaseName(path));
  RETURN_IF_ERROR(CheckComplete(path, source));
  libevtx_error_t* error = nullptr;
  libevtx_file_t* raw_file = nullptr;
  if (libevtx_file_initialize(&raw_file, &error) != 1) {
    return IoError(source + ": " + TakeErrorText(error));
  }
  if (libevtx_file_open(raw_file, path.c_str(), LIBEVTX_OPEN_READ, &error) != 1) {
    libevtx_file_free(&raw_file, nullptr);
    return IoError(source + ": not a readable EVTX file (" + TakeErrorText(error) + ")");
  }
  std::unique_ptr<libevtx_file_t, FileCloser> file(raw_file);
  int count = 0;
  if (libevtx_file_get_number_of_records(file.get(), &count, &error) != 1) {
    return IoError(source + ": " + TakeErrorText(error));
  }
  std::vector<WindowsEvent> events;
  events.reserve(static_cast<size_t>(count));
  std::string xml;
  for (int index = 0; index < count; ++index) {
    auto fail = [&](const std::string& why) {
      return InvalidArgument(source + ": record " + std::to_string(index + 1) + ": " + why);
    };
    libevtx_record_t* raw_record = nullptr;
    if (libevtx_file_get_record_by_index(file.get(), index, &raw_record, &error) != 1) {
      return fail(TakeErrorText(error));
    }
    std::unique_ptr<libevtx_record_t, RecordFreer> record(raw_record);
    size_t size = 0;
    if (libevtx_record_get_utf8_xml_string_size(record.get(), &size, &error) != 1) {
      return fail(TakeErrorText(error));
    }
    xml.assign(size, '\0');
    if (libevtx_record_get_utf8_xml_string(record.get(), reinterpret_cast<uint8_t*>(xml.data()),
                                           size, &error) != 1) {
      return fail(TakeErrorText(error));
    }
    while (!xml.empty() && xml.back() == '\0') xml.pop_back();
    Result<WindowsEvent> event = ParseEventXml(xml);
    if (!event.ok()) return fail(event.status().message());
    events.push_back(std::move(*event));
  }
  return events;
}

}  // namespace huntbook::ingest
