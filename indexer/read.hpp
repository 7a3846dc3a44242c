// Stage 1 of the indexer (read → segment → analyse → write): walk the paths
// given on the command line and turn each news file into Article records.
//
//  - *.txt: one article; UTF-8 with an optional leading "date YYYY-MM-DD"
//    header (whitespace may precede it; the text goes on on the same line).
//    The id is the path below the folder being indexed, without extension
//    ("000_94794d201c4013cb", "business/001"); a file named on the command
//    line gets its bare name.  Title: a short first line followed by a blank
//    line (the BBC layout), else the first sentence.
//  - *.jsonl: one article per line: id, title, body, date (ISO 8601 date or
//    date-time, optional), source, url, people, places, orgs, topics,
//    exchanges.  Read line by line, never whole.  A record without an id
//    gets one from its bytes ("<file stem>-<digest>"), never from its line:
//    a record is the same record wherever its line moves.
//  - anything else (and README/LICENSE files) is skipped and counted.
//
// Bad input never stops the run: it becomes a Diagnostic and the rest goes on.
#pragma once

#include "news/dates.hpp"
#include "news/schema.hpp"  // path_key()

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace news::indexer {

struct Article {
    std::string id;
    std::string title;
    std::string body;
    std::optional<Date> date;  // none: undated
    bool bad_date = false;     // a date was given but is not a calendar date
    std::string location;      // "corpus/x.txt" or "data/a.jsonl:12"
    size_t line = 0;           // JSON Lines: the record's line (0: a text file)
    std::string file;          // the file it came from, as given
    std::string file_key;      // the file's absolute path: its key in the index's record
    std::string digest;        // content digest of the file (.txt) or of the record's bytes (.jsonl)
    std::string publication;   // JSON "source"
    std::string url;
    std::vector<std::string> people, places, orgs, topics, exchanges;
};

enum class Severity { Warning, Error };

// Something wrong with the input, said with where it is.
struct Diagnostic {
    Severity severity;
    std::string where;    // "path" or "path:line"
    std::string message;  // what, and what to do
};

// How many of the files skipped for their kind the summary names.
constexpr size_t kMaxOtherNames = 3;

struct ReadStats {
    size_t files = 0;               // article files read (.txt, .jsonl)
    size_t skipped_other = 0;       // files of other kinds
    std::vector<std::string> other_names;  // the first kMaxOtherNames of them, for the summary
    size_t skipped_empty = 0;       // empty files and blank records
    size_t skipped_binary = 0;      // files with NUL bytes
    size_t skipped_error = 0;       // unreadable files, malformed records
    size_t recoded = 0;             // files decoded as Windows-1252
    size_t bad_dates = 0;           // invalid dates (indexed as undated)
};

// An article file as the walk meets it.
struct FileInfo {
    std::string path;    // as given (for messages)
    std::string key;     // absolute, normalised: the key of the index's record
    std::string digest;  // content digest of the whole file
    uint64_t size = 0;
    int64_t mtime_ns = 0;  // modification time when stat'ed before reading (0: unknown)
    bool ends_with_newline = false;
    // JSON Lines: the digest of the first `prefix_size` bytes (the size the
    // file had when it was indexed), to recognise a file that only grew.
    uint64_t prefix_size = 0;
    std::string prefix_digest;
    size_t lines = 0;  // lines read (set when the file is done)
    bool records = false;  // a JSON Lines file (its records' lines are kept: line_table.hpp)
};

// Where to read a file from, as the index's record decides.
struct ReadFrom {
    bool skip = false;    // unchanged: do not read it
    uint64_t offset = 0;  // JSON Lines that only grew: the new lines start here
    size_t line = 0;      // ... after this many lines
};

// What a walk tells as it reads; each but article() has a default that
// reads everything.
class ReadSink {
public:
    virtual ~ReadSink() = default;
    // Before a file is read: true when its size and modification time are
    // as recorded, so it is not read at all (info has path, key, size, mtime_ns).
    virtual bool unchanged(const FileInfo&) { return false; }
    // JSON Lines: the size the file had when it was indexed, if known.
    virtual uint64_t recorded_size(const std::string& /*key*/) { return 0; }
    // Before a file is parsed: skip it, or read it (from where).
    virtual ReadFrom file_begin(const FileInfo&) { return {}; }
    // JSON Lines, before a record is parsed: true when the index holds it
    // as it is (digest: of its bytes, as Article::digest), wherever its line
    // was, so that it is skipped unparsed.
    virtual bool known_record(const std::string& /*digest*/, size_t /*line*/) { return false; }
    virtual void article(Article&& article) = 0;
    // JSON Lines: `done` bytes of the file read so far (for the progress line).
    virtual void reading(const FileInfo&, uint64_t /*done*/) {}
    // After all of a file's articles (not called for a skipped file).
    virtual void file_done(const FileInfo&) {}
    // A file or folder that could not be read: what the index holds of it must stay.
    virtual void unreadable(const std::string& /*key*/) {}
    virtual void diagnostic(const Diagnostic&) {}
    // Reading a sample of the articles (train_dictionary()): no file digests.
    virtual bool sampling() const { return false; }
};

// The key of a folder's entry: path_key(folder + "/" + name) from the
// folder's key and the entry's name, without normalising the whole path.
std::string child_key(const std::string& dir_key, const std::string& name);

// Whether a file of this name holds articles (*.txt, *.jsonl; not README...).
bool is_article_file(const std::string& name);

// Throws a usage error (exit 2) naming the paths given that do not exist.
void check_paths_exist(const std::vector<std::string>& paths);

// Reads every path (files or folders, walked recursively in sorted order).
void read_paths(const std::vector<std::string>& paths, ReadSink& sink, ReadStats& stats);

// One file read whole (a .txt file's article gets article_id, in the case
// its key spells it), as if the walk met it; nothing when it is gone.
void read_file(const std::string& path, const std::string& key, const std::string& article_id,
               ReadSink& sink, ReadStats& stats);

// Pure parts, for tests (parse_article.cpp).
// s without the ASCII white space at its ends.
std::string_view trim_space(std::string_view s);
// A plain-text article: header, title and body from the file's text.
Article parse_text_article(std::string_view text, std::string id, std::string location,
                           std::vector<Diagnostic>& diagnostics);
// One JSON Lines record; nullopt (with a diagnostic) when it is not an article.
std::optional<Article> parse_json_article(std::string_view line, const std::string& file, size_t line_no,
                                          std::vector<Diagnostic>& diagnostics);

}  // namespace news::indexer
