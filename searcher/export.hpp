// Part of the searcher's render stage: results for other programs, a hit a
// line (--format ndjson, csv, tsv; doc/export.md).  Hits only: the totals
// and facets are --json's.
//
//   ndjson  each hit as --json's "hits" show it, on one line; nothing else
//   csv     RFC 4180: a header, then a record a hit, each ended by CRLF;
//           fields holding a comma, a double quote, CR or LF are quoted,
//           their quotes doubled
//   tsv     a header, then a line a hit, ended by LF; a tab, CR or LF in a
//           field is a space (nothing is quoted)
//
// The columns of csv and tsv are kColumns.
#pragma once

#include "render.hpp"

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace news::searcher {

// "complete": "true", or "false" for a match holding only some of the words
// (in relevance order they follow the complete ones; never with --all).
inline constexpr std::string_view kColumns[] = {"rank",   "id",       "type",  "date",     "title",  "file",
                                                "article", "author", "entities", "score", "complete", "snippet"};

// Joins a hit's entities in the entities column.
inline constexpr std::string_view kEntitySeparator = "; ";

std::unique_ptr<Printer> ndjson_printer(std::FILE* out);
std::unique_ptr<Printer> csv_printer(std::FILE* out);
std::unique_ptr<Printer> tsv_printer(std::FILE* out);

// A field as a CSV record holds it (RFC 4180), and as a TSV line does.
std::string csv_field(std::string_view s);
std::string tsv_field(std::string_view s);

}  // namespace news::searcher
