// Part of the searcher's parse stage: names in any script (doc/query.md).
// An alias in CJK script finds what is tagged with its entity, as a Latin
// one does, and a post's author is found by display name.
//
// A Latin alias is a synonym of its entity's XE term in the index
// (news/index_catalogue.hpp), which the parser looks up word by word; a
// CJK alias is indexed as n-grams, which no synonym key can name.  So a
// query's CJK run that is an alias ("방탄소년단", "뷔") is read as the run
// OR the hidden field alias:SLUG, whose processor gives the entity's XE
// term, weighted as a word is (artist: is a filter and weighs nothing).
#pragma once

#include "news/index_catalogue.hpp"

#include <xapian.h>

#include <string>

namespace news::searcher {

// The name of the field (not for users, but harmless when typed).
inline constexpr const char* kAliasField = "alias";

// alias:NAME: the XE term of the entity with that alias or slug, or nothing.
class AliasProcessor : public Xapian::FieldProcessor {
public:
    explicit AliasProcessor(IndexCatalogue& catalogue) : catalogue_(catalogue) {}
    Xapian::Query operator()(const std::string& value) override;

private:
    IndexCatalogue& catalogue_;
};

// A post's author by display name (author:NAME): documents whose author's
// display name holds all the words of name, in any script or style, as
// the indexer wrote them (indexer/analyse.cpp, FieldId::AuthorName).
Xapian::Query author_name_query(const std::string& name);

// rewrite_query()'s output with each bracketed CJK run "(RUN)" outside
// quotes that is an alias made "(RUN OR alias:SLUG)".
std::string with_script_aliases(const std::string& rewritten, IndexCatalogue& catalogue);

}  // namespace news::searcher
