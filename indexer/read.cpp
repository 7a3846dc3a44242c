#include "read.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include "news/error.hpp"
#include "news/text.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstdint>
#include <cerrno>
#include <cstdio>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <system_error>
#include <unordered_set>

namespace fs = std::filesystem;

namespace news::indexer {
namespace {

// Bad lines in a row after which a JSON Lines file is taken for something
// else (binary, prose) and no longer read.
constexpr size_t kBadLines = 5;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

enum class Kind { Text, JsonLines, Other };

// The last '.' of a file name that starts an extension (not a leading one:
// ".profile" has none), as fs::path::extension() finds it.
size_t extension_at(const std::string& name) {
    const size_t dot = name.rfind('.');
    return dot == std::string::npos || dot == 0 ? name.size() : dot;
}

// A file name without its extension ("a.b.txt" -> "a.b"), as fs::path::stem().
std::string stem_of(const std::string& name) { return name.substr(0, extension_at(name)); }

// What a file is, by its name.
Kind kind_of(const std::string& filename) {
    std::string name = lower(filename);
    if (name.rfind("readme", 0) == 0 || name.rfind("license", 0) == 0 || name.rfind("copying", 0) == 0)
        return Kind::Other;
    const std::string ext = name.substr(extension_at(name));
    if (ext == ".txt") return Kind::Text;
    if (ext == ".jsonl") return Kind::JsonLines;
    return Kind::Other;
}

// A folder's entry as fs::path's operator/ joins it.
std::string join(const std::string& dir, const std::string& name) {
    return dir.empty() || dir.back() == '/' ? dir + name : dir + "/" + name;
}


// Read a whole file; nullopt (with a diagnostic) when it cannot be read.
std::optional<std::string> slurp(const std::string& path, std::vector<Diagnostic>& diags) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.push_back({Severity::Error, path, "cannot read this file (permission denied?); skipped: check its permissions"});
        return std::nullopt;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) {
        diags.push_back({Severity::Error, path, "read error; skipped"});
        return std::nullopt;
    }
    return std::move(ss).str();
}

// Make text valid UTF-8: strip a BOM, decode anything else as Windows-1252.
// where(): the place to name in a warning (made only when one is needed).
template <class Where>
std::string as_utf8(std::string bytes, const Where& where, std::vector<Diagnostic>& diags, size_t& recoded) {
    if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) bytes.erase(0, 3);
    if (is_valid_utf8(bytes)) return bytes;
    ++recoded;
    diags.push_back({Severity::Warning, where(), "not valid UTF-8; decoded as Windows-1252 (save it as UTF-8 to be sure)"});
    return windows1252_to_utf8(bytes);
}


// The digest of a file, read in blocks (a large JSON Lines file is never held
// whole), and of its first prefix_size bytes when that is not 0.
bool file_digest(const std::string& path, FileInfo& info) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    Fnv f;
    std::string block(1 << 20, '\0');
    uint64_t done = 0;
    char last = '\n';
    while (in) {
        in.read(block.data(), static_cast<std::streamsize>(block.size()));
        auto n = static_cast<uint64_t>(in.gcount());
        std::string_view b(block.data(), n);
        if (info.prefix_size > done && info.prefix_size <= done + n) {
            f.add(b.substr(0, info.prefix_size - done));
            info.prefix_digest = f.hex();
            f.add(b.substr(info.prefix_size - done));
        } else {
            f.add(b);
        }
        if (n) last = b.back();
        done += n;
    }
    if (in.bad()) return false;
    info.digest = f.hex();
    info.size = done;
    info.ends_with_newline = last == '\n';
    return true;
}

struct Walker {
    ReadSink& cb;
    ReadStats& stats;
    std::map<std::pair<dev_t, ino_t>, std::string> walked = {};  // the folders read, by device and inode
    // And the files: every file's device and inode (a plain file is met again
    // through a link to it, a hard link, or a path named), with its path kept
    // only when it may well be (hard-linked, reached through a link, named).
    struct Inode {
        size_t operator()(const std::pair<dev_t, ino_t>& k) const { return std::hash<uint64_t>()(k.second * 31 + k.first); }
    };
    std::unordered_set<std::pair<dev_t, ino_t>, Inode> files_read = {};
    std::map<std::pair<dev_t, ino_t>, std::string> file_paths = {};

    void report(std::vector<Diagnostic>& diags) {
        for (const auto& d : diags) {
            if (d.severity == Severity::Error) ++stats.skipped_error;
            cb.diagnostic(d);
        }
        diags.clear();
    }

    void unreadable(const std::string& path, std::vector<Diagnostic>& diags) {
        cb.unreadable(path_key(path));
        report(diags);
    }

