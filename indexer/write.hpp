// Stage 4 of the indexer (read → segment → analyse → write): put documents
// into the Xapian database, with the metadata news-search relies on (schema
// version, the entity catalogue, alias synonyms, spelling data), committing
// in batches.
//
// Incremental by default.  The index records what it holds: per file (a
// metadata entry "news:file:<path>" = digest, articles, path) and per
// article (Slot::Digest: the digest of its file or JSON line).  Both are
// committed with the documents, so the record and the index never disagree;
// a run after a crash finds what was committed and completes the rest.
//
// Sharded (news-index --shards N; layout in schema/include/news/layout.hpp):
// documents go to their article's shard, the file records and the spelling
// data to the meta part.  Every commit commits the shards first and the meta
// part last, and every write is idempotent (documents are replaced by their
// article id), so a run killed between two commits finds the files whose
// record did not land and writes them again.
#pragma once

#include "analyse.hpp"
#include "read.hpp"
#include "shard_queue.hpp"

#include "news/entities.hpp"

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
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
};

struct WriterOptions {
    bool dry_run = false;    // classify only: nothing is written, no lock is taken
    bool wait = false;       // wait for another writer's lock instead of failing
    bool overwrite = false;  // start from an empty database (a rebuild's fresh copy)
    bool no_sync = false;    // skip fsync at commits (a rebuild syncs before the swap)
    size_t shards = 0;       // with overwrite: make a sharded folder of this many shards (0: one database)
    bool merge = false;      // ...which Rebuild::swap_in() merges into one database (no shard count kept)
    std::string dictionary;  // with overwrite: the document dictionary (train_dictionary()), "" for none
    // Dry run: one line per article that would be added, replaced or removed.
    std::function<void(const std::string& what, const std::string& where)> list;
};

class Writer {
public:
    // Opens (creating if need be) the database at path.  Throws news::Error.
    Writer(const std::string& path, const Catalogue& catalogue, WriterOptions options);

    // Whether the documents already indexed had their entities recognised
    // with another catalogue or an older matcher (kMetaRecognition): those
    // this run does not re-read keep what was found then.
    bool recognition_changed() const { return recognition_changed_; }

    // JSON Lines: the size the file had when indexed, when its last line was whole (else 0).
    uint64_t recorded_size(const std::string& key) const;
    // True (and the file counts as seen) when its size and modification
    // time are those recorded: it is not even read.
    bool unchanged(const FileInfo& file);
    // Skip a file exactly as indexed before; read only the new lines of a
    // JSON Lines file that only grew; else read it all.
    ReadFrom file_begin(const FileInfo& file);
    // JSON Lines, in a changed file read whole: the id (as in its Q term)
    // of the article the index holds from a record with this digest (its
    // line's bytes and number, Article::digest), so that the record need
    // not even be parsed; nullptr when it holds none.
    const std::string* known_record(const std::string& digest);
    // A record known_record() named is skipped as unchanged.
    void skip_record(const std::string& article_id);
    // False when this article (a JSON line) is unchanged: skip it.  Always
    // true for a repeated id (one an earlier article of this run had): the
    // earlier one may be on its way to replace what the index holds.
    bool wanted(const Article& article, bool repeated = false);
    // Replaces whatever the database held for this article (and its posts).
    void add(const Article& article, std::vector<IndexDoc>&& docs);
    // After a file's articles: drop what the file no longer holds, record it.
    void file_done(const FileInfo& file);
    // What is under this path must stay: it could not be read this time.
    void keep(const std::string& key);
    // Drop the files recorded under these paths (keys) that are gone.
    void remove_missing(const std::vector<std::string>& roots);
    // Two files hold an article with this id (each a file key): the index
    // keeps one document per id, and remembers every file that holds it
    // (kMetaClaim), so that when the one it keeps goes with its file or its
    // record, another's is indexed in its place (rereads()).
    void claim(const std::string& article_id, const std::string& file_key, const std::string& other_file_key);
    // An article written this run replaced one another file holds (found by
    // add() on an update): where it is, and that file's path.
    struct Replaced {
        std::string id;      // as the article has it
        std::string source;  // where the article is
        std::string other;   // the other file, as shown
    };
    std::vector<Replaced> take_replaced();
    // After the walk: the files that hold an article whose document went
    // with another file (or record), in the walk's order, to be read again
    // (force_read()).
    struct Reread {
        std::string path;                   // as shown (relative to the working folder when under it)
        std::string key;                    // the file's key
        std::vector<std::string> ids;       // the articles to find there (as in their Q terms)
        std::vector<std::string> gone_from; // ...and the files they went with (shown)
    };
    std::vector<Reread> take_rereads();
    // While on, file_begin() reads every file whole, whatever its record says.
    void force_read(bool on) { force_read_ = on; }
    // The spelling data of the documents written, then the final commit.
    void finish(const SpellingCounts& spelling);

