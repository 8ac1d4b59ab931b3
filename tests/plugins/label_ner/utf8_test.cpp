// The UTF-8 decoder: offsets for multi-byte text, and every kind of invalid input refused.
#include "utf8.hpp"

#include <catch2/catch.hpp>

using namespace labelflow::labels::ner;

namespace {
const Utf8Error& error_of(const std::variant<TextIndex, Utf8Error>& r) {
  REQUIRE(std::holds_alternative<Utf8Error>(r));
  return std::get<Utf8Error>(r);
}
}  // namespace

TEST_CASE("utf8: code point, UTF-8 and UTF-16 offsets") {
  // a, e + U+0301 combining acute, U+6771 (CJK), U+1D11E (astral: a UTF-16 surrogate pair)
  auto r = index_text("ae\xCC\x81\xE6\x9D\xB1\xF0\x9D\x84\x9E");
  REQUIRE(std::holds_alternative<TextIndex>(r));
  const auto& index = std::get<TextIndex>(r);
  CHECK(index.code_points() == 5);
  CHECK(index.utf8 == std::vector<std::uint32_t>{0, 1, 2, 4, 7, 11});
  CHECK(index.utf16 == std::vector<std::uint32_t>{0, 1, 2, 3, 4, 6});
  CHECK(std::get<TextIndex>(index_text("")).code_points() == 0);
}

TEST_CASE("utf8: invalid sequences are errors with their byte offset") {
  CHECK(error_of(index_text("ab\x80")).byte_offset == 2);
  CHECK(error_of(index_text("ab\x80")).message == "unexpected continuation byte");
  CHECK(error_of(index_text("\xC0\xAF")).message == "overlong encoding");
  CHECK(error_of(index_text("\xE0\x80\xAF")).message == "overlong encoding");
  CHECK(error_of(index_text("\xED\xA0\x80")).message == "encoded UTF-16 surrogate");
  CHECK(error_of(index_text("\xF4\x90\x80\x80")).message == "code point above U+10FFFF");
  CHECK(error_of(index_text("x\xE6\x9D")).message == "truncated 3-byte sequence");
  CHECK(error_of(index_text("x\xE6\x9D")).byte_offset == 1);
  CHECK(error_of(index_text("\xE6\x9Dx")).message == "truncated 3-byte sequence");
  CHECK(error_of(index_text("\xFF")).message == "byte that never occurs in UTF-8");
  CHECK(error_of(index_text("\xF8\x88\x80\x80\x80")).message == "byte that never occurs in UTF-8");
}
