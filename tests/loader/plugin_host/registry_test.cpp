// The registry against real libraries: every refusal has its own ID and a one-line message
// naming the file, what was expected and what to do; good plugins load regardless.
#include "plugin_host/registry.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <map>

#include "helpers.hpp"

namespace fs = std::filesystem;
namespace id = labelflow::plugin_host::error_id;
using labelflow::plugin_host::LoadError;
using labelflow::plugin_host::Registry;
using labelflow::sdk::PluginKind;
using namespace loader_test;

namespace {

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

const boost::json::object kNoOptions;

}  // namespace

TEST_CASE("each broken library is refused with its own id, good ones load beside them",
          "[registry]") {
  Registry registry;
  auto errors = registry.load_directories({kPluginDir});
  INFO(describe(errors));

  const std::map<std::string, std::string> expected = {
      {"bad_kind.so", id::kWrongKind},
      {"dup_b.so", id::kDuplicateName},
      {"escape.so", id::kOutsidePluginDir},
      {"higher_minor.so", id::kAbiMismatch},
      {"missing_create.so", id::kEntryMissing},
      {"no_entry.so", id::kEntryMissing},
      {"not_elf.so", id::kNotSharedLibrary},
      {"toolchain_boost.so", id::kToolchainMismatch},
      {"toolchain_stdlib.so", id::kToolchainMismatch},
      {"unresolved.so", id::kOpenFailed},
      {"wrong_abi.so", id::kAbiMismatch}};
  CHECK(errors.size() == expected.size());
  for (const auto& [file, want] : expected) {
    INFO(file);
    const LoadError* e = error_for(errors, file);
    REQUIRE(e != nullptr);
    CHECK(e->id == want);
    CHECK(e->path == kPluginDir / file);
    CHECK(contains(e->to_string(), file));    // names the file (as the path prefix)
    CHECK_FALSE(contains(e->message, "\n"));  // one line
    CHECK(e->to_string() == e->path.string() + ": " + want + ": " + e->message);
  }

  std::vector<std::string> names;
  for (const auto& d : registry.plugins()) names.push_back(d.name);
  // File-name order: dup_a.so, good_label.so, memory.so, throwing.so, throws_create.so.
  CHECK(names ==
        std::vector<std::string>{"dup", "good_label", "memory", "throwing", "throws_create"});
}

TEST_CASE("refusal messages say what was found, what was expected and what to do", "[registry]") {
  Registry registry;
  auto errors = registry.load_directories({kPluginDir});
  auto message = [&](const std::string& file) {
    const LoadError* e = error_for(errors, file);
    REQUIRE(e != nullptr);
    return e->message;
  };
  CHECK(message("wrong_abi.so") ==
        "built for SDK ABI 2.0; this daemon speaks 1.0: rebuild it against the installed SDK");
  CHECK(contains(message("higher_minor.so"), "SDK ABI 1.9; this daemon speaks 1.0"));
  CHECK(contains(message("toolchain_boost.so"), "Boost 1.70; this daemon uses Boost 1.81"));
  CHECK(contains(message("toolchain_stdlib.so"), "library ABI libc++; this daemon uses libstdc++"));
  CHECK(contains(message("no_entry.so"), "no entry point labelflow_plugin_info"));
  CHECK(contains(message("no_entry.so"), "LABELFLOW_PLUGIN"));
  CHECK(contains(message("missing_create.so"), "no entry point labelflow_plugin_create"));
  CHECK(contains(message("not_elf.so"), "not a shared library (no ELF header)"));
  // dlopen's own reason (dlerror) is kept.
  CHECK(contains(message("unresolved.so"), "could not be loaded ("));
  CHECK(contains(message("unresolved.so"), "undefined symbol: labelflow_test_missing_symbol"));
  CHECK(contains(message("bad_kind.so"), "plugin kind 7; expected label_type, storage or router"));
  CHECK(contains(message("escape.so"), "resolves to " + (kOutsideDir / "outside.so").string()));
  CHECK(contains(message("escape.so"),
                 "lies outside the plugin directories (" + kPluginDir.string() + ")"));
  // Both files of a duplicate name are named: the refused one by the error's path.
  CHECK(message("dup_b.so") == "plugin name 'dup' is already taken by " +
                                   (kPluginDir / "dup_a.so").string() +
                                   ", so this file is not loaded: remove one of the two files or "
                                   "rename one plugin");
}

