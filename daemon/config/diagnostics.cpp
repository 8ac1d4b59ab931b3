#include "config/diagnostics.hpp"

#include <algorithm>

namespace labelflow::config {

std::string Diagnostic::to_string() const {
  std::string out;
  if (!where.file.empty()) {  // e.g. --list-plugins without a config file
    out = where.file.string();
    out += ':' + std::to_string(where.line) + ':' + std::to_string(where.column) + ": ";
  }
  out += severity == Severity::error ? "error " : "warning ";
  out += id;
  out += ": ";
  out += message;
  return out;
}

namespace {

// One diagnostic is one line: control characters (e.g. from a parser's description of the
// offending text) are shown escaped.
std::string one_line(const std::string& message) {
  std::string out;
  out.reserve(message.size());
  for (char c : message) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      out += '?';
    else
      out += c;
  }
  return out;
}

}  // namespace

void Diagnostics::error(Position where, std::string id, std::string message) {
  items_.push_back({Severity::error, std::move(where), std::move(id), one_line(message)});
}

void Diagnostics::warning(Position where, std::string id, std::string message) {
  items_.push_back({Severity::warning, std::move(where), std::move(id), one_line(message)});
}

std::size_t Diagnostics::error_count() const noexcept {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [](const auto& d) { return d.severity == Severity::error; }));
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<std::filesystem::path> files;
  for (const auto& d : items_) {
    if (std::find(files.begin(), files.end(), d.where.file) == files.end()) {
      files.push_back(d.where.file);
    }
  }
  auto rank = [&](const Diagnostic& d) {
    return std::find(files.begin(), files.end(), d.where.file) - files.begin();
  };
  std::vector<Diagnostic> out = items_;
  std::stable_sort(out.begin(), out.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    auto ra = rank(a), rb = rank(b);
    if (ra != rb) return ra < rb;
    if (a.where.line != b.where.line) return a.where.line < b.where.line;
    return a.where.column < b.where.column;
  });
  return out;
}

bool Diagnostics::contains(std::string_view id) const noexcept {
  return std::any_of(items_.begin(), items_.end(), [&](const auto& d) { return d.id == id; });
}

}  // namespace labelflow::config