    void unreadable_folder(const std::string& dir, int error) {
        std::vector<Diagnostic> diags{
            {Severity::Error, dir, "cannot read this folder (" + std::string(std::strerror(error)) + "); skipped"}};
        unreadable(dir, diags);
    }

    // Size and modification time, before reading: a file as recorded is not
    // read.  st: the file's stat (nullptr: it could not be stat'ed, and
    // reading it will say why).
    bool stat_unchanged(FileInfo& info, const struct stat* st) {
        if (!st) return false;
        info.size = static_cast<uint64_t>(st->st_size);
        info.mtime_ns = static_cast<int64_t>(st->st_mtim.tv_sec) * 1000000000 + st->st_mtim.tv_nsec;
        if (!cb.unchanged(info)) return false;
        ++stats.files;
        return true;
    }

    void text_file(const std::string& path, const std::string& id, std::string key, const struct stat* st) {
        std::vector<Diagnostic> diags;
        FileInfo info;
        info.path = path;
        info.key = std::move(key);
        if (stat_unchanged(info, st)) return;
        auto bytes = slurp(path, diags);
        if (!bytes) return unreadable(path, diags);
        info.digest = digest_of(*bytes);
        info.size = bytes->size();
        ++stats.files;
        if (cb.file_begin(info).skip) return;
        if (trim_space(*bytes).empty()) {
            ++stats.skipped_empty;
        } else if (bytes->find('\0') != std::string::npos) {
            ++stats.skipped_binary;
            diags.push_back({Severity::Warning, path, "NUL bytes: a binary file, not text; skipped"});
        } else {
            std::string text = as_utf8(std::move(*bytes), [&path] { return path; }, diags, stats.recoded);
            Article a = parse_text_article(text, id, path, diags);
            if (a.title.empty() && a.body.empty()) {  // a date header alone
                ++stats.skipped_empty;
                diags.push_back({Severity::Warning, path, "no text after its date header; skipped"});
                report(diags);
                return cb.file_done(info);
            }
            a.file = path;
            a.file_key = info.key;
            a.digest = info.digest;
            report(diags);
            if (a.bad_date) ++stats.bad_dates;
            cb.article(std::move(a));
        }
        report(diags);
        cb.file_done(info);
    }

    void jsonl_file(const std::string& path, std::string key, const struct stat* st) {
        std::vector<Diagnostic> diags;
        FileInfo info;
        info.path = path;
        info.key = std::move(key);
        if (stat_unchanged(info, st)) return;
        std::ifstream in(path, std::ios::binary);
        info.prefix_size = cb.recorded_size(info.key);
        if (!in || (!cb.sampling() && !file_digest(path, info))) {
            diags.push_back({Severity::Error, path, "cannot read this file (permission denied?); skipped: check its permissions"});
            return unreadable(path, diags);
        }
        ++stats.files;
        info.records = true;
        ReadFrom from = cb.file_begin(info);
        if (from.skip) return;
        in.seekg(static_cast<std::streamoff>(from.offset));
        std::string line;
        size_t line_no = from.line, records = 0;
        uint64_t done = from.offset;
        // A file that is not JSON Lines at all (binary, prose) gets one
        // message, not one per line: a line's errors are held until a good
        // record follows, and kBadLines bad lines in a row stop the reading.
        std::vector<Diagnostic> held;
        size_t bad_run = 0, first_bad = 0;
        bool binary = false;
        while (std::getline(in, line)) {
            ++line_no;
            cb.reading(info, done += line.size() + 1);
            if (trim_space(line).empty()) continue;
            std::optional<Article> article;
            const Line kind = record(path, line, line_no, diags, article, binary);
            if (kind == Line::Bad) {
                std::move(diags.begin(), diags.end(), std::back_inserter(held));
                diags.clear();
                if (bad_run++ == 0) first_bad = line_no;
                if (bad_run == kBadLines) return not_json_lines(in, path, first_bad, line_no, binary, info);
                continue;
            }
            diags.insert(diags.begin(), std::make_move_iterator(held.begin()), std::make_move_iterator(held.end()));
            held.clear();
            bad_run = 0;
            report(diags);
            ++records;
            if (!article) continue;  // indexed as it is, or no text
            article->file_key = info.key;
            cb.article(std::move(*article));
        }
        report(held);
        if (records == 0 && line_no == 0) ++stats.skipped_empty;
        info.lines = line_no;
        cb.file_done(info);
    }

    enum class Line { Bad, Known, Empty, Article };

