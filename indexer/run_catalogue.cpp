#include "run_catalogue.hpp"

#include "store.hpp"

#include "news/error.hpp"
#include "news/layout.hpp"
#include "news/schema.hpp"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace news::indexer {
namespace {

// Before each file's text in the user's entries: the one record of which
// files they are.
constexpr std::string_view kFileLine = "# --entities ";

bool is_file_line(std::string_view line) { return line.substr(0, kFileLine.size()) == kFileLine; }

// A file's text as the user's entries keep it: a comment line of its own
// that reads as a kFileLine is kept with one more space after its '#' (a
// comment still), so that only the kFileLines name files.
std::string kept_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t at = 0; at < text.size();) {
        const size_t end = std::min(text.find('\n', at), text.size() - 1) + 1;
        const std::string_view line = text.substr(at, end - at);
        if (is_file_line(line)) {
            out += "# ";
            out += line.substr(1);
        } else {
            out += line;
        }
        at = end;
    }
    return out;
}

// The user's entries the index at db keeps ("" for none, or no index).
std::string kept_entries(const std::string& db) {
    std::error_code ec;
    if (!std::filesystem::exists(db, ec)) return {};
    try {
        const std::string meta = is_sharded_folder(db) ? part_path(db, kMetaPart) : db;
        return Xapian::Database(meta).get_metadata(std::string(kMetaUserEntities));
    } catch (const Xapian::Error&) {
        return {};  // (the run opens it next and says what is wrong)
    }
}

std::string read_file(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw usage_error(file + ": cannot read the entity catalogue");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

RunCatalogue load_catalogue(const std::vector<std::string>& files, const std::string& db) {
    RunCatalogue c{Catalogue::builtin(), {}};
    if (files.empty()) {
        c.user = kept_entries(db);
        try {
            c.catalogue.add(c.user, db + " (its copy of the --entities catalogue)");
        } catch (const Error& e) {
            // (A news-index whose built-in catalogue now has an alias the
            // user's entries give another entity.)
            throw usage_error(std::string(e.what()) +
                              "; run news-index with --entities FILE (corrected) or --entities none");
        }
        return c;
    }
    for (const auto& file : files) {
        if (file == kNoEntities) continue;
        const std::string text = read_file(file);
        c.catalogue.add(text, file);
        c.user += std::string(kFileLine) + file + '\n' + kept_text(text);
        if (!text.empty() && text.back() != '\n') c.user += '\n';
    }
    return c;
}

std::vector<std::string> catalogue_files(const std::string& user_entries) {
    std::vector<std::string> files;
    for (size_t at = 0; at < user_entries.size();) {
        const size_t nl = std::min(user_entries.find('\n', at), user_entries.size());
        const std::string_view line = std::string_view(user_entries).substr(at, nl - at);
        if (is_file_line(line)) files.emplace_back(line.substr(kFileLine.size()));
        at = nl + 1;
    }
    return files;
}

}  // namespace news::indexer
