// LabelType: the interface of a label-kind plugin (classification, ner, rating, or your own).
//
// One instance is created per [[labels]] entry of a project and configured once with that
// entry's options. After configure() succeeds the daemon may call the const methods from
// several threads at once: they must not mutate shared state.
//
// Exceptions thrown by these methods are caught by the daemon and turned into an error for
// that one call (one request, one row); prefer returning errors.
#pragma once

#include <labelflow/sdk/row.hpp>
#include <labelflow/sdk/status.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace labelflow::sdk {

// One problem in a label value. `path` is a JSON pointer relative to the label value
// ("" for the value itself, "/2/end" for the end of its third span); the daemon prefixes it
// with "/labels/<name>" when it answers a client.
struct FieldError {
  std::string path;
  std::string message;
};

// One rater's label for one item, as read by `labelflow agreement` or gathered from reviews.
struct Judgment {
  std::string item;
  std::string rater;
  boost::json::value label;
};

// The consolidated label of one item. `posterior` is null unless the method yields one
// (Dawid-Skene: an object of class -> probability).
struct Consolidated {
  std::string item;
  boost::json::value label;
  boost::json::value posterior;
};

class LabelType {
 public:
  virtual ~LabelType() = default;

  // Takes the label's options: every key of its [[labels]] table except `name`, `type` and
  // `instructions`. Returns one error per refused key (unknown key, wrong type, bad value);
  // empty means accepted. Called once, before any other method.
  virtual std::vector<ConfigError> configure(const boost::json::object& options) = 0;

  // The options in effect after configure(), defaults filled in; shown to reviewers' widgets
  // and used to check that a config reload is compatible.
  virtual boost::json::object options() const = 0;

  // Checks a label value against the options and the row. Empty means valid.
  virtual std::vector<FieldError> validate(const boost::json::value& label,
                                           const RowView& row) const = 0;

  // A canonical form of a valid label, so that equal meanings compare equal as JSON
  // (e.g. classes or spans sorted). Used to decide `confirmed` vs `corrected`.
  virtual boost::json::value normalize(const boost::json::value& label,
                                       const RowView& row) const {
    (void)row;
    return label;
  }

  // Agreement of two valid labels of the same row, in [0, 1]; 1 means identical meaning.
  virtual double agreement(const boost::json::value& a, const boost::json::value& b,
                           const RowView& row) const = 0;

  // What differs between two valid labels, for the adjudication view: a JSON object whose
  // shape the plugin's widget understands (e.g. {"only_a": [...], "only_b": [...]}).
  virtual boost::json::value diff(const boost::json::value& a, const boost::json::value& b,
                                  const RowView& row) const = 0;

  // Dataset-level agreement metrics over many items and raters, as printed by
  // `labelflow agreement`: every key always present, null with notes.<key> when undefined.
  virtual boost::json::object metrics(std::span<const Judgment> judgments) const = 0;

  // Consolidation methods this type offers; the first is the default.
  virtual std::vector<std::string> consolidation_methods() const = 0;

  // One consolidated label per item (items in first-seen order). An unknown method is an
  // invalid_argument Status.
  virtual Result<std::vector<Consolidated>> consolidate(std::span<const Judgment> judgments,
                                                        std::string_view method) const = 0;

  // The label as written to exports (e.g. spans gain text and UTF-8/UTF-16 offsets).
  virtual boost::json::value export_value(const boost::json::value& label,
                                          const RowView& row) const {
    (void)row;
    return label;
  }

  // File name of the plugin's web widget (an ES module installed beside the library), or
  // empty when it has none.
  virtual std::string widget() const { return {}; }
};

}  // namespace labelflow::sdk
