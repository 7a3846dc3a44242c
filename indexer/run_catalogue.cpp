#include "run_catalogue.hpp"

#include "store.hpp"

#include "news/error.hpp"
#include "news/layout.hpp"
#include "news/schema.hpp"

#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace news::indexer {
namespace {

constexpr std::string_view kFileLine = "# --entities ";

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
        c.user += std::string(kFileLine) + file + '\n' + text;
        if (!text.empty() && text.back() != '\n') c.user += '\n';
    }
    return c;
}

}  // namespace news::indexer
