// Names known by forms no rule relates to them ("Tories" for the
// Conservative Party, "Britain" for the United Kingdom): a small table built
// into the library (schema/name_aliases.tsv), which news-search uses to count
// such a form as its full name across an index (doc/entities.md).
#pragma once

#include "news/schema.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace news {

struct NameAlias {
    FieldId kind;                      // Person, Organisation or Location
    std::string key;                   // name_key() of the full name
    std::vector<std::string> aliases;  // name_key() of each alias
};

// The table's text (schema/name_aliases.tsv).
std::string_view name_aliases_text();

// The table read (once; a line that is no entry is skipped: the file is
// the project's own, checked by unit.test_name_merge).
const std::vector<NameAlias>& name_aliases();

// The kind the table gives a name or alias (by its name_key()); nullopt when
// the table does not list it.  news-index indexes under it what the tagger
// calls another name (MISC: "the Tories", like "the Democrats").
std::optional<FieldId> name_alias_kind(std::string_view key);

}  // namespace news
