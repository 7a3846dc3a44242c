#include "index_meta.hpp"

#include "news/error.hpp"
#include "news/index_catalogue.hpp"
#include "news/layout.hpp"
#include "news/schema.hpp"

#include <filesystem>
#include <fstream>

namespace news::indexer {
namespace {

void write_version(Xapian::WritableDatabase& db) {
    // (Written only when it changes: a run with nothing to do commits nothing.)
    if (db.get_metadata(std::string(kMetaSchemaVersion)) != kSchemaVersion)
        db.set_metadata(std::string(kMetaSchemaVersion), std::string(kSchemaVersion));
}

void set_if_changed(Xapian::WritableDatabase& db, std::string_view key, const std::string& value) {
    if (db.get_metadata(std::string(key)) != value) db.set_metadata(std::string(key), value);
}

}  // namespace

void write_index_meta(Xapian::WritableDatabase& meta, std::vector<Xapian::WritableDatabase>& shards,
                      const Catalogue& catalogue, const IndexMeta& what) {
    write_version(meta);
    if (what.fresh) write_catalogue_meta(meta, shards, catalogue, what.user_entities);
    if (!what.dictionary.empty()) meta.set_metadata(std::string(kMetaDocDict), what.dictionary);
    if (what.shards == 0) return;
    // Each shard carries the version (and the catalogue and the document
    // dictionary) too, so that shards searched on their own (news-search
    // --db repeated) know the aliases and read the documents.
    for (auto& s : shards) {
        write_version(s);
        if (!what.dictionary.empty()) s.set_metadata(std::string(kMetaDocDict), what.dictionary);
    }
    const std::string n = std::to_string(what.shards);
    if (!what.merged && meta.get_metadata(std::string(kMetaShards)) != n)
        meta.set_metadata(std::string(kMetaShards), n);
}

void write_catalogue_meta(Xapian::WritableDatabase& meta, std::vector<Xapian::WritableDatabase>& shards,
                          const Catalogue& catalogue, const std::string& user_entities) {
    write_catalogue(meta, catalogue);
    for (auto& s : shards) write_catalogue(s, catalogue);  // (one database: meta again, written already)
    set_if_changed(meta, kMetaUserEntities, user_entities);
    set_if_changed(meta, kMetaRecognition, recognition_stamp(catalogue));
}

void write_stub(const std::string& folder, const std::string& text) {
    const std::string path = (std::filesystem::path(folder) / std::string(kStubFile)).string();
    std::ofstream stub(path, std::ios::binary | std::ios::trunc);
    stub << text;
    if (!stub.flush()) throw Error(path + ": cannot write the stub file");
}

void add_spelling(Xapian::WritableDatabase& meta, const SpellingCounts& spelling, bool prune) {
    // A fresh build of a large corpus leaves out the words it met once:
    // mostly typos and codes, never worth suggesting (a suggestion must be
    // found in many more documents than the word typed), and a third of the
    // spelling data (Reuters-21578: 1.9 -> 1.3 MB).  A small corpus keeps
    // every word, and an update adds what it reads.
    for (const auto& [word, freq] : spelling)
        if (freq > 1 || !prune) meta.add_spelling(word, freq);
}

}  // namespace news::indexer
