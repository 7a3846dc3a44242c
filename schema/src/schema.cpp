#include "news/schema.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace news {

std::string term(FieldId id, std::string_view value) {
    // Values are lower case (as a query is, once normalised), so that
    // `id:Reuters-2` and `file:Corpus/x.txt` find what was indexed.
    std::string t(field(id).prefix);
    for (char c : value) t += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    // Xapian refuses terms over 245 bytes: keep a long value's head and make
    // it unique with a hash of the whole.
    constexpr size_t kMaxTerm = 240;
    if (t.size() > kMaxTerm) {
        uint64_t h = 1469598103934665603ULL;  // FNV-1a
        for (unsigned char c : value) h = (h ^ c) * 1099511628211ULL;
        char hex[17];
        std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
        t.resize(kMaxTerm - 17);
        t += '#';
        t += hex;
    }
    return t;
}

std::string oldest_key(std::string_view date, std::string_view id) {
    return (date.empty() ? std::string("~") : std::string(date)) + term(FieldId::Id, id).substr(field(FieldId::Id).prefix.size());
}

std::string newest_key(std::string_view date, std::string_view id) {
    return (date.empty() ? std::string("!") : std::string(date)) + term(FieldId::Id, id).substr(field(FieldId::Id).prefix.size());
}

std::string default_db_path() {
    if (const char* env = std::getenv(std::string(kDbEnv).c_str()); env && *env) return env;
    return std::string(kDefaultDb);
}

}  // namespace news
