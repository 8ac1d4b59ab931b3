// Compact JSON output with numbers as people write them (0.75, not 7.5E-1): doubles use the
// shortest text that reads back to the same value.
#pragma once

#include <boost/json/value.hpp>

#include <ostream>

namespace labelflow::cli {

void print_json(std::ostream& out, const boost::json::value& value);

}  // namespace labelflow::cli
