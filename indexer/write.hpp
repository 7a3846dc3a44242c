// Stage 4 of the indexer (read → segment → analyse → write): decide what of
// each file the index must take (a file unchanged, grown, changed or new;
// a record unchanged, changed, new or gone) and hand it to the store.
//
// Incremental by default.  The index records what it holds: per file (the
// file ledger, file_ledger.hpp) and per article (Slot::Digest: the digest of
// its file or of its JSON Lines record's bytes).  A record is known by its
// id and its bytes, not its line: a record whose line moved keeps its
// document, and only its file's line table (line_table.hpp) changes.  All
// are committed with the documents, so the record and the index never
// disagree; a run after a crash finds what was committed and completes the rest.  The store (store.hpp) says where the
// writes go and in which order; the duplicate-id policy is duplicates.hpp's.
#pragma once

#include "analyse.hpp"
#include "duplicates.hpp"
#include "file_ledger.hpp"
#include "line_table.hpp"
#include "read.hpp"
#include "store.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace news::indexer {

struct WriteStats {
    size_t articles = 0;  // articles written (new and changed)
    size_t posts = 0;     // posts written
    size_t dated_articles = 0;
    size_t undated_articles = 0;
    size_t new_articles = 0;
    size_t changed_articles = 0;
    size_t unchanged_articles = 0;
    size_t removed_articles = 0;
    bool catalogue_changed = false;  // the run's (retag.hpp): another entity catalogue than the index's
    size_t retagged = 0;             // documents whose entities it changed
};

class Writer {
public:
    explicit Writer(Store& store) : store_(store), ledger_(store), duplicates_(store, ledger_), lines_(store) {}

    Duplicates& duplicates() { return duplicates_; }

    // JSON Lines: the size the file had when indexed, when its last line was whole (else 0).
    uint64_t recorded_size(const std::string& key) const;
    // True (and the file counts as seen) when its size and modification
    // time are those recorded: it is not even read.
    bool unchanged(const FileInfo& file);
    // Skip a file exactly as indexed before; read only the new lines of a
    // JSON Lines file that only grew; else read it all (always, while
    // force_read is on).
    ReadFrom file_begin(const FileInfo& file);
    // JSON Lines, in a changed file read whole: the article the index
    // holds from a record with this digest (its bytes, Article::digest),
    // wherever its line was, so that the record need not even be parsed;
    // nullptr when it holds none.
    struct Known {
        std::string id;       // as in its Q term
        uint32_t number = 0;  // in the file's line table
    };
    const Known* known_record(const std::string& digest);
    // A record known_record() named is skipped as unchanged: only its line is kept.
    void skip_record(const Known& record, size_t line);
    // False when this article (a JSON line) is unchanged: skip it.  Always
    // true for a repeated id (one an earlier article of this run had): the
    // earlier one may be on its way to replace what the index holds.
    bool wanted(const Article& article, bool repeated = false);
    // Replaces whatever the database held for this article (and its posts).
    void add(const Article& article, std::vector<IndexDoc>&& docs);
    // After a file's articles: drop what the file no longer holds, record it.
    void file_done(const FileInfo& file);
    // What is under this path must stay: it could not be read this time.
    void keep(const std::string& key) { kept_.push_back(key); }
    // Drop the files recorded under these paths (keys) that are gone.
    void remove_missing(const std::vector<std::string>& roots);
    // While on, file_begin() reads every file whole, whatever its record says.
    void force_read(bool on) { force_read_ = on; }
    // The spelling data of the documents written, then the final commit.
    void finish(const SpellingCounts& spelling) { store_.finish(spelling); }

    WriteStats stats() const;

private:
    struct Stored {
        std::string digest;  // Slot::Digest in hex
        std::string record;  // the document data (news/record_lines.hpp)
    };
    std::optional<Stored> stored(const std::string& article_id);
    // The line table's number for a record of the current file with this id.
    uint32_t record_number(const std::string& id);
    void load_known();
    std::optional<std::string> holder(const std::string& article_id);  // the XFILE term of the article's document
    // file_key: the file it went with (its file gone, or its record).
    void remove_article(const std::string& article_id, const std::string& file_key, const std::string& where);
    static int64_t settled(int64_t mtime_ns);

    Store& store_;
    FileLedger ledger_;
    Duplicates duplicates_;
    WriteStats stats_;  // (the documents written are the store's)

    // This run.
    std::unordered_set<std::string> seen_files_;
    std::vector<std::string> kept_;
    std::unordered_set<std::string> added_ids_;  // the Q terms of the articles written in this run (ids in any case)
    bool force_read_ = false;
    // The current file.
    std::string file_key_;
    std::unordered_set<std::string> file_ids_;  // article ids met in it
    size_t file_articles_ = 0;
    bool file_changed_ = false;
    LineTable lines_;  // (JSON Lines)
    // Its records as indexed (digest value -> article), read when first
    // asked for; and the numbers of their ids (as in their Q terms).
    std::optional<std::unordered_map<std::string, Known>> known_;
    std::unordered_map<std::string, uint32_t> numbers_;
};

}  // namespace news::indexer
