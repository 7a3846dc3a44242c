#include "options.hpp"

#include "facets.hpp"

#include "news/command_line.hpp"
#include "news/schema.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <map>
#include <string>
#include <vector>

namespace news::searcher {
namespace {

// The names of the choices, in the order the help and the messages give them.
const std::vector<std::pair<std::string, Sort>> kSorts = {
    {"relevance", Sort::Relevance}, {"newest", Sort::Newest}, {"oldest", Sort::Oldest}};
const std::vector<std::pair<std::string, Color>> kColors = {
    {"auto", Color::Auto}, {"always", Color::Always}, {"never", Color::Never}};
const std::vector<std::pair<std::string, DocType>> kTypes = {
    {std::string(kTypeArticle), DocType::Article}, {std::string(kTypePost), DocType::Post}};

}  // namespace

std::string_view name_of(Sort sort) {
    for (const auto& [name, value] : kSorts)
        if (value == sort) return name;
    return {};
}

std::string Options::query() const {
    std::string q;
    for (const auto& w : words) q += (q.empty() ? "" : " ") + w;
    return q;
}

std::string Options::db_name() const {
    std::string s;
    for (const auto& d : db) s += (s.empty() ? "" : ", ") + d;
    return s;
}

namespace {

std::string syntax_help() {
    std::string s =
        "Query syntax:\n"
        "  words                 documents holding all the words (by stem or alias), ranked by BM25;\n"
        "                        in relevance order those holding only some follow them, marked\n"
        "  \"a phrase\"            words in this order\n"
        "  a AND b, a OR b, a NOT b, -word, +word, (grouping)   operators in capitals\n"
        "                        (a query typed all in capitals is plain keywords)\n"
        "  a NEAR b, a NEAR/5 b  within 10 (or 5) words; ADJ: also in order\n"
        "  word*                 words starting with 'word'\n"
        "  @handle, #tag         mentions and hashtags as typed\n"
        "  date:A..B             A and B as YYYY, YYYY-MM or YYYY-MM-DD; either may be omitted\n"
        "Fields:\n";
    for (const Field& f : kFields)
        if (!f.name.empty()) s += "  " + std::string(f.name) + ":" + std::string(18 - f.name.size(), ' ') + std::string(f.doc) + "\n";
    s += "  date:              a date range on the document's date (see above)\n"
         "An alias of an artist or group in the words also finds what is tagged with it\n"
         "(taehyung finds articles that say \"V\").  An empty query with filters lists the\n"
         "matching documents, newest first.\n"
         "Exit status: 0 ok (also when nothing matched, or some shards were down: a warning says so);\n"
         "1 failure (e.g. no index, every shard down, a shard down with --strict); 2 bad usage or query.";
    return s;
}

// A default value as --help shows it.  (CLI11's capture_default_str()
// writes numbers through a std::stringstream: the first one in a process
// sets up iostreams, a cost at every start for a line only --help prints.)
template <typename T>
std::string shown(T value) { return fmt::format("{}", value); }

// For counts: CLI11 would convert "-5" to a size_t by wrapping it round.
const CLI::Validator kNotNegative(
    [](const std::string& v) { return !v.empty() && v[0] == '-' ? v + " is negative: give 0 or more" : std::string(); },
    "", "not negative");

// Whether the search wants facets: --facets, or --facet or --facet-limit,
// which imply it.
bool facets_asked(const Options& o) { return o.facets || !o.facet_names.empty() || o.facet_limit; }

// Reading and export (doc/export.md): --format, --all, --show, --highlight.
// What they cannot go with, in words: "" when nothing.
std::string output_conflict(const CLI::App& app, const Options& o) {
    const bool facets = facets_asked(o);
    if (app.count("--json") && o.format != Format::Json) return "--json is --format json: give one of them";
    if (o.all && (app.count("--limit") || app.count("--offset")))
        return "--all prints every match: leave out --limit and --offset (or leave out --all for a page)";
    if (o.all && o.quick) return "--all checks every match anyway: leave out --quick";
    if (!o.show.empty() && (o.all || facets)) return "--show prints documents, not a search: leave out --all and --facets";
    const bool hits_only = o.format == Format::Ndjson || o.format == Format::Csv || o.format == Format::Tsv;
    if (o.show.empty() && hits_only && facets)
        return "--facets are printed with --format text or json (csv, tsv and ndjson hold hits only)";
    if (!o.show.empty() && (o.format == Format::Csv || o.format == Format::Tsv))
        return "--show prints whole documents as text, json or ndjson, not as csv or tsv";
    if (!o.highlight.empty() && o.show.empty())
        return "--highlight marks words in --show's documents (a search marks its own query's words)";
    return "";
}

void add_output_options(CLI::App& app, Options& o) {
    app.add_option_function<std::string>(
           "--format",
           [&o](const std::string& v) {
               const std::map<std::string, Format> formats{{"text", Format::Text}, {"json", Format::Json},
                                                           {"ndjson", Format::Ndjson}, {"csv", Format::Csv},
                                                           {"tsv", Format::Tsv}};
               auto it = formats.find(v);
               if (it == formats.end())
                   throw CLI::ValidationError("--format", "\"" + v + "\" is not a format; use text, json, ndjson, csv or tsv");
               o.format = it->second;
           },
           "text, json (as --json), ndjson (a hit a line), csv (RFC 4180, CRLF) or tsv; with --show: "
           "text, json or ndjson (doc/export.md)")
        ->type_name("FORMAT")
        ->default_str("text");
    app.add_flag("--all", o.all,
                 "print every complete match (not those holding only some of the words), copies included, in "
                 "the --sort order, as they are found; not with --limit, --offset or --quick");
    app.add_option("--show", o.show,
                   "print these documents whole instead of searching: fields, text in paragraphs, an article's "
                   "posts, a post's article; an unknown id is named (exit 1)")
        ->type_name("ID");
    app.add_option("--highlight", o.highlight, "with --show: mark the words of this query (analysed as a search's)")
        ->type_name("QUERY");
    app.final_callback([&app, &o] {
        if (std::string conflict = output_conflict(app, o); !conflict.empty()) throw CLI::ValidationError(conflict);
    });
}

// "a, b or c"
std::string listed(const std::vector<std::string>& names) {
    std::string s;
    for (size_t i = 0; i < names.size(); ++i) s += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
    return s;
}

// One of a few names (any case), turned by CLI11 into its value where it is
// parsed (an enum class, or the name as listed): IsMember refuses any other
// word, saying what it is not and naming the choices, and CheckedTransformer
// maps the name to its value.
template <typename T>
CLI::Validator one_of(const std::vector<std::pair<std::string, T>>& names, const std::string& what) {
    std::vector<std::string> keys;
    for (const auto& n : names) keys.push_back(n.first);
    // (as plain Validators: IsMember's template constructor takes a copy for a set)
    const CLI::Validator is_name = CLI::IsMember(names, CLI::ignore_case);
    const CLI::Validator to_value = CLI::CheckedTransformer(names, CLI::ignore_case);
    return CLI::Validator(
        [is_name, to_value, what, choices = listed(keys)](std::string& value) {
            const std::string typed = value;
            if (is_name(value).empty() && to_value(value).empty()) return std::string();
            return "\"" + typed + "\" is not " + what + "; use " + choices;
        },
        "", "");
}

std::vector<std::pair<std::string, std::string>> facet_choices() {
    std::vector<std::pair<std::string, std::string>> out;
    for (const std::string& name : facet_names()) out.emplace_back(name, name);
    return out;
}

// What to search and which page: the query, --db, --limit, --offset,
// --type and --sort.
void add_search_options(CLI::App& app, Options& o) {
    o.db = {default_db_path()};
    app.add_option("query", o.words, "the query (see the syntax below)");
    app.add_option("--db", o.db,
                   "index to search (env: NEWS_DB): a database, a sharded folder, or a stub file listing "
                   "parts (auto PATH, remote HOST:PORT for xapian-tcpsrv); repeat to search several as one")
        ->allow_extra_args(false)  // one index per --db: the words after it stay the query
        ->type_name("DB")
        ->default_str(o.db.front());
    app.add_option("-n,--limit", o.limit, "number of hits to show")
        ->check(kNotNegative)  // (a size_t would take -5 and wrap round)
        ->default_str(shown(o.limit));
    app.add_option("--offset", o.offset, "hits to skip (for paging)")
        ->check(kNotNegative)
        ->default_str(shown(o.offset));
    app.add_option("--type", o.type, "only documents of this type: article or post")
        ->transform(one_of(kTypes, "a document type"))
        ->type_name("TYPE");
    app.add_option("--sort", o.sort, "relevance, newest or oldest")
        ->transform(one_of(kSorts, "an order"))
        ->type_name("ORDER")
        ->default_str(std::string(name_of(o.sort)));
}

// The filters of names and dates (filters.hpp, names.hpp).
void add_filter_options(CLI::App& app, Options& o) {
    app.add_option("--artist", o.artists,
                   "only documents naming this artist (any alias, any case); repeat for all of several")
        ->allow_extra_args(false);  // one name per --artist: the words after it stay the query
    app.add_option("--person", o.persons, "only documents naming this person (catalogued or found in the text); "
                   "repeat for all of several")->allow_extra_args(false);
    app.add_option("--organisation", o.organisations, "only documents naming this organisation or group; "
                   "repeat for all of several")->allow_extra_args(false);
    app.add_option("--location", o.locations, "only documents naming this place; repeat for all of several")
        ->allow_extra_args(false);
    app.add_option("--from", o.from, "only documents dated on or after: YYYY, YYYY-MM or YYYY-MM-DD");
    app.add_option("--to", o.to, "only documents dated on or before: YYYY, YYYY-MM or YYYY-MM-DD");
    app.add_flag("--undated", o.undated,
                 "undated documents: with --from/--to they pass the date filter too; alone, only they are searched");
}

// --json, and the facet counts (facets.hpp): --facets, --facet, --facet-limit.
void add_facet_options(CLI::App& app, Options& o) {
    app.add_flag_callback("--json", [&o] { o.format = Format::Json; },
                          "print one JSON object (shape: doc/json.md, \"version\": 2); as --format json");
    app.add_flag("--facets", o.facets,
                 "counts per artist, year, month, type, platform, person, organisation and location over all "
                 "matches, and per topic, place, "
                 "people, org, exchange and source where the index has them (JSON Lines fields)");
    app.add_option("--facet", o.facet_names,
                   "only this facet (" + listed(facet_names()) + "); repeat for several; implies --facets")
        ->transform(one_of(facet_choices(), "a facet"))
        ->allow_extra_args(false)  // one name per --facet: the words after it stay the query
        ->type_name("NAME");
    app.add_option_function<size_t>(
           "--facet-limit", [&o](const size_t& n) { o.facet_limit = n; },
           "values per facet, those with the most matches (0: all); default: 20 in text (years and months "
           "all), all in JSON; implies --facets")
        ->check(kNotNegative)
        ->type_name("N");
}

// What matches and how it ranks: --any, --quick, --expand, --duplicates.
void add_matching_options(CLI::App& app, Options& o) {
    app.add_flag("--any", o.any,
                 "documents holding any of the words are matches too (counted, listed by date and "
                 "in the facets), as if the words were joined by OR; those holding all still rank first");
    app.add_flag("--quick", o.quick,
                 "faster ranked search, the same ranking: a total above 100 is an estimate (\"about N\"); "
                 "exact with --facets or --sort newest|oldest");
    app.add_flag("--expand", o.expand,
                 "re-rank with pseudo-relevance feedback (terms of the top documents; doc/searching.md): "
                 "a little better on long descriptive queries, slower");
    app.add_flag("--duplicates", o.duplicates,
                 "show every copy of a story: by default a hit with the text of a hit above it is listed "
                 "under that hit, not shown");
}

// How hits look (--snippet-length, --color), and how the tool runs: --batch,
// and the remote shards' --timeout and --strict.
void add_display_and_run_options(CLI::App& app, Options& o) {
    app.add_option("--snippet-length", o.snippet_length, "snippet length in bytes (0: no snippet)")
        ->check(kNotNegative)
        ->default_str(shown(o.snippet_length));
    app.add_option("--color", o.color, "highlight with colour: auto, always or never (NO_COLOR is honoured)")
        ->transform(one_of(kColors, "a setting"))
        ->type_name("WHEN")
        ->default_str("auto");
    app.add_option("--batch", o.batch,
                   "time one query a line of FILE (- for stdin) on one open database: prints "
                   "QUERY<TAB>TOTAL<TAB>MICROSECONDS, then the median and p99 on stderr")
        ->type_name("FILE");
    app.add_option("--timeout", o.timeout,
                   "seconds to wait for a remote shard to connect and to answer each request")
        ->type_name("SECONDS")
        ->default_str(shown(o.timeout));
    app.add_flag("--strict", o.strict,
                 "every shard must answer: one that is down is an error (exit 1); without it the others "
                 "are searched, with a warning and \"partial\": true");
}

// The options in the order --help lists them.
std::unique_ptr<CLI::App> make_app(Options& o) {
    auto app = std::make_unique<CLI::App>(
        "Search a news index made by news-index: ranked results with snippets, filters and facet counts.",
        "news-search");
    add_version_flag(*app);
    add_search_options(*app, o);
    add_filter_options(*app, o);
    add_facet_options(*app, o);
    add_matching_options(*app, o);
    add_display_and_run_options(*app, o);
    add_output_options(*app, o);
    app->footer(syntax_help());
    return app;
}

}  // namespace

namespace {

// What stands for a query word that looks like an option while CLI11
// parses the command line: not starting with '-', and no word a user types.
std::string placeholder(size_t i) { return "\x1d" + std::to_string(i); }

// The command line with each dash-word that is no option of the tool
// ("coffee -brazil", "-5", "-") turned into a placeholder, so that CLI11
// takes it as a word of the query, in its place; the tool's own options
// work anywhere on the line, and "--" ends them as usual.  `words` gets the
// words the placeholders stand for.
std::vector<std::string> query_dashes_as_words(const CLI::App& app, int argc, char** argv,
                                               std::vector<std::string>& words) {
    std::vector<std::string> out;
    bool options_ended = false;
    for (int i = 0; i < argc; ++i) {
        std::string arg = argv[i];
        if (i == 0 || options_ended || arg.size() < 2 || arg[0] != '-') {
            out.push_back(std::move(arg));
            continue;
        }
        if (arg == "--") {
            options_ended = true;
            out.push_back(std::move(arg));
            continue;
        }
        // --name=value, -nVALUE, --name, -n
        const bool long_form = arg[1] == '-';
        const std::string name = long_form ? arg.substr(0, arg.find('=')) : arg.substr(0, 2);
        const CLI::Option* opt = app.get_option_no_throw(name);
        if (!opt) {
            words.push_back(arg);
            out.push_back(placeholder(words.size() - 1));
            continue;
        }
        out.push_back(arg);
        const bool value_attached = long_form ? arg.find('=') != std::string::npos : arg.size() > 2;
        if (opt->get_expected_max() > 0 && opt->get_type_size_max() > 0 && !value_attached && i + 1 < argc)
            out.emplace_back(argv[++i]);  // its value, whatever it looks like (--limit -5 is then refused)
    }
    return out;
}

}  // namespace

std::optional<int> parse_command_line(Options& o, int argc, char** argv) {
    auto app = make_app(o);
    std::vector<std::string> dash_words;
    std::vector<std::string> args = query_dashes_as_words(*app, argc, argv, dash_words);
    std::vector<char*> pointers;
    for (std::string& a : args) pointers.push_back(a.data());
    if (std::optional<int> stop = parse_or_stop(*app, static_cast<int>(pointers.size()), pointers.data())) return stop;
    for (std::string& w : o.words)
        for (size_t i = 0; i < dash_words.size(); ++i)
            if (w == placeholder(i)) w = dash_words[i];
    o.facets = facets_asked(o);
    return std::nullopt;
}

}  // namespace news::searcher
