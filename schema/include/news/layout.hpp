// How an index lies on disk, which both tools must agree on: one Xapian
// database, or a sharded index.
//
// A sharded index (news-index --shards N) is a folder:
//   XAPIANDB     a Xapian stub file listing the parts, "auto meta" first
//   meta/        a database without documents: the record of indexed files,
//                the spelling data, the alias synonyms, the entity catalogue
//   shard-0/ ... shard-<N-1>/
//                the documents: an article and its posts go to shard
//                shard_of(article id, N)
// Xapian opens such a folder (or its XAPIANDB) as one database.  The meta
// part comes first because Xapian answers metadata from the first part, and
// must be local because the remote backend serves no spelling or synonyms.
// A stub written by hand may list shards served elsewhere:
//   auto /srv/news/meta
//   remote 10.0.0.2:7000          (xapian-tcpsrv)
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace news {

inline constexpr std::string_view kStubFile = "XAPIANDB";  // Xapian's name for a folder's stub
inline constexpr std::string_view kMetaPart = "meta";
inline constexpr std::string_view kMetaShards = "news:shards";  // metadata of meta/: the shard count, decimal

std::string shard_name(size_t i);  // "shard-<i>"

// The shard of an article: a stable hash (FNV-1a, 64 bits) of its id, ASCII
// lower-cased as in its terms, modulo the shard count.
size_t shard_of(std::string_view article_id, size_t shards);

// The stub of a sharded folder of n shards.
std::string stub_text(size_t shards);
// The same listing these parts after meta (folder names inside the index).
std::string stub_text(const std::vector<std::string>& parts);
// Slice `slice` of shard `shard` in a fresh build that is merged:
// shard_name(shard) for slice 0, then "shard-<shard>.<slice>".
std::string slice_name(size_t shard, size_t slice);

// One part of an index: a local database or a remote shard.
struct Part {
    bool remote = false;
    std::string path;        // local: the database folder (resolved against the stub's folder)
    std::string host;        // remote: xapian-tcpsrv's host and port
    unsigned port = 0;
    std::string name;        // for messages: the path, or "remote host:port"
    std::string where;       // for messages: "stub:line", or "" for a --db given directly
};

// True when path is a sharded folder (holds a stub file).
bool is_sharded_folder(const std::string& path);
// True when path is a file (a stub file given directly).
bool is_stub_file(const std::string& path);

// The parts of a stub file, in order.  Lines: "auto|glass|chert PATH"
// (relative to the stub's folder), "remote HOST:PORT", blank lines and
// "# comments".  Throws news::Error (exit code 2) naming stub:line for
// anything else, or exit code 1 when the file cannot be read.
std::vector<Part> read_stub(const std::string& stub_path);

// What --db names: a sharded folder or a stub file → its parts; anything
// else → one local part (which may not exist: opening it says so).
std::vector<Part> parts_of(const std::string& db);

}  // namespace news
