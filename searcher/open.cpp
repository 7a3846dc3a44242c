#include "open.hpp"

#include "news/error.hpp"
#include "news/first_build.hpp"
#include "news/layout.hpp"
#include "news/schema.hpp"

#include <fmt/core.h>

#include <cmath>

namespace news::searcher {
namespace {

// --timeout in milliseconds, as Xapian's remote backend takes it.
unsigned timeout_ms(double seconds) {
    if (!std::isfinite(seconds) || seconds <= 0 || seconds > 86400)
        throw usage_error(fmt::format("--timeout {} is not a number of seconds; use e.g. --timeout 10 or --timeout 0.5",
                                      seconds));
    return static_cast<unsigned>(std::max(1.0, std::round(seconds * 1000)));
}

std::vector<Part> parts_of_all(const Options& o) {
    std::vector<Part> parts;
    for (const auto& db : o.db) {
        std::vector<Part> p = parts_of(db);  // throws for a bad stub line (exit 2)
        parts.insert(parts.end(), p.begin(), p.end());
    }
    return parts;
}

Xapian::Database open_part(const Part& p, unsigned ms) {
    if (p.remote) return Xapian::Remote::open(p.host, p.port, ms, ms);
    return Xapian::Database(p.path);
}

ShardDown down(const Part& p, const Xapian::Error& e) {
    return {p.name, p.where.empty() ? std::string("--db") : p.where, e.get_description()};
}

std::string describe(const ShardDown& d) { return fmt::format("shard {} ({}) is down: {}", d.shard, d.where, d.error); }

}  // namespace

Index open_index(const Options& o) {
    const unsigned ms = timeout_ms(o.timeout);
    const std::vector<Part> parts = parts_of_all(o);
    Index index;
    index.name = o.db_name();
    index.parts = parts.size();
    bool all_missing = true;  // every part down is a local database that is not there
    for (const Part& p : parts) {
        try {
            index.opened.push_back(open_part(p, ms));
            index.paths.push_back(p.remote ? std::string() : p.path);
            index.db.add_database(index.opened.back());
            // A local part that is itself a stub or a sharded folder may list remote shards.
            index.remote = index.remote || p.remote || is_stub_file(p.path) || is_sharded_folder(p.path);
        } catch (const Xapian::DatabaseNotFoundError& e) {
            index.down.push_back(down(p, e));
            all_missing = all_missing && !p.remote;
        } catch (const Xapian::DatabaseOpeningError& e) {
            index.down.push_back(down(p, e));
            all_missing = all_missing && !p.remote;
        } catch (const Xapian::Error& e) {
            // One database given directly: its error as it is (a corrupt or
            // too new database is not "no index").
            if (parts.size() == 1 && !p.remote) throw;
            index.down.push_back(down(p, e));
            all_missing = false;
        }
    }
    // Nothing to search: every part down, or only parts without documents
    // answered (the meta part of a sharded index holds none).
    if (index.down.size() == parts.size() || (!index.down.empty() && index.db.get_doccount() == 0)) {
        std::string name = parts.size() == 1 ? parts.front().name : index.name;
        if (all_missing && index.down.size() == parts.size()) throw Error("no index at " + name + "; run news-index first");
        std::string why;
        for (const ShardDown& d : index.down) why += "; " + describe(d);
        throw Error(fmt::format("no index at {}: {} ({} of {} down){}", name,
                                index.down.size() == parts.size() ? "no shard answered" : "no shard with documents answered",
                                index.down.size(), parts.size(), why));
    }
    // A first build running or interrupted leaves an empty placeholder
    // (news/first_build.hpp): say so, not "no results".
    if (parts.size() == 1 && !parts.front().remote && index.down.empty())
        if (auto building = first_build_message(index.db, index.name)) throw Error(*building);
    // An index of another schema would answer wrongly (its words analysed
    // otherwise than this query is), not fail: say so instead.
    if (index.db.get_doccount() > 0) {
        const std::string version = index.db.get_metadata(std::string(kMetaSchemaVersion));
        if (version != kSchemaVersion) throw Error(schema_mismatch(index.name, version));
    }
    if (o.strict && !index.down.empty()) {
        size_t more = index.down.size() - 1;
        throw Error(describe(index.down.front()) +
                    (more ? fmt::format(" (and {} more shard{})", more, more == 1 ? "" : "s") : std::string()) +
                    "; --strict: every shard must answer");
    }
    return index;
}

// Every part's dictionary: the file beside its tables, mapped, or else the
// metadata's (an index built before the files, over remote shards, or with a
// file that is not the dictionary wanted).
void Index::load_dictionaries(unsigned wanted) {
    codec.emplace();
    if (dictionary_files)
        for (const auto& path : paths)
            if (!path.empty()) codec->map_dictionary(path + "/" + std::string(kDocDictFile));
    if (!codec->knows(wanted))
        // (Each part's own: indexes built apart have dictionaries of their own.)
        for (const auto& part : opened) codec->add_dictionary(part.get_metadata(std::string(kMetaDocDict)));
}

StoredDoc Index::stored(const std::string& data) {
    const unsigned id = DocCodec::dictionary_of(data);
    if (id != 0 && (!codec || !codec->knows(id))) load_dictionaries(id);
    if (!codec) codec.emplace();
    if (id != 0 && !codec->knows(id)) {
        // A document of another index: news-index --rebuild swapped a new
        // one in while this search read the old one (Xapian opens tables
        // lazily), so search() opens the index again and retries.
        throw Xapian::DatabaseError("a document is packed with a dictionary the index does not hold; rebuild with news-index --rebuild");
    }
    try {
        return codec->unpack(data);
    } catch (const Error& e) {
        if (id != 0 && codec->mapped(id)) {
            // A damaged copy beside the tables: the metadata's is the original.
            dictionary_files = false;
            load_dictionaries(id);
            return stored(data);
        }
        throw Error(name + ": " + e.what());
    }
}

std::vector<ShardDown> probe_parts(const Options& o) {
    const unsigned ms = timeout_ms(o.timeout);
    std::vector<ShardDown> result;
    for (const Part& p : parts_of_all(o)) {
        try {
            (void)open_part(p, ms);
        } catch (const Xapian::Error& e) {
            result.push_back(down(p, e));
        }
    }
    return result;
}

void warn_partial(const std::vector<ShardDown>& down, size_t parts, std::FILE* err) {
    for (const ShardDown& d : down)
        fmt::print(err, "news-search: warning: {}; results are partial ({} of {} shards answered)\n", describe(d),
                   parts - down.size(), parts);
}

}  // namespace news::searcher
