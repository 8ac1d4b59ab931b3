#include "dataset/gt_manifest.hpp"

#include "dataset/json_text.hpp"
#include "dataset/timestamps.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>

namespace labelflow::dataset {

namespace json = boost::json;

namespace {

std::string_view field_text(const core::RowContent& row, std::string_view field) {
  if (field == "context") return row.context;
  if (field == "query") return row.query;
  return row.response;
}

class LineBuilder {
 public:
  LineBuilder(const ExportRecord& record) : record_(record) {}

  sdk::Status add(const GtLabelSpec& spec, const json::value& value) {
    json::object meta{{"job-name", record_.project},
                      {"human-annotated", "yes"},
                      {"creation-date", iso_no_zone(record_.finalized_at)},
                      {"confidence", confidence(spec.name)}};
    sdk::Status status;
    switch (spec.kind) {
      case GtKind::classification:
        status = spec.multi ? multi(spec, value, meta) : single(spec, value, meta);
        break;
      case GtKind::ner: status = ner(spec, value, meta); break;
      case GtKind::rating: rating(spec, value, meta); break;
      case GtKind::custom:
        meta["type"] = "groundtruth/custom";
        out_[spec.name] = value;
        break;
    }
    if (!status) return status;
    out_[spec.name + "-metadata"] = std::move(meta);
    return sdk::Status::ok();
  }

  json::object& out() { return out_; }

 private:
  double confidence(const std::string& label) const {
    auto it = record_.agreement.find(label);
    return it == record_.agreement.end() ? 0.0 : it->second;
  }

  sdk::Status refuse(const GtLabelSpec& spec, const std::string& why) const {
    return sdk::Status::invalid("row '" + record_.row.id + "', label '" + spec.name + "': " + why);
  }

  std::optional<std::size_t> index_of(const GtLabelSpec& spec, const json::value& v) const {
    if (!v.is_string()) return std::nullopt;
    auto it = std::find(spec.classes.begin(), spec.classes.end(), v.as_string());
    if (it == spec.classes.end()) return std::nullopt;
    return static_cast<std::size_t>(it - spec.classes.begin());
  }

  sdk::Status single(const GtLabelSpec& spec, const json::value& v, json::object& meta) {
    auto i = index_of(spec, v);
    if (!i) return refuse(spec, json::serialize(v) + " is not one of its classes");
    out_[spec.name] = std::to_string(*i);
    meta["class-name"] = v.as_string();
    meta["type"] = "groundtruth/text-classification";
    return sdk::Status::ok();
  }

  sdk::Status multi(const GtLabelSpec& spec, const json::value& v, json::object& meta) {
    if (!v.is_array()) return refuse(spec, "a multi-class value must be a list");
    json::array indexes;
    json::object class_map;
    json::object confidence_map;
    for (const auto& item : v.as_array()) {
      auto i = index_of(spec, item);
      if (!i) return refuse(spec, json::serialize(item) + " is not one of its classes");
      indexes.emplace_back(*i);
      class_map[std::to_string(*i)] = item.as_string();
      confidence_map[std::to_string(*i)] = confidence(spec.name);
    }
    out_[spec.name] = std::move(indexes);
    meta.erase("confidence");  // multi-label metadata carries a confidence-map instead
    meta["class-map"] = std::move(class_map);
    meta["confidence-map"] = std::move(confidence_map);
    meta["type"] = "groundtruth/text-classification-multilabel";
    return sdk::Status::ok();
  }

  sdk::Status ner(const GtLabelSpec& spec, const json::value& v, json::object& meta) {
    if (!v.is_array()) return refuse(spec, "an NER value must be a list of spans");
    json::array labels;
    for (const auto& type : spec.classes) labels.push_back(json::object{{"label", type}});
    json::array entities;
    json::array confidences;
    for (const auto& span : v.as_array()) {
      const json::object* o = span.if_object();
      const json::value* start = o ? o->if_contains("start") : nullptr;
      const json::value* end = o ? o->if_contains("end") : nullptr;
      const json::value* type = o ? o->if_contains("type") : nullptr;
      if (!start || !end || !type || !start->is_number() || !end->is_number() ||
          !type->is_string()) {
        return refuse(spec, "span " + json::serialize(span) + " needs start, end and type");
      }
      entities.push_back(
          json::object{{"label", *type}, {"startOffset", *start}, {"endOffset", *end}});
      confidences.push_back(json::object{{"confidence", confidence(spec.name)}});
    }
    out_[spec.name] = json::object{
        {"annotations", {{"labels", std::move(labels)}, {"entities", std::move(entities)}}}};
    meta["type"] = "groundtruth/text-span";
    meta["entities"] = std::move(confidences);
    return sdk::Status::ok();
  }

  void rating(const GtLabelSpec& spec, const json::value& v, json::object& meta) {
    json::array ratings;
    for (const auto& review : record_.reviews) {
      if (const auto* r = review.labels.if_contains(spec.name)) ratings.push_back(*r);
    }
    out_[spec.name] = json::object{{"rating", v}, {"ratings", std::move(ratings)}};
    meta["type"] = "groundtruth/custom";
  }

  const ExportRecord& record_;
  json::object out_;
};

}  // namespace

sdk::Result<json::object> gt_manifest_object(const ExportRecord& record,
                                             std::span<const GtLabelSpec> labels) {
  std::string_view field = "response";
  for (const auto& spec : labels) {
    if (spec.kind == GtKind::ner) {
      field = spec.field;
      break;
    }
  }
  LineBuilder builder(record);
  builder.out()["source"] = field_text(record.row, field);
  builder.out()["id"] = record.row.id;
  for (const auto& spec : labels) {
    const json::value* value = record.final_labels.if_contains(spec.name);
    if (value == nullptr) continue;
    if (auto s = builder.add(spec, *value); !s) return s;
  }
  return std::move(builder.out());
}

sdk::Result<std::string> gt_manifest_line(const ExportRecord& record,
                                          std::span<const GtLabelSpec> labels) {
  auto object = gt_manifest_object(record, labels);
  if (!object) return object.status();
  std::string out = to_json_text(*object);
  out += '\n';
  return out;
}

}  // namespace labelflow::dataset
