#include "keyword_matcher.hpp"

namespace labelflow::plugins {

namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Decodes the UTF-8 code point starting at `text[at]`. Malformed input yields U+FFFD, which
// counts as a word character (the safe side: no match next to garbage).
char32_t decode_at(std::string_view text, std::size_t at) {
  const auto b0 = static_cast<unsigned char>(text[at]);
  if (b0 < 0x80) return b0;
  std::size_t len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
  if (len == 0 || at + len > text.size()) return 0xFFFD;
  char32_t cp = b0 & (0xFF >> (len + 1));
  for (std::size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(text[at + i]);
    if (!is_continuation(b)) return 0xFFFD;
    cp = (cp << 6) | (b & 0x3F);
  }
  return cp;
}

// The code point that ends just before byte `end`.
char32_t decode_before(std::string_view text, std::size_t end) {
  std::size_t start = end - 1;
  for (int i = 0; i < 3 && start > 0 && is_continuation(static_cast<unsigned char>(text[start]));
       ++i) {
    --start;
  }
  return decode_at(text, start);
}

}  // namespace

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_word_code_point(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           cp == '_';
  }
  // Latin-1 controls, spaces, punctuation and symbols, except the letters ª µ º.
  if (cp <= 0xBF) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
  if (cp == 0xD7 || cp == 0xF7) return false;      // × ÷
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, arrows, math, ...
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp >= 0xFE30 && cp <= 0xFE4F) return false;  // CJK compatibility forms
  if ((cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
      (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65)) {
    return false;  // fullwidth punctuation
  }
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return false;  // emoji and pictographs
  return true;
}

bool contains_word(std::string_view lowered_text, std::string_view keyword) {
  const bool starts_word = is_word_code_point(decode_at(keyword, 0));
  const bool ends_word = is_word_code_point(decode_before(keyword, keyword.size()));
  for (std::size_t at = lowered_text.find(keyword); at != std::string_view::npos;
       at = lowered_text.find(keyword, at + 1)) {
    const std::size_t end = at + keyword.size();
    // As with a regex \b: a boundary is needed only where the keyword itself starts or ends
    // with a word character ("c++" matches in "c++," and ".net" after a space).
    const bool left_ok =
        at == 0 || !starts_word || !is_word_code_point(decode_before(lowered_text, at));
    const bool right_ok = end == lowered_text.size() || !ends_word ||
                          !is_word_code_point(decode_at(lowered_text, end));
    if (left_ok && right_ok) return true;
  }
  return false;
}

}  // namespace labelflow::plugins
