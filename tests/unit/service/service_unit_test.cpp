#include <catch2/catch.hpp>
#include <stdexcept>

#include "classification_type.hpp"
#include "core/spec.hpp"
#include "service/projects/reload.hpp"
#include "service/runtime/plugin_label_oracle.hpp"
#include "service/runtime/row_cache.hpp"
#include "service/support/iso_week.hpp"
#include "service/support/tz_offset.hpp"
#include "service/tasks/label_validation.hpp"
#include "service/tasks/task_names.hpp"

namespace json = boost::json;
using namespace labelflow;

namespace {

std::shared_ptr<plugin_host::GuardedLabelType> classification(json::object options) {
  auto impl = std::make_shared<labels::classification::ClassificationType>();
  REQUIRE(impl->configure(options).empty());
  return std::make_shared<plugin_host::GuardedLabelType>(impl, "classification");
}

// A plugin whose every call throws: the service must turn that into `unavailable`.
class Throwing final : public sdk::LabelType {
 public:
  std::vector<sdk::ConfigError> configure(const json::object&) override { return {}; }
  json::object options() const override { return {}; }
  std::vector<sdk::FieldError> validate(const json::value&, const sdk::RowView&) const override {
    throw std::runtime_error("boom");
  }
  double agreement(const json::value&, const json::value&, const sdk::RowView&) const override {
    throw std::runtime_error("boom");
  }
  json::value diff(const json::value&, const json::value&, const sdk::RowView&) const override {
    return nullptr;
  }
  json::object metrics(std::span<const sdk::Judgment>) const override { return {}; }
  std::vector<std::string> consolidation_methods() const override { return {}; }
  sdk::Result<std::vector<sdk::Consolidated>> consolidate(std::span<const sdk::Judgment>,
                                                          std::string_view) const override {
    return sdk::Status::internal("no");
  }
};

service::LabelPlugins intent_plugins() {
  service::LabelPlugins p;
  p["intent"] = classification({{"classes", json::array{"a", "b", "c"}}, {"multi", true}});
  return p;
}

std::vector<std::string> paths(const service::Error& e) {
  std::vector<std::string> out;
  for (const auto& d : e.details) out.push_back(d.path);
  return out;
}

}  // namespace

TEST_CASE("service: submissions are validated by the label plugins with /labels paths") {
  const auto plugins = intent_plugins();
  core::RowContent row;
  row.id = "r1";
  const std::vector<std::string> labels = {"intent"};
  CHECK_FALSE(service::validate_submission({{"intent", json::array{"a"}}}, labels, plugins, row));

  auto bad = service::validate_submission({{"intent", json::array{"zz"}}, {"x/y", 1}}, labels,
                                          plugins, row);
  REQUIRE(bad);
  CHECK(bad->code == service::ErrorCode::validation_failed);
  const auto p = paths(*bad);
  CHECK(std::find(p.begin(), p.end(), "/labels/x~1y") != p.end());
  CHECK(std::any_of(p.begin(), p.end(),
                    [](const std::string& s) { return s.rfind("/labels/intent", 0) == 0; }));

  auto missing = service::validate_submission({}, labels, plugins, row);
  REQUIRE(missing);
  CHECK(paths(*missing) == std::vector<std::string>{"/labels/intent"});

  service::LabelPlugins throwing;
  throwing["intent"] =
      std::make_shared<plugin_host::GuardedLabelType>(std::make_shared<Throwing>(), "throwing");
  auto failed = service::validate_submission({{"intent", "a"}}, labels, throwing, row);
  REQUIRE(failed);
  CHECK(failed->code == service::ErrorCode::unavailable);
  CHECK(service::invalid_auto_labels(row, throwing).empty());
  row.auto_labels = {{"intent", "a"}, {"other", 1}};
  CHECK(service::invalid_auto_labels(row, throwing) == std::vector<std::string>{"intent", "other"});
  row.auto_labels = {{"intent", json::array{"b"}}};
  CHECK(service::invalid_auto_labels(row, plugins).empty());
}

TEST_CASE("service: the label oracle compares normalized values and survives plugin errors") {
  service::PluginLabelOracle oracle(std::make_shared<service::LabelPlugins>(intent_plugins()));
  core::RowContent row;
  CHECK(oracle.equal("intent", json::array{"b", "a"}, json::array{"a", "b"}, row));
  CHECK_FALSE(oracle.equal("intent", json::array{"a"}, json::array{"a", "b"}, row));
  CHECK(oracle.equal("intent", nullptr, nullptr, row));
  CHECK(oracle.agreement("intent", json::array{"a"}, json::array{"a", "b"}, row) == Approx(0.5));
  CHECK(oracle.agreement("intent", json::array{"a"}, nullptr, row) == 0.0);

  service::LabelPlugins throwing;
  throwing["intent"] =
      std::make_shared<plugin_host::GuardedLabelType>(std::make_shared<Throwing>(), "throwing");
  oracle.set_plugins(std::make_shared<service::LabelPlugins>(throwing));
  CHECK(oracle.agreement("intent", "a", "a", row) == 0.0);  // disagree, never crash
}

