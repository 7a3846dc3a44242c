// Part of the indexer's analyse stage: what a name the tagger finds in a line
// is, as indexer/names.cpp indexes it (doc/entities.md, "Rules"): the name
// without the titles before it, or no name of a kind kept when it is a title,
// a date word or a piece of a work's title.
#pragma once

#include "news/schema.hpp"

#include <optional>
#include <string_view>
#include <utility>

namespace news::indexer {

// The name of the tagger's span [begin, end) of line, tagged as kind f:
//  - titles before it are dropped and make it a person's ("Treasury
//    Secretary James Baker" → the person "James Baker"), "MP", "QC" after it
//    too; a name of titles alone ("PM", "Attorney General") is none;
//  - "the Reagan Administration" is no person;
//  - a name in a run of capitalised words that capitalises a word such as
//    "This", "On", "Of" after its first ("Born This Way", "Rain On Me"), or
//    that is followed by "hitmaker" or "programme" ("the Christmas Tree
//    hitmaker", "Radio 4's PM programme"), is a work's title, no name;
//  - date words ("Christmas", "Monday", "New Year"), pronouns ("I'm"),
//    number words ("Nine" of a wire's "Nine mths"), sentence openers
//    ("Moreover"), elections and awards alone ("General Election", "Oscar"),
//    "MP" alone and a company's words ("Co Inc") are no names, nor a name of
//    one letter, without a capital in its first word ("horizon",
//    "high-definition TVs") or with ", " (a list).
// nullopt when it is no name of a kind kept.
std::optional<std::pair<FieldId, std::string_view>> cleaned(FieldId f, std::string_view line, size_t begin,
                                                            size_t end);

// Number words in any case ("Nine", "six", "MILLION").
bool is_number_word(std::string_view word);

// A company's words that are no name alone ("Corp", "Co Inc", "Plc").
bool is_designator(std::string_view word);

// The name a company's name gives before its company words ("Unocal" of
// "Unocal Corp", "Royal Dutch" of "Royal Dutch Co Ltd"); empty when it
// ends with none or is nothing else.
std::string_view company_head(std::string_view name);

}  // namespace news::indexer