TEST_CASE("descriptors give the --list-plugins line and the widget beside the library",
          "[registry]") {
  Registry registry;
  registry.load_directories({kPluginDir});
  const auto* label = registry.find(PluginKind::label_type, "good_label");
  REQUIRE(label != nullptr);
  CHECK(label->list_line() ==
        "label_type good_label 1.2.3 abi=1.0 " + (kPluginDir / "good_label.so").string());
  CHECK(label->widget_path == kPluginDir / "good_label_widget.js");
  CHECK_FALSE(label->compiler.empty());

  const auto* storage = registry.find(PluginKind::storage, "memory");
  REQUIRE(storage != nullptr);
  CHECK(storage->list_line() ==
        "storage memory 0.3.0 abi=1.0 " + (kPluginDir / "memory.so").string());
  CHECK(storage->widget_path.empty());
  // find() is by kind as well as name.
  CHECK(registry.find(PluginKind::storage, "good_label") == nullptr);
  CHECK(registry.find(PluginKind::label_type, "nope") == nullptr);
}

TEST_CASE("a label type whose widget file is missing has no widget_path", "[registry]") {
  Registry registry;
  REQUIRE(registry.load_file(kPluginDir / "throwing.so", {kPluginDir}).empty());
  const auto* d = registry.find(PluginKind::label_type, "throwing");
  REQUIRE(d != nullptr);
  CHECK(d->widget_path.empty());
}

TEST_CASE("libraries outside the allowed directories are refused before loading", "[registry]") {
  Registry registry;
  SECTION("a file in another directory") {
    auto errors = registry.load_file(kOutsideDir / "outside.so", {kPluginDir});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].id == id::kOutsidePluginDir);
  }
  SECTION("a path that climbs out with ..") {
    auto errors = registry.load_file(kPluginDir / ".." / "outside" / "outside.so", {kPluginDir});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].id == id::kOutsidePluginDir);
  }
  SECTION("a directory whose name only starts like the allowed one") {
    ScratchDir scratch;
    fs::create_directories(scratch.path() / "plugins2");
    fs::copy_file(kPluginDir / "good_label.so", scratch.path() / "plugins2" / "good_label.so");
    auto errors = registry.load_file(scratch.path() / "plugins2" / "good_label.so",
                                     {scratch.path() / "plugins"});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].id == id::kOutsidePluginDir);
  }
  SECTION("no allowed directory at all") {
    auto errors = registry.load_file(kPluginDir / "good_label.so", {});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].id == id::kOutsidePluginDir);
    CHECK(contains(errors[0].message, "none configured"));
  }
  CHECK(registry.plugins().empty());
  // The same file loads when its directory is allowed.
  CHECK(registry.load_file(kOutsideDir / "outside.so", {kOutsideDir}).empty());
  CHECK(registry.find(PluginKind::label_type, "outside") != nullptr);
}

TEST_CASE("missing files and directories are reported, not thrown", "[registry]") {
  Registry registry;
  auto errors = registry.load_file(kPluginDir / "absent.so", {kPluginDir});
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].id == id::kOpenFailed);
  CHECK(contains(errors[0].message, "does not exist"));

  errors = registry.load_directories({kPluginDir / "no_such_dir"});
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].id == id::kOpenFailed);
  CHECK(contains(errors[0].message, "no_such_dir cannot be read"));
}

TEST_CASE("ELF files that are not loadable shared objects", "[registry]") {
  ScratchDir scratch;
  const std::string good = read_file(kPluginDir / "good_label.so");
  REQUIRE(good.size() > 4096);
  Registry registry;

  SECTION("a relocatable object (ELF type 1) is not a shared library") {
    std::string object = good;
    object[16] = 1;
    object[17] = 0;
    write_file(scratch.path() / "object.so", object);
    auto errors = registry.load_file(scratch.path() / "object.so", {scratch.path()});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].id == id::kNotSharedLibrary);
    CHECK(contains(errors[0].message, "ELF type 1, expected a shared object"));
  }
  SECTION("a truncated library is refused before dlopen (mapping it would raise SIGBUS)") {
    write_file(scratch.path() / "truncated.so", good.substr(0, 2048));
    auto errors = registry.load_file(scratch.path() / "truncated.so", {scratch.path()});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].id == id::kNotSharedLibrary);
    CHECK(contains(errors[0].message, "truncated or damaged"));
    CHECK(contains(errors[0].message, "of a 2048-byte file): rebuild or reinstall it"));
  }
  SECTION("an empty file") {
    write_file(scratch.path() / "empty.so", "");
    auto errors = registry.load_file(scratch.path() / "empty.so", {scratch.path()});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].id == id::kNotSharedLibrary);
  }
  CHECK(registry.plugins().empty());
}

