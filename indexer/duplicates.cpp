#include "duplicates.hpp"

#include "store.hpp"

#include "news/schema.hpp"

#include <filesystem>
#include <map>
#include <utility>

namespace news::indexer {
namespace {

std::string claim_key(const std::string& id_term) {
    if (id_term.size() <= 200) return std::string(kMetaClaim) + id_term;
    return std::string(kMetaClaim) + "#" + digest_of(id_term);
}

size_t hashed(const std::string& id_term) { return std::hash<std::string>{}(id_term); }

}  // namespace

std::string shown(const std::string& key) {
    std::error_code ec;
    auto rel = std::filesystem::path(key).lexically_relative(std::filesystem::current_path(ec));
    std::string r = rel.generic_string();
    return ec || r.empty() || r.rfind("..", 0) == 0 ? key : r;
}

void Duplicates::file_begin(const std::string& file_key, bool whole_file) {
    files_.push_back(file_key);
    if (whole_file) read_whole_.insert(file_term(file_key));
}

bool Duplicates::met_before(const std::string& id_term) {
    return !ids_.emplace(hashed(id_term), files_.size() - 1).second;
}

bool Duplicates::repeated(const Article& a, const std::string& id_term, Diagnostic& warning) {
    auto [it, first] = ids_.emplace(hashed(id_term), files_.size() - 1);
    if (first) return false;
    warning = {Severity::Warning, a.location,
               "id \"" + a.id + "\" was already given to an earlier article in this run; the index " +
                   "keeps one document per id: this one replaces it (give each article an id of its own)"};
    repeated_ids_.insert(hashed(id_term));
    claim(a.id, a.file_key, files_[it->second]);
    return true;
}

std::set<std::string> Duplicates::claims(const std::string& article_id) const {
    std::set<std::string> files;
    const std::string v = store_.meta().get_metadata(claim_key(term(FieldId::Id, article_id)));
    for (size_t start = 0; start < v.size();) {
        size_t nl = v.find('\n', start);
        if (nl == std::string::npos) nl = v.size();
        if (nl > start) files.insert(v.substr(start, nl - start));
        start = nl + 1;
    }
    return files;
}

void Duplicates::write_claims(const std::string& article_id, const std::set<std::string>& files) {
    std::string v;
    if (files.size() >= 2)
        for (const auto& f : files) v += f + "\n";
    store_.set_metadata(claim_key(term(FieldId::Id, article_id)), v);  // ("": none)
}

void Duplicates::claim(const std::string& article_id, const std::string& file_key, const std::string& other_file_key) {
    if (file_key == other_file_key) return;
    claimed_.insert(term(FieldId::Id, article_id));
    std::set<std::string> files = claims(article_id);
    const size_t before = files.size();
    files.insert(file_term(file_key));
    files.insert(file_term(other_file_key));
    if (files.size() != before) write_claims(article_id, files);
}

void Duplicates::replaced(const Article& a, const std::string& other) {
    std::set<std::string> files = claims(a.id);
    files.insert(other);
    files.insert(file_term(a.file_key));
    write_claims(a.id, files);
    replaced_.push_back({a.id, a.location, other});
}

void Duplicates::gone(const std::string& article_id, const std::string& file_key) {
    std::set<std::string> files = claims(article_id);
    if (files.empty()) return;
    files.erase(file_term(file_key));
    if (!files.empty()) pending_.push_back({files, article_id, shown(file_key)});
    write_claims(article_id, files);  // (one file left: no claim)
}

// (Files removed in this run are gone from the records.)
std::unordered_map<std::string, std::string> Duplicates::file_keys() const {
    std::unordered_map<std::string, std::string> keys;
    for (auto& e : ledger_.all()) keys.emplace(file_term(e.record.key), std::move(e.record.key));
    return keys;
}

std::vector<Diagnostic> Duplicates::take_replaced() {
    std::vector<Diagnostic> out;
    if (replaced_.empty()) return out;
    const auto keys = file_keys();
    for (auto& r : std::exchange(replaced_, {})) {
        const std::string id_term = term(FieldId::Id, r.id);
        auto k = keys.find(r.other);
        if (k == keys.end() || (read_whole_.count(r.other) && !claimed_.count(id_term))) {
            // The other file is gone, or was read in this run without it:
            // the article moved from there (no warning, and no claim left
            // of that file).
            std::set<std::string> files = claims(r.id);
            if (files.erase(r.other)) write_claims(r.id, files);
            continue;
        }
        if (repeated_ids_.count(hashed(id_term))) continue;  // (warned of in the walk)
        out.push_back({Severity::Warning, r.location,
                       "id \"" + r.id + "\" is also in " + shown(k->second) +
                           ", indexed earlier; the index keeps one document per id: this one replaces it "
                           "(give each article an id of its own)"});
    }
    return out;
}

std::vector<Duplicates::Reread> Duplicates::take_rereads() {
    std::vector<Reread> out;
    if (pending_.empty()) return out;
    const auto keys = file_keys();
    std::map<std::string, Reread> by_key;  // (in key order: the walk's, near enough; the last read wins)
    for (auto& p : std::exchange(pending_, {}))
        for (const auto& f : p.files) {
            auto k = keys.find(f);
            if (k == keys.end()) continue;  // that file is gone too
            Reread& r = by_key[k->second];
            r.key = k->second;
            r.path = shown(k->second);
            r.ids.push_back(p.article_id);
            r.gone_from.push_back(p.gone_from);
        }
    for (auto& [key, r] : by_key) out.push_back(std::move(r));
    return out;
}

Diagnostic Duplicates::took_place(const Article& a, const std::string& gone_from) {
    return {Severity::Warning, a.location,
            "id \"" + a.id + "\" went with " + gone_from + "; this article has it too and is indexed in its place"};
}

}  // namespace news::indexer