TEST_CASE("service: reload refuses label and stage changes, accepts added classes and sampling") {
  auto setup = [](std::vector<std::string> classes, std::string type, int reviewers) {
    auto s = std::make_shared<service::ProjectSetup>();
    s->config.file = "projects/p.toml";
    config::LabelSpec l;
    l.name = "intent";
    l.plugin.type = std::move(type);
    json::array cls;
    for (const auto& c : classes) cls.emplace_back(c);
    l.plugin.options = {{"classes", cls}};
    s->config.labels.push_back(l);
    core::ProjectSpec spec;
    spec.stages = core::default_pipeline();
    spec.stages[0].reviewers = reviewers;
    s->spec = spec;
    s->labels = std::make_shared<service::LabelPlugins>();
    return s;
  };
  const auto base = setup({"a", "b"}, "classification", 2);
  CHECK(service::reload_refusals(*base, *setup({"a", "b", "c"}, "classification", 2)).empty());
  auto removed = service::reload_refusals(*base, *setup({"a"}, "classification", 2));
  REQUIRE(removed.size() == 1);
  CHECK(removed[0].key == "projects/p.toml: labels[0].classes");
  // Before any review exists, classes may be removed or renamed; the type still may not change.
  CHECK(service::reload_refusals(*base, *setup({"x", "y"}, "classification", 2), false).empty());
  CHECK(service::reload_refusals(*base, *setup({"a", "b"}, "rating", 2), false).size() == 1);
  auto retyped = service::reload_refusals(*base, *setup({"a", "b"}, "rating", 2));
  REQUIRE(retyped.size() == 1);
  CHECK(retyped[0].key == "projects/p.toml: labels[0].type");
  auto pipeline = service::reload_refusals(*base, *setup({"a", "b"}, "classification", 3));
  REQUIRE(pipeline.size() == 1);
  CHECK(pipeline[0].key == "projects/p.toml: pipeline.stages[0].reviewers");
  CHECK(pipeline[0].message == "changed from 2 to 3; takes effect on restart only");
  // Sampling settings are not refused: the engine takes them at once.
  auto sampled = setup({"a", "b"}, "classification", 2);
  sampled->spec.stages[1].when = core::AdjudicateWhen::disagreement;
  sampled->spec.stages[1].sample_rate = 0.25;
  sampled->spec.stages[1].agree_threshold = 0.8;
  sampled->spec.stages[0].add_reviewer_below = 0.5;
  sampled->spec.stages[0].max_reviewers = 3;
  CHECK(service::reload_refusals(*base, *sampled).empty());
  auto fewer = setup({"a", "b"}, "classification", 2);
  fewer->spec.stages.pop_back();
  auto fewer_refusals = service::reload_refusals(*base, *fewer);
  REQUIRE(fewer_refusals.size() == 1);
  CHECK(fewer_refusals[0].key == "projects/p.toml: pipeline.stages");
}

TEST_CASE("service: ISO week bounds and task ids") {
  auto w = service::iso_week_bounds("2026-W48");
  REQUIRE(w);
  CHECK(w->first == 1'795'392'000'000);   // 2026-11-23T00:00:00Z
  CHECK(w->second == 1'795'996'800'000);  // 2026-11-30T00:00:00Z
  CHECK(service::iso_week_bounds("2021-W01")->first == 1'609'718'400'000);  // 2021-01-04
  CHECK_FALSE(service::iso_week_bounds("2026-48"));
  CHECK_FALSE(service::iso_week_bounds("2026-W54"));
  CHECK_FALSE(service::iso_week_bounds("2026-W4x"));

  CHECK(service::parse_task_name("t-17") == core::TaskId{17});
  CHECK_FALSE(service::parse_task_name("t-"));
  CHECK_FALSE(service::parse_task_name("17"));
  CHECK_FALSE(service::parse_task_name("t-1x"));
  CHECK_FALSE(service::parse_task_name("t-0"));
  CHECK(service::task_name(17) == "t-17");
}

TEST_CASE("service: report time zones come from the system's TZif files") {
  std::string error;
  CHECK_FALSE(service::utc_offset_fn("UTC", error));
  auto paris = service::utc_offset_fn("Europe/Paris", error);
  REQUIRE(error.empty());
  REQUIRE(paris);
  CHECK(paris(1'782'864'000'000) == 7200);  // 2026-07-01T00:00Z: summer time
  CHECK(paris(1'768'435'200'000) == 3600);  // 2026-01-15T00:00Z: winter time
  auto tokyo = service::utc_offset_fn("Asia/Tokyo", error);
  REQUIRE(tokyo);
  CHECK(tokyo(1'782'864'000'000) == 32400);
  // A week boundary moves with the zone: Sunday 23:30 UTC is Monday in Paris.
  const core::TimeMs sunday_late = 1'795'390'200'000;  // 2026-11-22T23:30:00Z
  CHECK(core::iso_week(sunday_late).str() == "2026-W47");
  CHECK(core::iso_week(sunday_late, paris).str() == "2026-W48");

  auto missing = service::utc_offset_fn("Nowhere/Atlantis", error);
  CHECK_FALSE(missing);
  CHECK(error.find("Nowhere/Atlantis") != std::string::npos);
}

TEST_CASE("service: the row cache keeps the newest rows up to its capacity") {
  service::RowCache cache(2);
  auto doc = [](const std::string& id) {
    auto d = std::make_shared<core::RowDoc>();
    d->content.id = id;
    return std::shared_ptr<const core::RowDoc>(d);
  };
  cache.put("p", "a", doc("a"));
  cache.put("p", "b", doc("b"));
  cache.put("q", "a", doc("qa"));  // same row id in another project: another entry
  CHECK(cache.size() == 2);
  CHECK(cache.find("p", "a") == nullptr);  // the oldest left
  REQUIRE(cache.find("p", "b") != nullptr);
  CHECK(cache.find("q", "a")->content.id == "qa");
  cache.put("p", "b", doc("b"));  // again: no new slot, nothing evicted
  CHECK(cache.size() == 2);
  CHECK(cache.find("q", "a") != nullptr);
  CHECK(cache.find("p", "missing") == nullptr);
}