TEST_CASE("loading the same files again changes nothing", "[registry]") {
  Registry registry;
  auto first = registry.load_directories({kPluginDir});
  const auto before = registry.plugins().size();
  auto second = registry.load_directories({kPluginDir, kPluginDir});
  CHECK(registry.plugins().size() == before);
  // Only the broken files are reported again; the good ones are no duplicates of themselves.
  CHECK(second.size() == 2 * first.size());
  CHECK(error_for(second, "good_label.so") == nullptr);
}

TEST_CASE("create: unknown name, wrong kind, refused options, failing create", "[registry]") {
  Registry registry;
  registry.load_directories({kPluginDir});

  SECTION("unknown plugin") {
    auto c = registry.create_label_type("sentimentt", kNoOptions);
    CHECK_FALSE(c.ok());
    REQUIRE(c.errors.size() == 1);
    CHECK(c.errors[0].id == id::kUnknownPlugin);
    CHECK(c.errors[0].path.empty());
    CHECK(c.errors[0].to_string() == "plugin.unknown: " + c.errors[0].message);
    CHECK(contains(c.errors[0].message, "no label_type plugin named 'sentimentt'"));
    CHECK(contains(c.errors[0].message, "good_label"));  // lists what is loaded
  }
  SECTION("a name registered under another kind") {
    auto c = registry.create_storage("good_label", kNoOptions);
    CHECK_FALSE(c.ok());
    REQUIRE(c.errors.size() == 1);
    CHECK(c.errors[0].id == id::kWrongKind);
    CHECK(contains(c.errors[0].message, "'good_label' is a label_type plugin, but a storage"));
  }
  SECTION("options refused by configure") {
    auto options = boost::json::object{{"classes", boost::json::array{"a", "b"}}, {"bogus", 1}};
    auto c = registry.create_label_type("good_label", options);
    CHECK_FALSE(c.ok());
    REQUIRE(c.option_errors.size() == 1);
    CHECK(c.option_errors[0].key == "bogus");
    CHECK(c.option_errors[0].message == "unknown option");
    CHECK(c.errors.empty());  // option errors are reported once, per key
  }
  SECTION("a constructor that throws") {
    auto c = registry.create_label_type("throws_create", kNoOptions);
    CHECK_FALSE(c.ok());
    REQUIRE(c.errors.size() == 1);
    CHECK(c.errors[0].id == id::kCreateFailed);
    CHECK(contains(c.errors[0].message, "cannot open model file /nonexistent/model.bin"));
    CHECK(c.errors[0].path == kPluginDir / "throws_create.so");
  }
  SECTION("configure that throws") {
    auto c = registry.create_label_type("good_label", boost::json::object{{"explode", true}});
    CHECK_FALSE(c.ok());
    REQUIRE(c.errors.size() == 1);
    CHECK(c.errors[0].id == id::kCreateFailed);
    CHECK(contains(c.errors[0].message, "threw in configure: configure exploded on request"));
  }
  SECTION("good options") {
    auto c = registry.create_label_type("good_label",
                                        boost::json::object{{"classes", boost::json::array{"x"}}});
    REQUIRE(c.ok());
    CHECK(c.errors.empty());
    CHECK(c.object->plugin_name() == "good_label");
    auto options = c.object->options();
    REQUIRE(options.is_ok());
    CHECK(boost::json::value(*options) == boost::json::parse(R"({"classes": ["x"]})"));
  }
}

TEST_CASE("objects keep their library loaded after the registry is gone", "[registry]") {
  std::shared_ptr<labelflow::plugin_host::GuardedLabelType> label;
  std::shared_ptr<labelflow::plugin_host::GuardedStorage> storage;
  {
    Registry registry;
    registry.load_directories({kPluginDir});
    label = registry.create_label_type("good_label", kNoOptions).object;
    storage = registry.create_storage("memory", kNoOptions).object;
    REQUIRE(label);
    REQUIRE(storage);
  }
  const boost::json::object metadata;
  labelflow::sdk::RowView row{"r-1", "", "", "text", &metadata};
  auto ok = label->validate("yes", row);
  REQUIRE(ok.is_ok());
  CHECK(ok->empty());
  auto bad = label->validate("maybe", row);
  REQUIRE(bad.is_ok());
  REQUIRE(bad->size() == 1);
  CHECK((*bad)[0].message == "must be one of the classes");
  REQUIRE(storage->put("k", "value").is_ok());
  CHECK(storage->get_all("k").value() == "value");
  // Releasing the last objects runs the plugin's destroy while its library is still loaded.
  label.reset();
  storage.reset();
}
