#include "news/schema.hpp"

#include "news/entities.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace news {

std::string term(FieldId id, std::string_view value) {
    // Values are lower case (as a query is, once normalised), so that
    // `id:Reuters-2` and `file:Corpus/x.txt` find what was indexed.
    std::string t(field(id).prefix);
    for (char c : value) t += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    // Xapian refuses terms over 245 bytes: keep a long value's head and make
    // it unique with a hash of the whole.
    constexpr size_t kMaxTerm = kMaxTermBytes;
    if (t.size() > kMaxTerm) {
        const std::string folded = t.substr(field(id).prefix.size());  // (the same term whatever the value's case)
        t.resize(kMaxTerm - 17);
        t += '#';
        t += digest_of(folded);
    }
    return t;
}

std::string author_term(std::string_view handle) {
    if (!handle.empty() && handle.front() == '@') handle.remove_prefix(1);
    return term(FieldId::Author, handle);
}

std::string Fnv::hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

std::string digest_of(std::string_view bytes) {
    Fnv f;
    f.add(bytes);
    return f.hex();
}

std::string newest_key(std::string_view date, std::string_view id) {
    return (date.empty() ? std::string("!") : std::string(date)) + term(FieldId::Id, id).substr(field(FieldId::Id).prefix.size());
}

std::string id_of_newest_key(std::string_view key) {
    if (!key.empty() && key.front() == '!') return std::string(key.substr(1));
    return key.size() >= 8 ? std::string(key.substr(8)) : std::string();
}

std::string type_value(std::string_view type) { return type.empty() ? std::string() : std::string(1, type[0]); }

std::string type_of_value(std::string_view value) {
    if (value == type_value(kTypeArticle)) return std::string(kTypeArticle);
    if (value == type_value(kTypePost)) return std::string(kTypePost);
    return std::string(value);
}

std::string digest_value(std::string_view hex) {
    if (hex.size() != 16 || hex.find_first_not_of("0123456789abcdef") != std::string_view::npos) return std::string(hex);
    std::string v(8, '\0');
    for (size_t i = 0; i < 8; ++i)
        v[i] = static_cast<char>(std::strtoul(std::string(hex.substr(2 * i, 2)).c_str(), nullptr, 16));
    return v;
}

std::string digest_hex(std::string_view value) {
    if (value.size() != 8) return std::string(value);
    std::string hex;
    char b[3];
    for (unsigned char c : value) {
        std::snprintf(b, sizeof b, "%02x", c);
        hex += b;
    }
    return hex;
}

std::string path_key(const std::string& path) {
    // The working folder, asked for once: fs::absolute() asks the system
    // for it each time (a system call a file, a tenth of a no-change run).
    static const fs::path cwd = [] {
        std::error_code ec;
        fs::path p = fs::current_path(ec);
        return ec ? fs::path() : p;
    }();
    fs::path p(path);
    if (p.is_relative() && !cwd.empty()) p = cwd / p;
    return p.lexically_normal().generic_string();
}

std::string file_term(std::string_view key) {
    // FNV-1a of the key, lower-cased as every term's value is (file: was
    // never case-sensitive), in base 32: 13 characters.
    uint64_t h = 1469598103934665603ULL;
    for (char c : key) {
        unsigned char u = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        h = (h ^ u) * 1099511628211ULL;
    }
    static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuv";
    std::string t(field(FieldId::File).prefix);
    for (int shift = 60; shift >= 0; shift -= 5) t += kDigits[(h >> shift) & 31];
    return t;
}

std::string default_db_path() {
    if (const char* env = std::getenv(std::string(kDbEnv).c_str()); env && *env) return env;
    return std::string(kDefaultDb);
}

std::string schema_mismatch(std::string_view where, std::string_view found) {
    return std::string(where) + ": made by another version of news-index (index schema \"" + std::string(found) +
           "\", this version reads schema \"" + std::string(kSchemaVersion) +
           "\"); run news-index --rebuild --db " + std::string(where) + " with your sources to build it anew";
}

std::string name_key(std::string_view name) { return entity_slug(name); }

char name_kind_letter(FieldId id) {
    switch (id) {
        case FieldId::Person: return 'p';
        case FieldId::Organisation: return 'o';
        default: return 'l';
    }
}

}  // namespace news
