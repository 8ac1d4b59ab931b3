// Whole-word, case-insensitive search for a keyword or phrase in UTF-8 text.
//
// Case folding is ASCII only ('A'-'Z' to 'a'-'z'); other letters must match exactly. A match
// counts only when the characters on both sides of it are not word characters: ASCII letters,
// digits and '_', and any non-ASCII character except common punctuation, symbols and spaces
// (Latin-1 punctuation such as « » ¿ and NBSP, U+2000-U+2BFF, U+3000-U+303F, fullwidth
// punctuation, emoji). So "bank" matches in "the bank's", "«bank»" and "bank-loan", but not in
// "banking", "bank_id" or "banké". As with a regex \b, the boundary is required only on a side
// where the keyword itself has a word character: "c++" matches in "c++," and ".net" in "a .net".
// Whitespace inside a phrase must match exactly.
#pragma once

#include <string>
#include <string_view>

namespace labelflow::plugins {

// `text` with ASCII letters lowered; other bytes unchanged.
std::string ascii_lower(std::string_view text);

// True when `keyword` occurs in `lowered_text` as a whole word (or phrase).
// REQUIRES: both already passed through ascii_lower(); `keyword` not empty.
bool contains_word(std::string_view lowered_text, std::string_view keyword);

// True when the code point is a word character in the sense above.
bool is_word_code_point(char32_t cp);

}  // namespace labelflow::plugins
