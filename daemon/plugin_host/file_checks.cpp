#include "plugin_host/file_checks.hpp"

#include <elf.h>

#include <array>
#include <bit>
#include <cstring>
#include <fstream>
#include <system_error>

namespace labelflow::plugin_host::detail {
namespace fs = std::filesystem;

namespace {

std::string join_dirs(const std::vector<fs::path>& dirs) {
  std::string out;
  for (const auto& d : dirs) {
    if (!out.empty()) out += ", ";
    out += d.string();
  }
  return out.empty() ? std::string("none configured") : out;
}

// Every program header (and the section header table) must lie within the file: dlopen maps
// segments past a truncated file's end, and touching them raises SIGBUS in the daemon.
// Returns the first offset that exceeds `size`, or 0 when all fit.
template <class Ehdr, class Phdr>
std::uint64_t beyond_end(std::ifstream& in, std::uint64_t size) {
  Ehdr eh{};
  in.clear();
  in.seekg(0);
  if (!in.read(reinterpret_cast<char*>(&eh), sizeof eh)) return sizeof eh;
  const std::uint64_t ph_end =
      static_cast<std::uint64_t>(eh.e_phoff) + std::uint64_t{eh.e_phnum} * sizeof(Phdr);
  if (eh.e_phentsize != sizeof(Phdr) || ph_end > size) return ph_end;
  const std::uint64_t sh_end =
      static_cast<std::uint64_t>(eh.e_shoff) + std::uint64_t{eh.e_shnum} * eh.e_shentsize;
  if (sh_end > size) return sh_end;
  for (unsigned i = 0; i < eh.e_phnum; ++i) {
    Phdr ph{};
    in.seekg(static_cast<std::streamoff>(eh.e_phoff + i * sizeof(Phdr)));
    if (!in.read(reinterpret_cast<char*>(&ph), sizeof ph)) return ph_end;
    const std::uint64_t end = static_cast<std::uint64_t>(ph.p_offset) + ph.p_filesz;
    if (ph.p_type == PT_LOAD && end > size) return end;
  }
  return 0;
}

}  // namespace

fs::path shown_path(const fs::path& file) {
  std::error_code ec;
  fs::path abs = fs::absolute(file, ec);
  return (ec ? file : abs).lexically_normal();
}

bool lies_inside(const fs::path& file, const fs::path& dir) {
  auto f = file.begin();
  for (auto d = dir.begin(); d != dir.end(); ++d, ++f) {
    // A trailing separator of `dir` shows up as an empty last component.
    if (d->empty() && std::next(d) == dir.end()) break;
    if (f == file.end() || *f != *d) return false;
  }
  return f != file.end();
}

std::optional<LoadError> check_location(const fs::path& file,
                                        const std::vector<fs::path>& allowed_dirs,
                                        fs::path& canonical) {
  const fs::path shown = shown_path(file);
  std::error_code ec;
  // weakly_canonical resolves every symlink that exists, so the location check runs even for a
  // dangling link and still sees where it points.
  fs::path resolved = fs::weakly_canonical(file, ec);
  if (ec) resolved = shown;
  bool inside = false;
  for (const auto& dir : allowed_dirs) {
    std::error_code dir_ec;
    fs::path canonical_dir = fs::weakly_canonical(dir, dir_ec);
    if (!dir_ec && lies_inside(resolved, canonical_dir)) {
      inside = true;
      break;
    }
  }
  if (!inside) {
    std::string where =
        resolved == shown ? std::string() : "resolves to " + resolved.string() + ", which ";
    return LoadError{error_id::kOutsidePluginDir, shown,
                     where + "lies outside the plugin directories (" + join_dirs(allowed_dirs) +
                         "): move it into a plugin directory or add its directory to the "
                         "daemon's plugin directories"};
  }
  if (!fs::exists(resolved, ec) || ec) {
    return LoadError{
        error_id::kOpenFailed, shown,
        "does not exist" +
            (resolved == shown ? std::string() : " (link to " + resolved.string() + ")") +
            ": check the path or rebuild the plugin"};
  }
  canonical = resolved;
  return std::nullopt;
}

std::optional<LoadError> check_shared_object(const fs::path& shown, const fs::path& canonical) {
  const std::string what = "not a shared library";
  const std::string fix =
      ": remove it from the plugin directory or replace it with a plugin built by "
      "labelflow_add_plugin";
  std::error_code ec;
  if (!fs::is_regular_file(canonical, ec)) {
    return LoadError{error_id::kNotSharedLibrary, shown, what + " (not a regular file)" + fix};
  }
  std::ifstream in(canonical, std::ios::binary);
  if (!in) {
    return LoadError{error_id::kOpenFailed, shown, "cannot be read: check its permissions"};
  }
  // ELF header: magic, class (1 = 32-bit, 2 = 64-bit), data (1 = little, 2 = big endian), ...,
  // e_type at offset 16 (3 = ET_DYN, a shared object).
  std::array<unsigned char, 18> head{};
  in.read(reinterpret_cast<char*>(head.data()), head.size());
  if (in.gcount() != static_cast<std::streamsize>(head.size()) || std::memcmp(head.data(),
                                                                              "\x7f"
                                                                              "ELF",
                                                                              4) != 0) {
    return LoadError{error_id::kNotSharedLibrary, shown, what + " (no ELF header)" + fix};
  }
  const unsigned char want_class = sizeof(void*) == 8 ? 2 : 1;
  const unsigned char want_data = std::endian::native == std::endian::little ? 1 : 2;
  if (head[4] != want_class || head[5] != want_data) {
    return LoadError{error_id::kNotSharedLibrary, shown,
                     "an ELF file for another machine (class or byte order differs): "
                     "rebuild it on this machine against the installed SDK"};
  }
  const unsigned type = head[5] == 1 ? head[16] | (head[17] << 8) : (head[16] << 8) | head[17];
  if (type != 3) {
    return LoadError{
        error_id::kNotSharedLibrary, shown,
        what + " (ELF type " + std::to_string(type) + ", expected a shared object)" + fix};
  }
  const std::uint64_t size = fs::file_size(canonical, ec);
  const std::uint64_t past = ec                   ? 0
                             : sizeof(void*) == 8 ? beyond_end<Elf64_Ehdr, Elf64_Phdr>(in, size)
                                                  : beyond_end<Elf32_Ehdr, Elf32_Phdr>(in, size);
  if (past != 0) {
    return LoadError{error_id::kNotSharedLibrary, shown,
                     "truncated or damaged (its ELF headers reach byte " + std::to_string(past) +
                         " of a " + std::to_string(size) + "-byte file): rebuild or reinstall it"};
  }
  return std::nullopt;
}

}  // namespace labelflow::plugin_host::detail
