// libFuzzer target: news-search's query path.
//
// Input, one field a line (missing lines are empty):
//     QUERY \n ARTIST \n FROM \n TO \n TYPE \n SORT \n TEXT...
// QUERY is what the user types; ARTIST, FROM, TO, TYPE and SORT are the
// --artist, --from, --to, --type and --sort options (empty: not given);
// TEXT (the rest of the input, newlines included) is a stored text to cut
// snippets from.  A plain query file is just a QUERY.
//
// Per input: normalise_query and rewrite_query on the query; QueryBuilder::build
// over a small database (the seed articles of corpus/ and two JSON records,
// indexed once into a temporary folder by the indexer's Analyser, with the
// catalogue (write_catalogue()) and spelling data as news-index writes them;
// the index's catalogue must answer each name as the whole one does);
// the built query is run, its highlight derived (highlight_for) and snippets
// cut (make_snippet) from each hit's stored text and from TEXT; then the
// whole of news::searcher::search() runs the same options.
//
// news::Error is the documented answer to a bad query or value (exit code 2)
// and is expected; any other exception, a crash, a sanitizer report or a
// broken invariant is a bug.
#include "fuzz_common.hpp"

#include "analyse.hpp"
#include "match.hpp"
#include "parse.hpp"
#include "read.hpp"
#include "snippet.hpp"

#include "news/entities.hpp"
#include "news/index_catalogue.hpp"
#include "news/schema.hpp"
#include "news/doc_codec.hpp"
#include "news/text.hpp"

#include <xapian.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#ifndef NEWS_SOURCE_DIR
#define NEWS_SOURCE_DIR "."
#endif

using namespace news;
using news::fuzz::require;
namespace fs = std::filesystem;

