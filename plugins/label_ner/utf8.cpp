#include "utf8.hpp"

namespace labelflow::labels::ner {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::variant<TextIndex, Utf8Error> index_text(std::string_view text) {
  TextIndex index;
  index.utf8.reserve(text.size() + 1);
  index.utf16.reserve(text.size() + 1);
  std::size_t i = 0;
  std::uint32_t utf16 = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t cp = 0, min = 0;
    if (c < 0x80) {
      length = 1, cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      length = 2, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4, cp = c & 0x07, min = 0x10000;
    } else {
      return Utf8Error{i, is_continuation(c) ? "unexpected continuation byte"
                                             : "byte that never occurs in UTF-8"};
    }
    if (i + length > text.size()) {
      return Utf8Error{i, "truncated " + std::to_string(length) + "-byte sequence"};
    }
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if (!is_continuation(next)) {
        return Utf8Error{i, "truncated " + std::to_string(length) + "-byte sequence"};
      }
      cp = (cp << 6) | (next & 0x3F);
    }
    if (cp < min) return Utf8Error{i, "overlong encoding"};
    if (cp >= 0xD800 && cp <= 0xDFFF) return Utf8Error{i, "encoded UTF-16 surrogate"};
    if (cp > 0x10FFFF) return Utf8Error{i, "code point above U+10FFFF"};
    i += length;
    utf16 += cp >= 0x10000 ? 2 : 1;  // astral-plane code points take a surrogate pair
    index.utf8.push_back(static_cast<std::uint32_t>(i));
    index.utf16.push_back(utf16);
  }
  return index;
}

}  // namespace labelflow::labels::ner
