// JSON text <-> record fields, for the SQLite store's TEXT columns.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <vector>

#include "core/records.hpp"

namespace labelflow::store {

std::string to_json(const boost::json::object& o);
boost::json::object object_from(const std::string& text);
std::string to_json(const std::vector<std::string>& v);
std::vector<std::string> strings_from(const std::string& text);
std::string to_json(const std::map<std::string, double>& m);
std::map<std::string, double> scores_from(const std::string& text);
std::string to_json(const std::map<std::string, core::LabelStatus>& m);
std::map<std::string, core::LabelStatus> statuses_from(const std::string& text);

}  // namespace labelflow::store
