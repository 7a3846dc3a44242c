#include "news/layout.hpp"

#include "news/error.hpp"
#include "news/text.hpp"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace news {

std::string shard_name(size_t i) { return "shard-" + std::to_string(i); }

size_t shard_of(std::string_view article_id, size_t shards) {
    if (shards <= 1) return 0;
    uint64_t h = 1469598103934665603ULL;
    for (char c : article_id) {
        unsigned char u = static_cast<unsigned char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
        h = (h ^ u) * 1099511628211ULL;
    }
    return static_cast<size_t>(h % shards);
}

std::string stub_text(size_t shards) {
    std::vector<std::string> parts;
    for (size_t i = 0; i < shards; ++i) parts.push_back(shard_name(i));
    return stub_text(parts);
}

std::string stub_text(const std::vector<std::string>& parts) {
    std::string s = "# news-index: the parts of this sharded index (meta first: see README, Shards)\nauto " +
                    std::string(kMetaPart) + "\n";
    for (const auto& p : parts) s += "auto " + p + "\n";
    return s;
}

std::string slice_name(size_t shard, size_t slice) {
    return slice == 0 ? shard_name(shard) : shard_name(shard) + "." + std::to_string(slice);
}

bool is_sharded_folder(const std::string& path) {
    std::error_code ec;
    return fs::is_directory(path, ec) && fs::is_regular_file(fs::path(path) / kStubFile, ec);
}

bool is_stub_file(const std::string& path) {
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

std::vector<Part> read_stub(const std::string& stub_path) {
    std::ifstream in(stub_path, std::ios::binary);
    if (!in) throw Error(stub_path + ": cannot read the stub file: " + std::strerror(errno));
    fs::path dir = fs::path(stub_path).parent_path();
    std::vector<Part> parts;
    std::string line;
    for (size_t n = 1; std::getline(in, line); ++n) {
        line = trim_ascii(line);
        if (line.empty() || line[0] == '#') continue;
        std::string where = stub_path + ":" + std::to_string(n);
        size_t sp = line.find_first_of(" \t");
        std::string kind = line.substr(0, sp), arg = sp == std::string::npos ? "" : trim_ascii(line.substr(sp));
        Part p;
        p.where = where;
        if ((kind == "auto" || kind == "glass" || kind == "chert") && !arg.empty()) {
            fs::path target(arg);
            p.path = (target.is_absolute() ? target : dir / target).lexically_normal().string();
            p.name = p.path;
        } else if (kind == "remote" && !arg.empty() && arg[0] != ':') {
            size_t colon = arg.rfind(':');
            std::string port = colon == std::string::npos ? "" : arg.substr(colon + 1);
            char* end = nullptr;
            unsigned long v = port.empty() ? 0 : std::strtoul(port.c_str(), &end, 10);
            if (colon == 0 || port.empty() || *end != '\0' || v == 0 || v > 65535)
                throw usage_error(where + ": \"" + line + "\" is not HOST:PORT; write e.g. remote 10.0.0.2:7000");
            p.remote = true;
            p.host = arg.substr(0, colon);
            p.port = static_cast<unsigned>(v);
            p.name = "remote " + p.host + ":" + port;
        } else {
            throw usage_error(where + ": cannot read \"" + line +
                              "\"; a stub line is \"auto PATH\" or \"remote HOST:PORT\" (see README, Shards)");
        }
        parts.push_back(std::move(p));
    }
    if (parts.empty()) throw usage_error(stub_path + ": the stub file lists no database; add \"auto PATH\" lines");
    return parts;
}

std::vector<Part> parts_of(const std::string& db) {
    if (is_sharded_folder(db)) return read_stub((fs::path(db) / kStubFile).string());
    if (is_stub_file(db)) return read_stub(db);
    Part p;
    p.path = db;
    p.name = db;
    return {p};
}

}  // namespace news
