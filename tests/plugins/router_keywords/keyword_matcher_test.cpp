#include "keyword_matcher.hpp"

#include <catch2/catch.hpp>

using labelflow::plugins::ascii_lower;
using labelflow::plugins::contains_word;
using labelflow::plugins::is_word_code_point;

namespace {
bool has(std::string_view text, std::string_view keyword) {
  return contains_word(ascii_lower(text), ascii_lower(keyword));
}
}  // namespace

TEST_CASE("whole words match at text edges and next to punctuation", "[keywords]") {
  CHECK(has("bank", "bank"));
  CHECK(has("Bank of England", "bank"));
  CHECK(has("the central BANK.", "bank"));
  CHECK(has("the bank's rate", "bank"));
  CHECK(has("(bank)", "bank"));
  CHECK(has("bank-loan", "bank"));
}

TEST_CASE("a keyword inside a longer word does not match", "[keywords]") {
  CHECK_FALSE(has("banking", "bank"));
  CHECK_FALSE(has("riverbank", "bank"));
  CHECK_FALSE(has("bank_id", "bank"));
  CHECK_FALSE(has("bank2", "bank"));
  CHECK_FALSE(has("", "bank"));
}

TEST_CASE("a later occurrence matches when an earlier one is inside a word", "[keywords]") {
  CHECK(has("banking at the bank", "bank"));
  CHECK(has("aaa a", "a"));
}

TEST_CASE("ASCII keywords next to non-ASCII letters are not whole words", "[keywords]") {
  CHECK_FALSE(has("banké", "bank"));
  CHECK_FALSE(has("ébank", "bank"));
  CHECK_FALSE(has("bankв", "bank"));     // Cyrillic letter
  CHECK_FALSE(has("银行bank", "bank"));  // CJK ideographs count as letters
}

TEST_CASE("non-ASCII punctuation and spaces are boundaries", "[keywords]") {
  CHECK(has("«bank»", "bank"));
  CHECK(has("¿bank?", "bank"));
  CHECK(has("the\u00a0bank\u00a0rate", "bank"));  // no-break space
  CHECK(has("“bank”", "bank"));                   // curly quotes, U+201C/U+201D
  CHECK(has("bank—loans", "bank"));               // em dash
  CHECK(has("銀行、bank。", "bank"));             // CJK punctuation
  CHECK(has("bank😀", "bank"));
}

TEST_CASE("phrases and non-ASCII keywords", "[keywords]") {
  CHECK(has("The Interest Rate rose", "interest rate"));
  CHECK_FALSE(has("interest rates rose", "interest rate"));
  CHECK(has("un café noir", "café"));
  CHECK_FALSE(has("un cafés noir", "café"));
  // ASCII folding only: É is not lowered, so it must be written as it appears.
  CHECK_FALSE(has("ÉCOLE", "école"));
}

TEST_CASE("keywords that begin or end with punctuation need a boundary only at letters",
          "[keywords]") {
  CHECK(has("we use C++, mostly", "c++"));
  CHECK(has("ported to .NET today", ".net"));
  CHECK_FALSE(has("abc++ code", "c++"));
}

TEST_CASE("malformed UTF-8 next to a keyword does not crash and is not a boundary", "[keywords]") {
  CHECK_FALSE(has(std::string("\xC3") + "bank", "bank"));
  CHECK_FALSE(has("bank" + std::string("\xE2\x82"), "bank"));
  CHECK(has("\xFF bank", "bank"));
}

TEST_CASE("word code points", "[keywords]") {
  CHECK(is_word_code_point(U'a'));
  CHECK(is_word_code_point(U'_'));
  CHECK_FALSE(is_word_code_point(U'-'));
  CHECK(is_word_code_point(U'é'));
  CHECK(is_word_code_point(U'µ'));
  CHECK_FALSE(is_word_code_point(U'«'));
  CHECK_FALSE(is_word_code_point(U'\u2019'));
}
