// Reads judgments from JSON lines: {"item": ID, "rater": ID, "label": VALUE}, one per line.
// IDs are strings or integers (integers are read as their decimal text). Blank lines are
// skipped. The first bad line stops reading with "FILE:LINE: what was wrong".
#pragma once

#include <labelflow/sdk/label_type.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace labelflow::cli {

struct JudgmentFile {
  std::vector<sdk::Judgment> judgments;
  std::vector<std::size_t> lines;  // the 1-based line of each judgment
};

std::variant<JudgmentFile, std::string> read_judgments(const std::filesystem::path& path);

}  // namespace labelflow::cli
