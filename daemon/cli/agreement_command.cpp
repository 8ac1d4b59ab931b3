// `labelflow agreement`: agreement metrics (one JSON object) or consolidated labels (one JSON
// line per item) for judgments in a JSON-lines file, computed by the label type's plugin.
// Offline: needs no daemon. Output conventions: DESIGN section 7.
#include "cli/arguments.hpp"
#include "cli/command.hpp"
#include "cli/inferred_options.hpp"
#include "cli/json_print.hpp"
#include "cli/judgment_reader.hpp"

#include "plugin_host/registry.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>

namespace labelflow::cli {

const std::string_view kAgreementUsage =
    "usage: labelflow agreement --type classification|ner|rating --input FILE\n"
    "                           [--options JSON] [--consolidate [--method METHOD]]\n"
    "                           [--plugin-dir DIR]\n\n"
    "Reads judgments, one JSON object per line: {\"item\": ID, \"rater\": ID, \"label\": VALUE}.\n"
    "Prints one JSON object of agreement metrics, or with --consolidate one JSON line per item\n"
    "{\"item\", \"label\", \"method\"} (plus \"posterior\" for dawid-skene).\n\n"
    "  --type         the label type (plugin name): classification, ner or rating\n"
    "  --input        the JSON-lines file of judgments\n"
    "  --options      the label's options as a JSON object,\n"
    "                 e.g. '{\"min\": 1, \"max\": 5, \"step\": 1}';\n"
    "                 without it they are inferred from the judgments (docs/cli.md)\n"
    "  --consolidate  print consolidated labels instead of metrics\n"
    "  --method       majority-vote | dawid-skene (classification), median (rating),\n"
    "                 span-cluster (ner); default: the type's first method\n"
    "  --plugin-dir   where the label-type plugins are (default: " LABELFLOW_DEFAULT_PLUGIN_DIR
    ")\n\n"
    "An input without judgments gives n_items 0 and every figure null (with its note).\n\n"
    "exit codes: 0 ok, 2 usage or bad input\n";

namespace {

int usage_error(std::ostream& err, const std::string& message) {
  err << "labelflow agreement: " << message << "\n"
      << "run 'labelflow agreement --help' for usage\n";
  return kExitUsage;
}

std::shared_ptr<plugin_host::GuardedLabelType> load_type(const std::string& type,
                                                         const boost::json::object& options,
                                                         const std::string& plugin_dir,
                                                         std::ostream& err) {
  plugin_host::Registry registry;
  auto load_errors = registry.load_directories({plugin_dir});
  auto created = registry.create_label_type(type, options);
  if (created.ok()) return created.object;
  if (!registry.find(sdk::PluginKind::label_type, type)) {
    for (const auto& e : load_errors) err << e.to_string() << "\n";
  }
  for (const auto& e : created.errors) err << e.to_string() << "\n";
  for (const auto& e : created.option_errors) {
    err << "labelflow agreement: option '" << e.key << "': " << e.message << "\n";
  }
  return nullptr;
}

}  // namespace

int run_agreement(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  Arguments parsed({"--type", "--input", "--options", "--method", "--plugin-dir"},
                   {"--consolidate", "--help"});
  if (auto problem = parsed.parse(args)) return usage_error(err, *problem);
  if (parsed.has("--help")) {
    out << kAgreementUsage;
    return kExitOk;
  }
  auto type = parsed.value("--type");
  if (!type) return usage_error(err, "--type is required (classification, ner or rating)");
  auto input = parsed.value("--input");
  if (!input) return usage_error(err, "--input is required");
  if (parsed.value("--method") && !parsed.has("--consolidate")) {
    return usage_error(err, "--method needs --consolidate");
  }
  std::optional<boost::json::object> options;
  if (auto text = parsed.value("--options")) {
    boost::system::error_code ec;
    auto value = boost::json::parse(*text, ec);
    if (ec) return usage_error(err, "--options is not valid JSON (" + ec.message() + ")");
    if (!value.is_object()) return usage_error(err, "--options must be a JSON object");
    options = value.as_object();
  }

  auto read = read_judgments(*input);
  if (auto* problem = std::get_if<std::string>(&read)) {
    err << "labelflow agreement: " << *problem << "\n";
    return kExitUsage;
  }
  const auto& file = std::get<JudgmentFile>(read);
  if (file.judgments.empty()) {
    // Still one object with every key (DESIGN section 7): the figures are null with their notes.
    err << "labelflow agreement: " << *input << ": no judgments; every figure is null\n";
  }
  if (!options) options = infer_options(*type, file.judgments);

  const std::string plugin_dir =
      parsed.value("--plugin-dir").value_or(LABELFLOW_DEFAULT_PLUGIN_DIR);
  auto label_type = load_type(*type, *options, plugin_dir, err);
  if (!label_type) return kExitUsage;

  // Every label must be valid before any figure is computed. There is no row text offline, so
  // span offsets are checked for shape only (sdk::RowView without metadata).
  for (std::size_t i = 0; i < file.judgments.size(); ++i) {
    auto errors = label_type->validate(file.judgments[i].label, sdk::RowView{});
    if (!errors.is_ok()) {
      err << "labelflow agreement: " << *input << ":" << file.lines[i] << ": "
          << errors.status().message() << "\n";
      return kExitUsage;
    }
    if (!errors->empty()) {
      const auto& e = errors->front();
      err << "labelflow agreement: " << *input << ":" << file.lines[i] << ": label"
          << e.path << " " << e.message << "\n";
      return kExitUsage;
    }
  }

  if (!parsed.has("--consolidate")) {
    auto metrics = label_type->metrics(file.judgments);
    if (!metrics.is_ok()) {
      err << "labelflow agreement: " << metrics.status().message() << "\n";
      return kExitUsage;
    }
    if (file.judgments.empty()) {
      auto& notes = (*metrics)["notes"];
      if (!notes.is_object()) notes = boost::json::object{};
      notes.as_object()["n_items"] = "the input has no judgments";
    }
    print_json(out, *metrics);
    out << "\n";
    return kExitOk;
  }

  auto methods = label_type->consolidation_methods();
  if (!methods.is_ok() || methods->empty()) {
    err << "labelflow agreement: the " << *type << " plugin offers no consolidation method\n";
    return kExitUsage;
  }
  const std::string method = parsed.value("--method").value_or(methods->front());
  if (std::find(methods->begin(), methods->end(), method) == methods->end()) {
    std::string known;
    for (const auto& m : *methods) known += (known.empty() ? "" : ", ") + m;
    return usage_error(err, "unknown --method '" + method + "' for " + *type + "; expected " +
                                known);
  }
  auto consolidated = label_type->consolidate(file.judgments, method);
  if (!consolidated.is_ok()) {
    err << "labelflow agreement: " << consolidated.status().message() << "\n";
    return kExitUsage;
  }
  for (const auto& c : *consolidated) {
    boost::json::object line{{"item", c.item}, {"label", c.label}, {"method", method}};
    if (!c.posterior.is_null()) line["posterior"] = c.posterior;
    print_json(out, line);
    out << "\n";
  }
  return kExitOk;
}

}  // namespace labelflow::cli
