#include "service/jobs/import_job.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace labelflow::service {

namespace json = boost::json;

std::string_view to_string(JobState state) {
  switch (state) {
    case JobState::queued:
      return "queued";
    case JobState::running:
      return "running";
    case JobState::finished:
      return "finished";
    case JobState::failed:
      return "failed";
  }
  return "failed";
}

std::optional<JobState> parse_job_state(std::string_view text) {
  for (JobState s : {JobState::queued, JobState::running, JobState::finished, JobState::failed}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

store::ImportRecord ImportJob::to_record() const {
  json::array errs;
  for (const auto& e : status.errors) {
    errs.push_back(json::object{{"key", e.key}, {"line", e.line}, {"reason", e.reason}});
  }
  const auto& c = status.counts;
  json::object o{{"storage", status.storage},
                 {"key", status.key},
                 {"prefix", status.prefix},
                 {"format", dataset::format_name(format)},
                 {"created_at", status.created_at},
                 {"finished_at", status.finished_at},
                 {"message", status.message},
                 {"inserted", c.inserted},
                 {"unchanged", c.unchanged},
                 {"duplicate_id", c.duplicate_id},
                 {"rejected", c.rejected},
                 {"errors", std::move(errs)},
                 {"errors_truncated", status.errors_truncated},
                 {"restarts", restarts}};
  return {status.project, status.id, seq, std::string(to_string(status.state)),
          json::serialize(o)};
}

std::shared_ptr<ImportJob> ImportJob::from_record(const store::ImportRecord& r) {
  auto job = std::make_shared<ImportJob>();
  ImportStatus& s = job->status;
  s.project = r.project;
  s.id = r.id;
  job->seq = r.seq;
  s.state = parse_job_state(r.state).value_or(JobState::failed);
  const json::object o = json::parse(r.record).as_object();
  auto str = [&](const char* k) { return std::string(o.at(k).as_string()); };
  auto num = [&](const char* k) { return o.at(k).to_number<std::int64_t>(); };
  auto count = [&](const char* k) { return static_cast<std::uint64_t>(num(k)); };
  s.storage = str("storage");
  s.key = str("key");
  s.prefix = str("prefix");
  job->format = dataset::parse_format(str("format")).value_or(dataset::Format::jsonl);
  s.format = dataset::format_name(job->format);
  s.created_at = num("created_at");
  s.finished_at = num("finished_at");
  s.message = str("message");
  s.counts = {count("inserted"), count("unchanged"), count("duplicate_id"), count("rejected")};
  for (const auto& e : o.at("errors").as_array()) {
    const auto& eo = e.as_object();
    s.errors.push_back({std::string(eo.at("key").as_string()),
                        static_cast<std::uint64_t>(eo.at("line").to_number<std::int64_t>()),
                        std::string(eo.at("reason").as_string())});
  }
  s.errors_truncated = o.at("errors_truncated").as_bool();
  job->restarts = static_cast<int>(num("restarts"));
  return job;
}

void ImportJob::add_error(const dataset::ImportError& error, std::size_t max_errors) {
  if (status.errors.size() < max_errors) {
    status.errors.push_back({error.key, error.line, error.reason});
  } else {
    status.errors_truncated = true;
  }
}

}  // namespace labelflow::service