namespace {

const Catalogue& catalogue() {
    static const Catalogue c = Catalogue::builtin();
    return c;
}

// Two JSON Lines records: dated, with codes, a publication and a CJK body.
const char* const kJsonRecords[] = {
    R"({"id":"j1","title":"BTS 방탄소년단 concert","body":"방탄소년단은 콘서트를 열었다. BTS and Lady Gaga #BTS @bluberrymin","date":"2021-03-04T10:00:00Z","people":["james-baker"],"orgs":["hybe"],"topics":["music"],"source":"Reuters"})",
    R"({"id":"j2","title":"Cocoa","body":"Showers continued throughout the week in the Bahia cocoa zone. Collaboration collab.","date":"1987-02-26","places":["brazil"]})",
};

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string g_db_path;

void remove_db() {
    std::error_code ec;
    if (!g_db_path.empty()) fs::remove_all(fs::path(g_db_path).parent_path(), ec);
}

// The small index, built once: what news-index would write for these articles
// (documents, alias synonyms, spelling data, schema version and catalogue).
// Returns its path; each input opens it afresh, as news-search does, so that
// nothing cached in a long-lived handle hides (or fakes) a leak.
const std::string& database() {
    static const std::string path = [] {
        std::string tmpl = (fs::temp_directory_path() / "news-fuzz-query-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) news::fuzz::fail("cannot create a temporary folder");
        g_db_path = (fs::path(tmpl) / "seeds.db").string();
        std::atexit(remove_db);

        std::vector<indexer::Article> articles;
        std::vector<indexer::Diagnostic> diags;
        fs::path corpus = fs::path(NEWS_SOURCE_DIR) / "corpus";
        std::vector<fs::path> files;
        std::error_code ec;
        for (fs::directory_iterator it(corpus, ec), end; !ec && it != end; it.increment(ec))
            if (it->path().extension() == ".txt") files.push_back(it->path());
        std::sort(files.begin(), files.end());
        if (files.empty()) std::fprintf(stderr, "fuzz_query: no seed articles in %s; JSON records only\n", corpus.c_str());
        for (const fs::path& f : files) {
            indexer::Article a = indexer::parse_text_article(read_file(f), f.stem().string(),
                                                             "corpus/" + f.filename().string(), diags);
            a.file = "corpus/" + f.filename().string();
            articles.push_back(std::move(a));
        }
        size_t line = 0;
        for (const char* record : kJsonRecords)
            if (auto a = indexer::parse_json_article(record, "fuzz.jsonl", ++line, diags)) {
                a->file = "fuzz.jsonl";
                articles.push_back(std::move(*a));
            }

        Xapian::WritableDatabase w(g_db_path, Xapian::DB_CREATE_OR_OVERWRITE);
        w.set_metadata(std::string(kMetaSchemaVersion), std::string(kSchemaVersion));
        write_catalogue(w, catalogue());
        indexer::Analyser analyser(catalogue());
        for (const indexer::Article& a : articles)
            for (indexer::IndexDoc& d : analyser.analyse(a)) {
                for (auto t = d.doc.termlist_begin(); t != d.doc.termlist_end(); ++t) {
                    const std::string& word = *t;
                    if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') w.add_spelling(word, t.get_wdf());
                }
                w.replace_document(d.uid, d.doc);
            }
        w.commit();
        w.close();
        return g_db_path;
    }();
    return path;
}

// Split the input into its fields (see the top of the file).
searcher::Options options_from(std::string_view in, std::string& text) {
    std::string_view fields[6];
    for (int i = 0; i < 6; ++i) {
        size_t nl = in.find('\n');
        fields[i] = in.substr(0, nl);
        in.remove_prefix(nl == std::string_view::npos ? in.size() : nl + 1);
    }
    text.assign(in);
    searcher::Options o;
    o.db = {database()};
    o.words.emplace_back(fields[0]);
    if (!fields[1].empty()) o.artists.emplace_back(fields[1]);
    o.from = std::string(fields[2]);
    o.to = std::string(fields[3]);
    // (the command line takes these names only: options.cpp)
    o.type = fields[4] == "article" ? searcher::DocType::Article
             : fields[4] == "post"  ? searcher::DocType::Post
                                    : searcher::DocType::Any;
    o.sort = fields[5] == "newest"   ? searcher::Sort::Newest
             : fields[5] == "oldest" ? searcher::Sort::Oldest
                                     : searcher::Sort::Relevance;
    o.limit = 5;
    o.facets = true;
    return o;
}

void check_snippet(std::string_view text, const searcher::Highlight& hl, size_t length) {
    std::string joined;
    // Parts are the text's bytes with whitespace runs made single spaces, or "…".
    for (const searcher::SnippetPart& part : searcher::make_snippet(text, hl, length)) joined += part.text;
    if (is_valid_utf8(text)) require(is_valid_utf8(joined), "make_snippet: valid UTF-8 in, invalid out", joined);
}

void snippets(std::string_view text, const searcher::Highlight& hl) {
    for (size_t length : {size_t{0}, size_t{1}, size_t{12}, size_t{200}}) check_snippet(text, hl, length);
}

void query_path(const searcher::Options& o, const std::string& text) {
    std::string normalised = normalise_query(o.query());
    (void)searcher::rewrite_query(normalised);
    (void)searcher::rewrite_query(o.query());  // not normalised: must not crash either

    Xapian::Database db(database());
    // The index's catalogue, entry by entry, answers as the whole one does.
    for (const std::string& name : {o.query(), o.artists.empty() ? std::string() : o.artists.front()}) {
        IndexCatalogue stored(db, "fuzz");
        const Entity* e = catalogue().find(name);
        require(stored.slug_of(name) == (e ? std::optional<std::string>(e->slug) : std::nullopt),
                "IndexCatalogue::slug_of differs from Catalogue::find", name);
        require(!stored.read_whole(), "IndexCatalogue read the whole catalogue", name);
    }
    IndexCatalogue stored(db, "fuzz");
    searcher::QueryBuilder builder(db, stored);
    searcher::ParsedQuery p = builder.build(o);
    searcher::Highlight hl =
        p.browse ? searcher::Highlight{} : searcher::highlight_for(p.words, p.normalised, stored);
    if (!p.browse) {
        const searcher::Highlight whole = searcher::highlight_for(p.words, p.normalised, catalogue());
        require(hl.aliases == whole.aliases && hl.cjk == whole.cjk,
                "highlight_for differs between the index's catalogue and the whole", o.query());
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(p.query);
    Xapian::MSet mset = enquire.get_mset(0, 5, db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it)
        check_snippet(DocCodec().unpack(stored_record(it.get_document())).text, hl, 200);
    snippets(text, hl);
    snippets(o.query(), hl);
    if (!builder.corrected().empty()) (void)builder.parse_words(builder.corrected());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)database();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text;
    searcher::Options o = options_from(std::string_view(reinterpret_cast<const char*>(data), size), text);
    news::fuzz::expect_no_surprise("snippet", [&] {
        // A highlight of its own, so a text is snippeted even when the query fails.
        searcher::Highlight hl;
        hl.words = {"gaga", "v", "bts"};
        hl.stems = {"concert"};
        hl.aliases = {{"kim", "taehyung"}, {"lady", "gaga"}};
        hl.cjk = {"방탄소년단"};
        hl.prefixes = {"collab"};
        snippets(text, hl);
    });
    news::fuzz::expect_no_surprise("query", [&] { query_path(o, text); });
    news::fuzz::expect_no_surprise("search", [&] { (void)searcher::search(o); });
    return 0;
}
