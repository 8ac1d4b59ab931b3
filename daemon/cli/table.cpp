#include "cli/table.hpp"

#include <algorithm>
#include <sstream>

#include "cli/json_print.hpp"

namespace labelflow::cli {
namespace {

// Code points in UTF-8 text: what a terminal column count is closest to without a width table.
std::size_t width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

void print_row(std::ostream& out, std::string_view indent, const std::vector<std::string>& cells,
               const std::vector<std::size_t>& widths) {
  std::string line(indent);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    line += cells[i];
    if (i + 1 < cells.size()) line += std::string(widths[i] - width(cells[i]) + 2, ' ');
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  out << line << "\n";
}

}  // namespace

void Table::print(std::ostream& out, std::string_view indent) const {
  std::vector<std::size_t> widths(headers_.size(), 0);
  auto measure = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], width(cells[i]));
    }
  };
  measure(headers_);
  for (const auto& r : rows_) measure(r);
  print_row(out, indent, headers_, widths);
  for (auto r : rows_) {
    r.resize(headers_.size());
    print_row(out, indent, r, widths);
  }
}

void print_fields(std::ostream& out, const Fields& fields, std::string_view indent) {
  std::size_t w = 0;
  for (const auto& f : fields) w = std::max(w, width(f.first));
  for (const auto& [name, value] : fields) {
    std::string line =
        std::string(indent) + name + ":" + std::string(w - width(name) + 2, ' ') + value;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

std::string cell(const boost::json::value& value) {
  if (value.is_string()) return std::string(value.as_string());
  if (value.is_null()) return "-";
  if (value.is_bool()) return value.as_bool() ? "yes" : "no";
  std::ostringstream text;
  print_json(text, value);
  return text.str();
}

std::string cell(const boost::json::value& object, std::string_view key) {
  if (!object.is_object()) return "-";
  const auto* member = object.as_object().if_contains(key);
  return member ? cell(*member) : "-";
}

std::string fixed_cell(const boost::json::value& object, std::string_view key, int decimals) {
  const auto* member = object.is_object() ? object.as_object().if_contains(key) : nullptr;
  if (!member || !member->is_number()) return cell(object, key);
  std::ostringstream text;
  text.setf(std::ios::fixed);
  text.precision(decimals);
  text << member->to_number<double>();
  return text.str();
}

std::string excerpt(std::string_view text, std::size_t max) {
  std::string out;
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool starts_point = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts_point && ++points > max) {
      // Keep room for the ellipsis inside the limit.
      std::size_t cut = out.size();
      for (int k = 0; k < 3 && cut > 0; ++k) {
        do --cut;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80);
      }
      out.resize(cut);
      return out + "...";
    }
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  return out;
}

}  // namespace labelflow::cli
