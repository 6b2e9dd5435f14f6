#include "contract.hpp"

#include <filesystem>
#include <fstream>
#include <regex>

namespace synergy::testing {

void PrintTo(const Case& c, std::ostream* os) {
  *os << "synergy " << c.args;
}

std::string expand(std::string args, const ScratchDir& scratch) {
  std::ofstream(scratch / "garbage.onnx") << "this is not a protobuf message";
  std::ofstream(scratch / "notadb.db") << "name,value\nnot,a database\n";
  for (const auto& [key, value] : {std::pair<std::string, std::string>{"{src}", SYNERGY_SOURCE_DIR},
                                   {"{tmp}", scratch.path()}}) {
    for (size_t at = args.find(key); at != std::string::npos; at = args.find(key)) {
      args.replace(at, key.size(), value);
    }
  }
  return args;
}

void expect_contract(const Case& c) {
  const ScratchDir scratch;
  const RunResult r = run_synergy(expand(c.args, scratch));
  EXPECT_EQ(r.exit_code, c.exit_code) << "stderr: " << r.err;
  const std::string& text = c.stream == Stream::Out ? r.out : r.err;
  EXPECT_TRUE(std::regex_search(text, std::regex(c.pattern)))
      << "pattern: " << c.pattern << "\nstdout:\n"
      << r.out.substr(0, 2000) << "\nstderr:\n"
      << r.err;
  if (c.exit_code != 0 && !c.output_on_failure) {
    EXPECT_TRUE(r.out.empty()) << "partial output on failure:\n" << r.out;
  }
  if (c.absent) {
    EXPECT_FALSE(std::filesystem::exists(expand(c.absent, scratch))) << "left behind";
  }
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string name;  // appended piecewise: GCC 12 warns falsely on chained string "+"
  if (info.index < 10) name += '0';
  name += std::to_string(info.index);
  name += '_';
  for (const char* p = info.param.args; *p; ++p) {
    const char ch = *p;
    const bool keep =
        (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    if (keep) {
      name += ch;
    } else if (name.back() != '_') {
      name += '_';
    }
  }
  return name;
}

}  // namespace synergy::testing
