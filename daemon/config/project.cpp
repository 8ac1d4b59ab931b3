#include "config/project.hpp"

#include <algorithm>
#include <array>

#include "config/pipeline.hpp"

namespace labelflow::config {
namespace {

const std::vector<std::string> kDefaultSkipReasons = {"unclear", "inappropriate", "other"};
const std::vector<std::string> kEvents = {kEventRowFinalized, kEventRowEscalated,
                                          kEventImportFinished, kEventExportFinished};

void read_labels(TableReader& root, Project& project) {
  const toml::array* labels = root.table_array("labels", true);
  if (labels == nullptr) return;
  if (labels->empty()) {
    root.diags().error(root.value_pos("labels"), error_id::kBadValue,
                       "the project declares no labels; add at least one [[labels]] table");
  }
  std::size_t index = 0;
  for (const toml::node& node : *labels) {
    ++index;
    TableReader r(*node.as_table(), root.file(), root.diags(),
                  "[[labels]] entry " + std::to_string(index));
    LabelSpec label;
    if (auto name = r.non_empty_string("name", true)) {
      bool taken = std::any_of(project.labels.begin(), project.labels.end(),
                               [&](const LabelSpec& l) { return l.name == *name; });
      if (!valid_id(*name)) {
        r.bad_value("name", "'" + *name +
                                "' is not a valid label name (letters, digits, '_', "
                                "'-', '.')");
      } else if (taken) {
        r.diags().error(r.value_pos("name"), error_id::kDuplicate,
                        "label name '" + *name + "' is used by an earlier [[labels]] entry");
      } else {
        label.name = *name;
      }
    }
    label.instructions = r.string("instructions").value_or("");
    label.plugin = read_plugin_spec(r, {"name", "instructions"}, /*resolve_paths=*/false);
    r.finish();
    project.labels.push_back(std::move(label));
  }
}

void read_members(TableReader& root, const ReviewerSet& reviewers, Project& project) {
  project.members_where = {};
  const toml::node* node = root.get("members");
  auto members = root.string_list("members");
  if (node == nullptr) {
    for (const auto& r : reviewers.reviewers) project.members.push_back(r.id);
    return;
  }
  project.members_where = root.value_pos("members");
  if (!members) return;
  std::size_t index = 0;
  for (const auto& id : *members) {
    const toml::node* item = node->as_array()->get(index++);
    if (reviewers.find(id) == nullptr) {
      std::vector<std::string> ids;
      for (const auto& r : reviewers.reviewers) ids.push_back(r.id);
      std::string hint = closest_match(id, ids);
      root.diags().error(item ? position_of(root.file(), item->source()) : project.members_where,
                         error_id::kUnknownMember,
                         "member '" + id + "' is not a reviewer in " + reviewers.file.string() +
                             (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
    } else {
      project.members.push_back(id);
    }
  }
}

void read_lease(TableReader& root, Lease& lease) {
  const toml::table* table = root.table("lease");
  if (table == nullptr) return;
  TableReader r(*table, root.file(), root.diags(), "[lease]");
  if (auto ttl = r.integer("lease_ttl_seconds")) {
    if (*ttl >= 10 && *ttl <= 7 * 24 * 3600)
      lease.ttl_seconds = *ttl;
    else
      r.bad_value("lease_ttl_seconds", "must be between 10 and 604800 (7 days)");
  }
  if (auto max = r.integer("max_leases_per_reviewer")) {
    if (*max >= 1 && *max <= 1000)
      lease.max_leases_per_reviewer = *max;
    else
      r.bad_value("max_leases_per_reviewer", "must be between 1 and 1000");
  }
  r.finish();
}

void read_skip_reasons(TableReader& root, Project& project) {
  if (!root.raw().contains("skip_reasons")) {
    root.allow("skip_reasons");
    project.skip_reasons = kDefaultSkipReasons;
    return;
  }
  if (auto reasons = root.string_list("skip_reasons")) {
    if (reasons->empty()) root.bad_value("skip_reasons", "list at least one reason");
    project.skip_reasons = *reasons;
  }
}

std::optional<DataLocation> read_location(TableReader& root, const DaemonConfig& daemon,
                                          const char* key,
                                          const std::vector<std::string>& formats) {
  const toml::table* table = root.table(key);
  if (table == nullptr) return std::nullopt;
  TableReader r(*table, root.file(), root.diags(), "[" + std::string(key) + "]");
  DataLocation loc;
  if (auto storage = r.non_empty_string("storage", true)) {
    loc.storage = *storage;
    if (daemon.find_storage(*storage) == nullptr) {
      std::vector<std::string> names;
      for (const auto& s : daemon.storage) names.push_back(s.name);
      std::string hint = closest_match(*storage, names);
      r.bad_value("storage", "no storage instance '" + *storage + "' in " + daemon.file.string() +
                                 " [storage.NAME]" +
                                 (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
    }
  }
  loc.prefix = r.string("prefix").value_or("");
  loc.format = formats.front();
  if (auto format = r.string("format")) {
    if (std::find(formats.begin(), formats.end(), *format) != formats.end()) {
      loc.format = *format;
    } else {
      std::string list;
      for (const auto& f : formats) list += (list.empty() ? "" : ", ") + f;
      r.bad_value("format", "'" + *format + "' is not a format here; use one of " + list);
    }
  }
  r.finish();
  return loc;
}

void read_webhooks(TableReader& root, Project& project) {
  const toml::array* hooks = root.table_array("webhooks");
  if (hooks == nullptr) return;
  std::size_t index = 0;
  for (const toml::node& node : *hooks) {
    ++index;
    TableReader r(*node.as_table(), root.file(), root.diags(),
                  "[[webhooks]] entry " + std::to_string(index));
    Webhook hook;
    if (auto url = r.non_empty_string("url", true)) {
      if (url->rfind("http://", 0) == 0 || url->rfind("https://", 0) == 0)
        hook.url = *url;
      else
        r.bad_value("url", "'" + *url + "' is not an http:// or https:// URL");
    }
    hook.events = kEvents;
    if (auto events = r.string_list("events")) {
      if (events->empty()) r.bad_value("events", "list at least one event");
      for (const auto& e : *events) {
        if (std::find(kEvents.begin(), kEvents.end(), e) == kEvents.end()) {
          std::string hint = closest_match(e, kEvents);
          r.bad_value("events", "'" + e + "' is not an event" +
                                    (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
        }
      }
      hook.events = *events;
    }
    if (auto secret = read_secret(r, "secret", true,
                                  "webhook " + std::to_string(index) + "'s signing secret")) {
      hook.secret = *secret;
    }
    r.finish();
    project.webhooks.push_back(std::move(hook));
  }
}

}  // namespace

Project load_project(const std::filesystem::path& path, const DaemonConfig& daemon,
                     const ReviewerSet& reviewers, Diagnostics& diags) {
  Project project;
  project.file = path.lexically_normal();
  project.where = {project.file, 1, 1};
  project.expert_domains_where = project.where;
  project.pipeline_where = project.where;
  auto table = parse_toml_file(project.file, diags);
  if (!table) return project;
  TableReader r(*table, project.file, diags);
  project.id_where = r.value_pos("id");
  if (auto id = r.non_empty_string("id", true)) {
    if (valid_id(*id))
      project.id = *id;
    else
      r.bad_value("id", "'" + *id + "' is not a valid project id (letters, digits, '_', '-', '.')");
  }
  project.name = r.non_empty_string("name").value_or(project.id);
  read_labels(r, project);
  project.expert_domains_where = r.value_pos("expert_domains");
  if (auto domains = r.string_list("expert_domains")) project.expert_domains = *domains;
  if (const toml::table* router = r.table("router")) {
    TableReader rr(*router, project.file, diags, "[router]");
    project.router = read_plugin_spec(rr, {}, /*resolve_paths=*/true);
    rr.finish();
  }
  read_pipeline(r, project);
  read_members(r, reviewers, project);
  read_lease(r, project.lease);
  read_skip_reasons(r, project);
  project.source =
      read_location(r, daemon, "source", {"jsonl", "sagemaker-input", "sagemaker-output"});
  project.sink = read_location(r, daemon, "sink", {"jsonl", "sagemaker-output"});
  read_webhooks(r, project);
  r.finish();
  check_staffing(project, reviewers, diags);
  return project;
}

}  // namespace labelflow::config