    const WriteStats& stats() const { return stats_; }
    // The document dictionary new documents are packed with: a fresh
    // build's (options), else the one the index holds ("" for none), read
    // when first asked for.
    const std::string& dictionary();

    // The shard count of the index at path: 0 for one database (or none).
    static size_t shard_count(const std::string& path);

private:
    struct Recorded {
        std::string digest;
        size_t articles = 0;
        uint64_t size = 0;  // 0: unknown, or the last line was not whole
        size_t lines = 0;
        int64_t mtime_ns = 0;    // the file's modification time and size when read (0: unknown)
        uint64_t file_size = 0;
    };
    void write_record(const std::string& key, const Recorded& r);
    static int64_t settled(int64_t mtime_ns);
    std::optional<Recorded> recorded(const std::string& key) const;
    std::optional<std::string> stored_digest(const std::string& article_id);
    // file_key: the file it went with (its file gone, or its record).
    void remove_article(const std::string& article_id, const std::string& file_key, const std::string& where);
    std::set<std::string> claims(const std::string& article_id) const;  // the XFILE terms of the files holding it
    void write_claims(const std::string& article_id, const std::set<std::string>& files);
    std::optional<std::string> holder(const std::string& article_id);  // the XFILE term of the article's document
    std::unordered_map<std::string, std::string> file_keys() const;     // XFILE term -> file key, from the records
    void delete_article(size_t shard, const std::string& article_id);
    void maybe_commit();
    void commit();
    Xapian::Database read_shard_for(const std::string& article_id);
    void wait_for_shards();

    std::string path_;
    WriterOptions options_;
    // One database: meta_ and the only shard are the same handle.
    Xapian::WritableDatabase meta_;
    std::vector<Xapian::WritableDatabase> shards_;
    Xapian::Database meta_read_;                // what lookups read: the writable handles,
    std::vector<Xapian::Database> shards_read_;  // or read-only ones in a dry run
    Xapian::Database db_;                        // all shards as one
    bool sharded_ = false;
    bool empty_at_start_ = true;
    bool recognition_changed_ = false;
    std::optional<std::string> dictionary_;
    size_t since_commit_ = 0;
    WriteStats stats_;

    // This run.
    std::unordered_set<std::string> seen_files_;
    std::vector<std::string> kept_;
    std::unordered_set<std::string> added_ids_;  // the Q terms of the articles written in this run (ids in any case)
    std::unordered_set<std::string> file_ids_;   // article ids met in the current file
    size_t file_articles_ = 0;
    bool file_changed_ = false;
    std::string file_key_;  // the current file's
    bool force_read_ = false;
    std::vector<Replaced> replaced_;                 // (other: an XFILE term until take_replaced())
    std::unordered_set<std::string> read_files_;     // the XFILE terms of the files read in this run
    std::unordered_set<std::string> claimed_in_run_; // the Q terms claim() was given
    struct Pending {
        std::set<std::string> files;  // XFILE terms
        std::string article_id, gone_from;
    };
    std::vector<Pending> pending_;
    // Its records as indexed (digest value -> article id), read when first asked for.
    std::optional<std::unordered_map<std::string, std::string>> known_;

    // A fresh sharded build: each shard's writes on a thread of its own
    // (declared last: its threads stop before the databases close).
    std::vector<std::unique_ptr<ShardQueue>> queues_;
};

// A rebuild: a fresh index is built beside the database, compacted (about
// half the size, and faster to search) and swapped in atomically; searches
// meanwhile answer from the old one, and a failed rebuild leaves the old one
// in place.
class Rebuild {
public:
    explicit Rebuild(const std::string& path, bool wait);  // holds the old database's lock
    ~Rebuild();                                           // removes the fresh copy unless committed
    // Where the fresh index is built; swap_in() compacts it into place.
    const std::string& build_path() const { return build_; }
    // Compact (merge == true: a sharded build into one database), sync,
    // then exchange atomically.
    void swap_in(bool merge = false);

private:
    std::string path_, build_, fresh_;
    std::optional<Xapian::WritableDatabase> old_;
    bool done_ = false;
};

}  // namespace news::indexer