    // One line of a JSON Lines file: a record to index (article), one the
    // index holds as it is, one with no text, or a bad line (its errors in
    // diags).  Decoding warnings and counts are kept for the lines that are
    // records.
    Line record(const std::string& path, std::string& line, size_t line_no, std::vector<Diagnostic>& diags,
                std::optional<Article>& article, bool& binary) {
        auto where = [&path, line_no] { return path + ":" + std::to_string(line_no); };
        if (line.find('\0') != std::string::npos) {
            binary = true;
            diags.push_back({Severity::Error, where(), "NUL bytes: not a JSON record; skipped"});
            return Line::Bad;
        }
        size_t recoded = 0;
        line = as_utf8(std::move(line), where, diags, recoded);
        // The record's bytes, not its line: a record that moved (lines
        // inserted or deleted above it) is the same record.
        std::string digest = digest_of(line);
        if (cb.known_record(digest, line_no)) {  // indexed as it is: not even parsed
            stats.recoded += recoded;
            return Line::Known;
        }
        article = parse_json_article(line, path, line_no, diags);
        if (!article && !diags.empty() && diags.back().severity == Severity::Warning) {  // no text
            stats.recoded += recoded;
            ++stats.skipped_empty;
            return Line::Empty;
        }
        if (!article) return Line::Bad;
        stats.recoded += recoded;
        article->digest = std::move(digest);
        article->line = line_no;
        if (article->bad_date) ++stats.bad_dates;
        return Line::Article;
    }

    // kBadLines bad lines in a row, from line `from` to line_no: one error,
    // and the rest of the file is only counted (info.lines stays right).
    void not_json_lines(std::istream& in, const std::string& path, size_t from, size_t line_no, bool binary,
                        FileInfo& info) {
        size_t skipped = kBadLines;
        std::string line;
        while (std::getline(in, line)) {
            ++line_no;
            if (!trim_space(line).empty()) ++skipped;
        }
        std::vector<Diagnostic> diags{
            {Severity::Error, path,
             fmt::format("not JSON Lines ({} lines in a row are not JSON records{}); stopped reading it: {} lines "
                         "skipped from line {} on (a JSON Lines file holds one JSON object per line)",
                         kBadLines, binary ? ": a binary file" : "", skipped, from)}};
        report(diags);
        info.lines = line_no;
        cb.file_done(info);
    }

    // Not a kind of file that holds articles: counted, and the first few
    // named, so that a user knows why they are not found.
    void skip_other(const std::string& path) {
        if (++stats.skipped_other <= kMaxOtherNames) stats.other_names.push_back(path);
    }

    // A file named (or read again): key is path_key(path), given by the
    // caller; name the file's name (the end of path).
    void file(const std::string& path, const std::string& name, const std::string& id, std::string key) {
        const Kind kind = kind_of(name);
        if (kind == Kind::Other) return skip_other(path);
        file_of_kind(kind, path, id, std::move(key), nullptr, true);
    }

    // A file whose kind (not Other) is known.  st: its stat (nullptr: stat
    // it here); may_recur: reached through a link, or named, not met as a
    // plain entry of a folder (its path is then kept for the warning should
    // it be met again).
    void file_of_kind(Kind kind, const std::string& path, const std::string& id, std::string key,
                      const struct stat* st, bool may_recur) {
        struct stat own;
        if (!st && ::stat(path.c_str(), &own) == 0) st = &own;  // (one that cannot be stat'ed is read: that says why)
        // A file met again (named twice, inside a folder named too, a link
        // to it, a hard link) is read once, as its first path: the same
        // text under two ids would be two articles.
        if (st) {
            const auto inode = std::make_pair(st->st_dev, st->st_ino);
            if (!files_read.insert(inode).second) {
                auto first = file_paths.find(inode);
                std::vector<Diagnostic> diags{
                    {Severity::Warning, path,
                     first == file_paths.end() ? std::string("already read in this run, by another path (inside a folder named before it, or a link); skipped")
                     : first->second == path   ? std::string("already read (named twice, or inside a folder named before it)")
                                               : "the same file as " + first->second + ", read there; skipped"}};
                return report(diags);
            }
            if (st->st_nlink > 1 || may_recur) file_paths.emplace(inode, path);
        }
        if (kind == Kind::Text) text_file(path, id, std::move(key), st);
        else jsonl_file(path, std::move(key), st);
    }

