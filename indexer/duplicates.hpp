// Part of the write stage: the one place of the duplicate-id policy.  The
// index keeps one document per article id; when two articles have the same
// id, the one read last replaces the other and the user is told.  Every
// file that holds an article with the id is remembered (a claim, kMetaClaim),
// so that when the one the index keeps goes with its file or its record,
// another's is indexed in its place: its file is read again after the walk.
#pragma once

#include "file_ledger.hpp"
#include "read.hpp"

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace news::indexer {

class Store;

class Duplicates {
public:
    Duplicates(Store& store, const FileLedger& ledger) : store_(store), ledger_(ledger) {}

    // The walk reads this file (whole: whole_file).
    void file_begin(const std::string& file_key, bool whole_file);
    // An article of this run, with its id's Q term: true (and the warning to
    // give) when an earlier article of this run had its id; it replaces that
    // one, and both files claim the id.
    bool repeated(const Article& article, const std::string& id_term, Diagnostic& warning);
    // A record the index holds as it is, with its id's Q term: true when an
    // earlier article of this run had its id (then it is read, to replace
    // that one and say so).
    bool met_before(const std::string& id_term);

    // An article written this run replaced the document of another file (its
    // XFILE term) that was read in an earlier run.
    void replaced(const Article& article, const std::string& other_file_term);
    // The article's document goes with its file (or its record); another
    // file that claims the id is read again (rereads()).
    void gone(const std::string& article_id, const std::string& file_key);

    // The warnings for replaced(), once the walk is done: for an article
    // that moved from the other file (gone, or read without it), none.
    std::vector<Diagnostic> take_replaced();
    // The files to read again, in the walk's order (near enough: by key).
    struct Reread {
        std::string path;                    // as shown (relative to the working folder when under it)
        std::string key;                     // the file's key
        std::vector<std::string> ids;        // the articles to find there (as in their Q terms)
        std::vector<std::string> gone_from;  // ...and the files they went with (shown)
    };
    std::vector<Reread> take_rereads();
    // The warning for an article a re-read found to take the place of one gone.
    static Diagnostic took_place(const Article& article, const std::string& gone_from);

private:
    std::set<std::string> claims(const std::string& article_id) const;  // XFILE terms
    void write_claims(const std::string& article_id, const std::set<std::string>& files);
    void claim(const std::string& article_id, const std::string& file_key, const std::string& other_file_key);
    std::unordered_map<std::string, std::string> file_keys() const;  // XFILE term -> file key

    Store& store_;
    const FileLedger& ledger_;
    std::vector<std::string> files_;               // the files the walk read, in order
    std::unordered_map<size_t, size_t> ids_;       // this run's ids (their Q terms hashed) -> index in files_
    std::unordered_set<size_t> repeated_ids_;      // ...those repeated (warned of already)
    std::unordered_set<std::string> read_whole_;   // the XFILE terms of the files read whole
    std::unordered_set<std::string> claimed_;      // the Q terms claim() was given
    struct Replaced {
        std::string id, location, other;  // the article's id and where it is; the other file's XFILE term
    };
    std::vector<Replaced> replaced_;
    struct Pending {
        std::set<std::string> files;  // XFILE terms
        std::string article_id, gone_from;
    };
    std::vector<Pending> pending_;
};

// A file key as users gave it: relative to the working folder when under it.
std::string shown(const std::string& key);

}  // namespace news::indexer
