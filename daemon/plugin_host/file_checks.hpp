// The checks that need no loading: where a plugin file lies and whether it is a shared library.
// They run before dlopen, so a stray file never gets to execute code in the daemon.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "plugin_host/registry.hpp"

namespace labelflow::plugin_host::detail {

// The file as shown to users: absolute and lexically normal, symlinks kept.
std::filesystem::path shown_path(const std::filesystem::path& file);

// True when `file` (canonical) lies strictly inside `dir` (canonical), compared by component.
bool lies_inside(const std::filesystem::path& file, const std::filesystem::path& dir);

// Resolves `file` (symlinks included) and checks that it lies inside one of `allowed_dirs`.
// On success stores the canonical path in `canonical`. Errors: kOutsidePluginDir (also for a
// symlink that escapes the directory), kOpenFailed when the file does not exist.
std::optional<LoadError> check_location(const std::filesystem::path& file,
                                        const std::vector<std::filesystem::path>& allowed_dirs,
                                        std::filesystem::path& canonical);

// Reads the first bytes of `canonical` and checks for an ELF shared object of this machine's
// class and byte order. Error: kNotSharedLibrary (kOpenFailed when it cannot be read).
std::optional<LoadError> check_shared_object(const std::filesystem::path& shown,
                                             const std::filesystem::path& canonical);

}  // namespace labelflow::plugin_host::detail
