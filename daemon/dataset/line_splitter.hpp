// LineSplitter: a ByteSink that cuts a byte stream into lines and hands each to a callback, so
// an object of any size is read with memory bounded by its longest line (DESIGN: import).
#pragma once

#include <labelflow/sdk/storage.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace labelflow::dataset {

inline constexpr std::size_t kDefaultMaxLineBytes = 16 * 1024 * 1024;

struct Line {
  std::uint64_t number = 0;  // 1-based
  std::string_view text;     // without the "\n" or "\r\n"; empty when too_long
  bool too_long = false;     // longer than the limit; its bytes were dropped, not kept
};

class LineSplitter final : public sdk::ByteSink {
 public:
  // `on_line` is called once per line, in order. A non-ok Status it returns stops the stream
  // and becomes the result of write() (and so of Storage::get).
  using Callback = std::function<sdk::Status(const Line&)>;
  explicit LineSplitter(Callback on_line, std::size_t max_line_bytes = kDefaultMaxLineBytes);

  sdk::Status write(std::string_view chunk) override;
  // Delivers a last line that had no newline. Call once after the transfer succeeded.
  sdk::Status finish();

 private:
  sdk::Status emit(std::string_view text);

  Callback on_line_;
  std::size_t max_line_bytes_;
  std::string partial_;
  bool skipping_ = false;  // inside a line already known to be too long
  std::uint64_t number_ = 0;
};

}  // namespace labelflow::dataset
