#include "news/schema.hpp"

#include <cstdlib>

namespace news {

std::string term(FieldId id, std::string_view value) {
    std::string t(field(id).prefix);
    // Omega's convention: a value that starts with a capital after a
    // multi-letter prefix is separated by ':' so the prefix stays unambiguous.
    if (field(id).prefix.size() > 1 && !value.empty() && value.front() >= 'A' && value.front() <= 'Z')
        t += ':';
    t += value;
    return t;
}

std::string default_db_path() {
    if (const char* env = std::getenv(std::string(kDbEnv).c_str()); env && *env) return env;
    return std::string(kDefaultDb);
}

}  // namespace news
