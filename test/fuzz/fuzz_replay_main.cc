// A main() for a libFuzzer target without libFuzzer: runs LLVMFuzzerTestOneInput on every
// file of the directories (or files) given, so each target's seed corpus is replayed as a
// ctest in every build, gcc included. Exits 1 when an argument cannot be read; a failing
// input aborts (as under the fuzzer).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> inputs;
  for (int i = 1; i < argc; ++i) {
    std::error_code ec;
    if (std::filesystem::is_directory(argv[i], ec)) {
      for (const auto& entry : std::filesystem::directory_iterator(argv[i])) {
        if (entry.is_regular_file()) inputs.push_back(entry.path());
      }
    } else if (std::filesystem::is_regular_file(argv[i], ec)) {
      inputs.emplace_back(argv[i]);
    } else {
      std::cerr << "fuzz replay: cannot read " << argv[i] << "\n";
      return 1;
    }
  }
  for (const auto& path : inputs) {
    std::ifstream file(path, std::ios::binary);
    std::stringstream bytes;
    bytes << file.rdbuf();
    std::string data = bytes.str();
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.data()), data.size());
  }
  std::cout << "fuzz replay: " << inputs.size() << " inputs ran\n";
  return inputs.empty() ? 1 : 0;
}
