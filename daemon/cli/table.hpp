// Readable output of the client commands: aligned tables and "name  value" field lists, and the
// text of JSON values in a cell.
#pragma once

#include <boost/json/value.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace labelflow::cli {

class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void add(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  bool empty() const { return rows_.empty(); }
  // Columns padded to their widest cell (in code points), two spaces apart; no trailing blanks.
  void print(std::ostream& out, std::string_view indent = "") const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

using Fields = std::vector<std::pair<std::string, std::string>>;

// "name   value" lines with the values aligned.
void print_fields(std::ostream& out, const Fields& fields, std::string_view indent = "");

// A cell's text: strings as they are, numbers as written (0.75), null as "-", true/false as
// yes/no, arrays and objects as compact JSON.
std::string cell(const boost::json::value& value);
// The member `key` of an object value as a cell ("-" when missing or not an object).
std::string cell(const boost::json::value& object, std::string_view key);

// A number member with `decimals` digits after the point (hours, money); other values as cell().
std::string fixed_cell(const boost::json::value& object, std::string_view key, int decimals);

// One line of at most `max` code points: newlines and tabs become spaces, a cut ends in "...".
std::string excerpt(std::string_view text, std::size_t max);

}  // namespace labelflow::cli
