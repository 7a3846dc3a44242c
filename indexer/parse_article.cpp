// The pure part of stage 1: an article from a text file's bytes or from a
// JSON Lines record (read.hpp says what each holds).
#include "read.hpp"

#include "news/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace fs = std::filesystem;

namespace news::indexer {
namespace {

constexpr size_t kMaxTitleLine = 150;  // a longer first line is prose, not a title
constexpr size_t kMaxTitleSentence = 120;

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// The first sentence of a text, at most kMaxTitleSentence bytes (cut at a space).
std::string first_sentence(std::string_view text) {
    text = trim_space(text);
    size_t end = text.size();
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\n') { end = i; break; }
        if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.size() || is_space(text[i + 1])) &&
            (c != '.' || dot_ends_sentence(text, i))) {  // not "U.S." nor "Mr."
            end = i + 1;
            break;
        }
    }
    std::string_view s = trim_space(text.substr(0, end));
    if (s.size() > kMaxTitleSentence) {
        size_t cut = s.rfind(' ', kMaxTitleSentence);
        s = s.substr(0, cut == std::string_view::npos ? kMaxTitleSentence : cut);
        return std::string(trim_space(s)) + "…";
    }
    return std::string(s);
}

std::vector<std::string> string_list(const nlohmann::json& j, const char* key) {
    std::vector<std::string> out;
    if (!j.contains(key) || !j[key].is_array()) return out;
    for (const auto& v : j[key])
        if (v.is_string() && !v.get<std::string>().empty()) out.push_back(v.get<std::string>());
    return out;
}

std::string string_field(const nlohmann::json& j, const char* key) {
    if (!j.contains(key)) return {};
    const auto& v = j[key];
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    return {};
}

}  // namespace

std::string_view trim_space(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

Article parse_text_article(std::string_view text, std::string id, std::string location,
                           std::vector<Diagnostic>& diagnostics) {
    Article a;
    a.id = std::move(id);
    a.location = std::move(location);
    std::string_view rest = text;
    while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
    // Optional "date YYYY-MM-DD" header, the text going on after it.
    if (rest.size() > 5 && rest.substr(0, 4) == "date" && (rest[4] == ' ' || rest[4] == '\t')) {
        std::string_view after = rest.substr(5);
        while (!after.empty() && (after.front() == ' ' || after.front() == '\t')) after.remove_prefix(1);
        size_t end = 0;
        while (end < after.size() && !is_space(after[end])) ++end;
        std::string_view value = after.substr(0, end);
        auto parsed = parse_iso_date(value);
        if (auto* d = std::get_if<Date>(&parsed)) {
            a.date = *d;
        } else {
            a.bad_date = true;
            diagnostics.push_back({Severity::Warning, a.location + ":1",
                                   "date header: " + std::get<DateError>(parsed).message +
                                       "; the article is indexed as undated"});
        }
        rest = after.substr(end);
    }
    // Title: a short first line followed by a blank line (BBC layout), unless it
    // reads as a sentence; else the first sentence, which stays in the body.
    std::string normalised(rest);
    normalised.erase(std::remove(normalised.begin(), normalised.end(), '\r'), normalised.end());
    std::string_view body = trim_space(normalised);
    size_t nl = body.find('\n');
    if (nl != std::string_view::npos && nl + 1 < body.size() && body[nl + 1] == '\n') {
        std::string_view first = trim_space(body.substr(0, nl));
        char last = first.empty() ? '.' : first.back();
        if (first.size() <= kMaxTitleLine && last != '.' && last != '!' && last != '?' && last != ',') {
            a.title = std::string(first);
            body = trim_space(body.substr(nl + 1));
        }
    }
    if (a.title.empty()) a.title = first_sentence(body);
    a.body = std::string(body);
    return a;
}

std::optional<Article> parse_json_article(std::string_view line, const std::string& file, size_t line_no,
                                          std::vector<Diagnostic>& diagnostics) {
    std::string where = file + ":" + std::to_string(line_no);
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
        std::string what = e.what();
        size_t colon = what.find("syntax error");
        diagnostics.push_back({Severity::Error, where,
                               "not valid JSON (" + (colon == std::string::npos ? what : what.substr(colon)) +
                                   "); the record is skipped, the rest of the file is indexed"});
        return std::nullopt;
    } catch (const nlohmann::json::exception& e) {
        // A value JSON allows but the parser cannot hold (a number like 1e999).
        diagnostics.push_back({Severity::Error, where,
                               std::string("not a usable JSON record (") + e.what() +
                                   "); the record is skipped, the rest of the file is indexed"});
        return std::nullopt;
    }
    if (!j.is_object()) {
        diagnostics.push_back({Severity::Error, where, "a record must be a JSON object; skipped"});
        return std::nullopt;
    }
    // No text, nothing to find it by: not an article (not an error either).
    if (trim_space(string_field(j, "title")).empty() && trim_space(string_field(j, "body")).empty()) {
        diagnostics.push_back({Severity::Warning, where, "record has no text (no \"title\" nor \"body\"); skipped"});
        return std::nullopt;
    }
    Article a;
    a.file = file;
    a.location = where;
    a.id = string_field(j, "id");
    if (a.id.empty()) {
        a.id = fs::path(file).stem().string() + "-" + digest_of(line);
        diagnostics.push_back({Severity::Warning, where, "record has no \"id\"; indexed as \"" + a.id + "\""});
    }
    a.title = string_field(j, "title");
    a.body = string_field(j, "body");
    std::string date = string_field(j, "date");
    if (!date.empty()) {
        auto parsed = parse_iso_date(date);
        if (auto* d = std::get_if<Date>(&parsed))
            a.date = *d;
        else {
            a.bad_date = true;
            diagnostics.push_back({Severity::Warning, where,
                                   "\"date\": " + std::get<DateError>(parsed).message + "; indexed as undated"});
        }
    }
    a.publication = string_field(j, "source");
    a.url = string_field(j, "url");
    a.people = string_list(j, "people");
    a.places = string_list(j, "places");
    a.orgs = string_list(j, "orgs");
    a.topics = string_list(j, "topics");
    a.exchanges = string_list(j, "exchanges");
    if (a.title.empty()) a.title = first_sentence(a.body);
    return a;
}

}  // namespace news::indexer
