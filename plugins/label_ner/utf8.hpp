// A strict UTF-8 decoder that maps code-point offsets to UTF-8 and UTF-16 offsets.
//
// Strict per RFC 3629 / Unicode 15 table 3-7: overlong forms, surrogates (U+D800..U+DFFF),
// values above U+10FFFF, stray continuation bytes and truncated sequences are errors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace labelflow::labels::ner {

struct TextIndex {
  // utf8[i] / utf16[i]: offset of code point i in UTF-8 bytes / UTF-16 code units; the last
  // entry (index = number of code points) is the end of the text.
  std::vector<std::uint32_t> utf8{0};
  std::vector<std::uint32_t> utf16{0};
  std::size_t code_points() const noexcept { return utf8.size() - 1; }
};

struct Utf8Error {
  std::size_t byte_offset = 0;
  std::string message;  // e.g. "truncated 3-byte sequence"
};

std::variant<TextIndex, Utf8Error> index_text(std::string_view text);

}  // namespace labelflow::labels::ner
