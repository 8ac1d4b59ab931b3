#include "dataset/line_splitter.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using labelflow::dataset::Line;
using labelflow::dataset::LineSplitter;
namespace sdk = labelflow::sdk;

namespace {

struct Collected {
  std::vector<std::string> lines;
  std::vector<std::uint64_t> too_long;
};

Collected split(const std::vector<std::string>& chunks, std::size_t limit = 1 << 20) {
  Collected out;
  LineSplitter splitter(
      [&](const Line& line) {
        if (line.too_long) {
          out.too_long.push_back(line.number);
        } else {
          out.lines.emplace_back(line.text);
        }
        return sdk::Status::ok();
      },
      limit);
  for (const auto& c : chunks) REQUIRE(splitter.write(c).is_ok());
  REQUIRE(splitter.finish().is_ok());
  return out;
}

}  // namespace

TEST_CASE("dataset: lines split across chunks come out whole and in order", "[dataset][lines]") {
  auto got = split({"ab", "c\nde", "f\n\ng", "h\r\n", "last"});
  CHECK(got.lines == std::vector<std::string>{"abc", "def", "", "gh", "last"});
}

TEST_CASE("dataset: a final newline adds no empty line", "[dataset][lines]") {
  CHECK(split({"a\nb\n"}).lines == std::vector<std::string>{"a", "b"});
  CHECK(split({""}).lines.empty());
}

TEST_CASE("dataset: a line over the limit is reported by number and dropped", "[dataset][lines]") {
  auto got = split({"short\n", std::string(50, 'x'), std::string(50, 'y') + "\nnext\n"}, 64);
  CHECK(got.lines == std::vector<std::string>{"short", "next"});
  CHECK(got.too_long == std::vector<std::uint64_t>{2});
  auto last = split({"ok\n", std::string(100, 'z')}, 64);
  CHECK(last.too_long == std::vector<std::uint64_t>{2});
}

TEST_CASE("dataset: the callback's error stops the stream", "[dataset][lines]") {
  int seen = 0;
  LineSplitter splitter([&](const Line&) {
    ++seen;
    return sdk::Status::invalid("stop");
  });
  CHECK(splitter.write("a\nb\nc\n").code() == sdk::Code::invalid_argument);
  CHECK(seen == 1);
}
