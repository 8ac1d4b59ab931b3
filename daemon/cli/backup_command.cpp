// `labelflow backup`: asks labelflowd for an online copy of its state database, put to one of
// its storage instances (docs/api.md, POST /v1/admin/backups).
#include <boost/json/serialize.hpp>

#include "cli/client_command.hpp"
#include "cli/command.hpp"
#include "cli/table.hpp"

namespace labelflow::cli {

const std::string_view kBackupUsage =
    "usage: labelflow backup --storage STORAGE [--key KEY]\n\n"
    "Copies the daemon's state database while it keeps serving and stores the copy in a\n"
    "storage instance of the daemon configuration (admin token).\n"
    "  --storage  the storage instance to put the copy to\n"
    "  --key      the object key (default backups/labelflow-<UTC timestamp>.db)";

int run_backup(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  ClientCommand cmd("backup", kBackupUsage, out, err, {"--storage", "--key"}, {}, 0, 0);
  if (auto stop = cmd.parse(args)) return *stop;
  boost::json::object request;
  const auto storage = cmd.args().value("--storage");
  if (!storage || storage->empty()) return cmd.usage_error("--storage STORAGE is required");
  request["storage"] = *storage;
  if (auto key = cmd.args().value("--key")) {
    if (key->empty()) return cmd.usage_error("--key needs a non-empty value");
    request["key"] = *key;
  }
  auto reply = cmd.call("POST", "/v1/admin/backups", boost::json::serialize(request));
  if (!reply.ok()) return reply.exit;
  if (cmd.print_raw_if_json(reply)) return kExitOk;
  auto value = cmd.parse_body(reply);
  if (!value) return kExitServer;
  print_fields(out, {{"storage", cell(*value, "storage")},
                     {"key", cell(*value, "key")},
                     {"bytes", cell(*value, "bytes")}});
  return kExitOk;
}

}  // namespace labelflow::cli
