#include "file_ledger.hpp"

#include "store.hpp"

#include "news/schema.hpp"

#include <charconv>

namespace news::indexer {

std::string FileLedger::name(const std::string& key) {
    if (key.size() <= 200) return std::string(kMetaFile) + key;
    return std::string(kMetaFile) + "#" + digest_of(key);
}

std::string FileLedger::encode(const FileRecord& r) {
    return r.digest + "\t" + std::to_string(r.articles) + "\t" + r.key + "\t" + std::to_string(r.size) + "\t" +
           std::to_string(r.lines) + "\t" + std::to_string(r.mtime_ns) + "\t" + std::to_string(r.file_size) + "\t" +
           std::to_string(r.records);
}

std::optional<FileRecord> FileLedger::decode(std::string_view v) {
    // (Read for every file a run walks: fields in place, no copies.)
    constexpr size_t kFields = 8;
    std::string_view f[kFields];
    size_t n = 0;
    for (size_t start = 0; n < kFields;) {
        const size_t tab = v.find('\t', start);
        f[n++] = v.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
        if (tab == std::string_view::npos) break;
        start = tab + 1;
    }
    if (v.empty() || n < 3) return std::nullopt;
    auto number = [](std::string_view s, auto& out) { std::from_chars(s.data(), s.data() + s.size(), out); };
    FileRecord r;
    r.digest = std::string(f[0]);
    number(f[1], r.articles);
    r.key = std::string(f[2]);
    if (n >= 5) {
        number(f[3], r.size);
        number(f[4], r.lines);
    }
    if (n >= 7) {
        number(f[5], r.mtime_ns);
        number(f[6], r.file_size);
    }
    if (n >= 8) number(f[7], r.records);
    return r;
}

std::optional<FileRecord> FileLedger::find(const std::string& key) const {
    if (store_.empty_at_start()) return std::nullopt;
    return decode(value(name(key)));
}

void FileLedger::write(const FileRecord& r) { store_.set_metadata(name(r.key), encode(r)); }

void FileLedger::erase(const std::string& n) { store_.set_metadata(n, ""); }

std::vector<std::string> FileLedger::names() const {
    std::vector<std::string> out;
    const Xapian::Database& meta = store_.meta();
    const std::string prefix(kMetaFile);
    for (auto k = meta.metadata_keys_begin(prefix); k != meta.metadata_keys_end(prefix); ++k) out.push_back(*k);
    return out;
}

std::string FileLedger::value(const std::string& n) const { return store_.meta().get_metadata(n); }

}  // namespace news::indexer
