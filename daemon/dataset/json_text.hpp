// JSON text for exports. Boost.JSON 1.81 writes doubles in exponent form ("8E-1"), valid but
// unlike what Ground Truth and most tools write; this writes the shortest decimal that reads
// back to the same double ("0.8", "1.0", "61.5") and is otherwise Boost.JSON's output.
#pragma once

#include <boost/json/value.hpp>

#include <string>

namespace labelflow::dataset {

void append_json(std::string& out, const boost::json::value& value);
std::string to_json_text(const boost::json::value& value);

}  // namespace labelflow::dataset
