// Label options inferred from the judgments when `labelflow agreement` gets no --options:
// - classification: `classes` = the observed classes in first-seen order; `multi` when any
//   label is a list.
// - rating: the observed values form the scale: min and max observed, step = the largest step
//   that divides every difference (values with up to 6 decimals); with one distinct value v,
//   the scale v..v+1 step 1. Object labels give `dimensions` (keys in first-seen order); all
//   dimensions share the scale.
// - ner: `entity_types` = the observed span types in first-seen order.
// Labels of an unexpected shape are skipped here; validation then reports them by line.
// With no class or type observed (e.g. no judgments) the list holds the one stand-in name
// "(none observed)", since the plugins refuse an empty list.
#pragma once

#include <labelflow/sdk/label_type.hpp>

#include <boost/json/object.hpp>

#include <span>
#include <string_view>

namespace labelflow::cli {

boost::json::object infer_options(std::string_view type, std::span<const sdk::Judgment> judgments);

}  // namespace labelflow::cli
