#include "dataset/line_splitter.hpp"

namespace labelflow::dataset {

LineSplitter::LineSplitter(Callback on_line, std::size_t max_line_bytes)
    : on_line_(std::move(on_line)), max_line_bytes_(max_line_bytes) {}

sdk::Status LineSplitter::emit(std::string_view text) {
  ++number_;
  Line line{number_, {}, skipping_};
  if (!skipping_) {
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.size() > max_line_bytes_) {
      line.too_long = true;
    } else {
      line.text = text;
    }
  }
  skipping_ = false;
  return on_line_(line);
}

sdk::Status LineSplitter::write(std::string_view chunk) {
  while (!chunk.empty()) {
    std::size_t newline = chunk.find('\n');
    std::string_view piece = chunk.substr(0, newline);
    if (!skipping_) {
      // +1 leaves room for a "\r" that is stripped before the limit would matter.
      if (partial_.size() + piece.size() > max_line_bytes_ + 1) {
        skipping_ = true;
        partial_.clear();
        partial_.shrink_to_fit();
      } else if (newline != std::string_view::npos && partial_.empty()) {
        // The whole line is in this chunk: no copy.
        if (auto s = emit(piece); !s) return s;
        chunk.remove_prefix(newline + 1);
        continue;
      } else {
        partial_.append(piece);
      }
    }
    if (newline == std::string_view::npos) return sdk::Status::ok();
    std::string line = std::move(partial_);
    partial_.clear();
    if (auto s = emit(line); !s) return s;
    chunk.remove_prefix(newline + 1);
  }
  return sdk::Status::ok();
}

sdk::Status LineSplitter::finish() {
  if (partial_.empty() && !skipping_) return sdk::Status::ok();
  std::string line = std::move(partial_);
  partial_.clear();
  return emit(line);
}

}  // namespace labelflow::dataset
