// The table of name aliases (news/name_aliases.hpp), read once.
#include "news/name_aliases.hpp"

#include <optional>

namespace news {
namespace {

std::optional<FieldId> kind_named(std::string_view k) {
    if (k == "person") return FieldId::Person;
    if (k == "organisation") return FieldId::Organisation;
    if (k == "location") return FieldId::Location;
    return std::nullopt;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    for (size_t start = 0;;) {
        const size_t at = s.find(sep, start);
        out.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
        if (at == std::string_view::npos) return out;
        start = at + 1;
    }
}

std::vector<NameAlias> parsed(std::string_view text) {
    std::vector<NameAlias> out;
    for (std::string_view line : split(text, '\n')) {
        if (line.empty() || line.front() == '#') continue;
        const std::vector<std::string_view> cols = split(line, '\t');
        const std::optional<FieldId> kind = cols.size() == 3 ? kind_named(cols[0]) : std::nullopt;
        if (!kind) continue;
        NameAlias a{*kind, name_key(cols[1]), {}};
        for (std::string_view alias : split(cols[2], '|'))
            if (!alias.empty()) a.aliases.push_back(name_key(alias));
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace

const std::vector<NameAlias>& name_aliases() {
    static const std::vector<NameAlias> table = parsed(name_aliases_text());
    return table;
}

std::optional<FieldId> name_alias_kind(std::string_view key) {
    for (const NameAlias& a : name_aliases()) {
        if (a.key == key) return a.kind;
        for (const std::string& alias : a.aliases)
            if (alias == key) return a.kind;
    }
    return std::nullopt;
}

}  // namespace news