    // dir_key: path_key(dir); rel: dir relative to the walk's root, "" or
    // ending with '/'.  Keys and ids are built from them name by name
    // (child_key()), not from the whole path each time: fs::path's
    // normalising and relative paths were a fifth of a no-change run.  The
    // entries are stat'ed relative to the folder (the kernel then looks up
    // one name, not the whole path) and only when their kind is a file's:
    // a folder is known by its entry's type.
    void folder(const std::string& dir, const std::string& dir_key, const std::string& rel) {
        std::unique_ptr<DIR, int (*)(DIR*)> d(::opendir(dir.c_str()), ::closedir);
        if (!d) return unreadable_folder(dir, errno);
        const int fd = ::dirfd(d.get());
        // A folder met again, through a link or named twice, is read once,
        // where the walk first met it: a link to a folder above it would be
        // followed over and over, two ways to one folder would index its
        // files twice.
        struct stat self;
        if (::fstat(fd, &self) == 0) {
            auto [it, added] = walked.emplace(std::make_pair(self.st_dev, self.st_ino), dir);
            if (!added) {
                std::vector<Diagnostic> diags{
                    {Severity::Warning, dir,
                     it->second == dir ? std::string("already read (named twice, or inside a folder named before it)")
                                       : "the same folder as " + it->second + " (a link to it?), read there; skipped"}};
                return report(diags);
            }
        }
        struct Entry {
            std::string name;
            unsigned char type;
        };
        std::vector<Entry> entries;
        for (;;) {
            errno = 0;
            const dirent* e = ::readdir(d.get());
            if (!e) {
                if (errno) return unreadable_folder(dir, errno);
                break;
            }
            if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
                entries.push_back({e->d_name, e->d_type});
        }
        std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
        for (const Entry& e : entries) {
            struct stat st;
            bool have = false;
            unsigned char type = e.type;
            if (type == DT_LNK || type == DT_UNKNOWN) {  // followed, as the file it names
                if (::fstatat(fd, e.name.c_str(), &st, 0) != 0) continue;  // a dangling link
                have = true;
                type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
            }
            if (type == DT_DIR) {
                if (e.name.front() != '.') folder(join(dir, e.name), child_key(dir_key, e.name), rel + e.name + "/");
            } else if (type == DT_REG) {
                const Kind kind = kind_of(e.name);
                if (kind == Kind::Other) {
                    skip_other(join(dir, e.name));
                    continue;
                }
                // (A file that cannot be stat'ed is read, which says why.)
                if (!have) have = ::fstatat(fd, e.name.c_str(), &st, 0) == 0;
                file_of_kind(kind, join(dir, e.name), rel + stem_of(e.name), child_key(dir_key, e.name),
                             have ? &st : nullptr, e.type != DT_REG);
            }
        }
    }
};

}  // namespace


std::string child_key(const std::string& dir_key, const std::string& name) {
    if (dir_key.empty() || dir_key.front() != '/' || name.empty() || name == "." || name == ".." ||
        name.find('/') != std::string::npos)
        return path_key(dir_key + "/" + name);  // not an absolute normal folder and a plain name
    std::string key = dir_key;
    if (key.back() != '/') key += '/';
    return key + name;
}

bool is_article_file(const std::string& name) { return kind_of(name) != Kind::Other; }

void check_paths_exist(const std::vector<std::string>& paths) {
    std::string missing;
    for (const auto& p : paths) {
        std::error_code ec;
        const auto st = fs::status(p, ec);
        const bool absent = ec ? ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory
                               : !fs::exists(st);
        if (absent) missing += (missing.empty() ? "" : ", ") + p;
    }
    // Before the database is opened or made: a typo must not leave an empty
    // index behind, nor touch the one there (an unmounted disk's articles stay).
    if (!missing.empty())
        throw usage_error(missing + ": no such file or folder; nothing was indexed: check the path (to drop a "
                                    "folder that is gone from the index, index the folder above it, or --rebuild)");
}

void read_paths(const std::vector<std::string>& paths, ReadSink& sink, ReadStats& stats) {
    Walker w{sink, stats};
    for (const auto& p : paths) {
        fs::path path(p);
        std::error_code ec;
        auto st = fs::status(path, ec);
        if (ec || !fs::exists(st)) {
            // Gone, mistyped or not mounted: what the index holds of it
            // stays (dropping it takes a walk of the folder above, or
            // --rebuild), as for a folder that cannot be read.
            const bool missing = !ec || ec == std::errc::no_such_file_or_directory;
            std::vector<Diagnostic> diags{
                {Severity::Error, p,
                 (missing ? std::string("no such file or folder") : "cannot read it (" + ec.message() + ")") +
                     "; what the index holds of it stays: check the path"}};
            w.unreadable(p, diags);
        } else if (fs::is_directory(st)) {
            w.folder(p, path_key(p), "");
        } else {
            w.file(p, path.filename().string(), path.stem().string(), path_key(p));
        }
    }
}

void read_file(const std::string& path, const std::string& key, const std::string& article_id,
               ReadSink& sink, ReadStats& stats) {
    Walker w{sink, stats};
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return;  // gone: nothing to read
    // A text file's id is its path below the folder it was indexed from:
    // the end of its key that spells the id (in the case the file has).
    std::string id = article_id;
    const std::string stem = key.substr(0, key.size() - fs::path(key).extension().string().size());
    if (stem.size() > id.size() && stem[stem.size() - id.size() - 1] == '/' &&
        lower(stem.substr(stem.size() - id.size())) == id)
        id = stem.substr(stem.size() - id.size());
    w.file(path, fs::path(path).filename().string(), id, key);
}

}  // namespace news::indexer
