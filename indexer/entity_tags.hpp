// Part of the analyse stage: a document's entities, as its terms, value and
// stored record hold them.  One function finds them (the analyser, when an
// article is indexed) and one sets them on a document, so that re-tagging a
// stored document under another catalogue (retag.hpp) gives exactly what a
// fresh build would.
#pragma once

#include "news/entities.hpp"

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

namespace news::indexer {

struct EntityTags {
    std::vector<std::string> names;                  // canonical names, in order of first mention
    std::map<std::string, Xapian::termcount> terms;  // XE term -> mentions (its wdf: an alias's synonym ranks)
    std::string artists;                             // Slot::Entities: the people and groups (artist facet)
    bool operator==(const EntityTags& o) const {
        return names == o.names && terms == o.terms && artists == o.artists;
    }
};

// The JSON Lines `people` and `orgs` codes of an article (entities too: a
// catalogue alias maps to its entity, any other code stands for itself).
struct EntityCodes {
    const std::vector<std::string>& people;
    const std::vector<std::string>& orgs;
};

// The entities of text (an article's title and prose; a post's text) found
// by the matcher, then those of codes (an article's; nullptr for none).
// context: what a post is read with (its article's title and prose), whose
// own mentions do not count.
EntityTags find_entity_tags(const Matcher& matcher, const Catalogue& catalogue, const std::string& text,
                            const EntityCodes* codes, const std::string& context = {});

// Sets tags' terms and value on doc, in place of any it had.
void set_entity_tags(Xapian::Document& doc, const EntityTags& tags);

// The terms and value doc holds (names from its stored record, given).
EntityTags entity_tags_of(const Xapian::Document& doc, std::vector<std::string> names);

}  // namespace news::indexer
