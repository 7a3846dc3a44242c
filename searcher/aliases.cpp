#include "aliases.hpp"

#include "news/schema.hpp"
#include "news/text.hpp"

#include <cctype>
#include <optional>
#include <vector>

namespace news::searcher {
namespace {

bool all_cjk(const std::string& s) {
    if (s.empty()) return false;
    for (Xapian::Utf8Iterator it(s); it != Xapian::Utf8Iterator(); ++it)
        if (!is_cjk(*it)) return false;
    return true;
}

bool ascii_slug(const std::string& s) {
    for (char c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
    return !s.empty();
}

}  // namespace

Xapian::Query AliasProcessor::operator()(const std::string& value) {
    if (auto slug = catalogue_.slug_of(value)) return Xapian::Query(term(FieldId::Entity, *slug));
    return Xapian::Query::MatchNothing;
}

Xapian::Query author_name_query(const std::string& name) {
    const std::string prefix(field(FieldId::AuthorName).prefix);
    std::vector<Xapian::Query> words;
    for (const Word& w : split_words(name)) {
        if (!w.cjk) {
            words.emplace_back(prefix + w.key);
            continue;
        }
        // A CJK run is indexed as its characters and their pairs (n-grams).
        std::vector<std::string> chars;
        for (Xapian::Utf8Iterator it(w.key); it != Xapian::Utf8Iterator(); ++it) {
            chars.emplace_back();
            Xapian::Unicode::append_utf8(chars.back(), *it);
        }
        if (chars.size() == 1) words.emplace_back(prefix + chars[0]);
        for (size_t i = 0; i + 1 < chars.size(); ++i) words.emplace_back(prefix + chars[i] + chars[i + 1]);
    }
    if (words.empty()) return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end());
}

std::string with_script_aliases(const std::string& q, IndexCatalogue& catalogue) {
    std::string out;
    out.reserve(q.size());
    bool in_quotes = false;
    for (size_t i = 0; i < q.size(); ++i) {
        if (q[i] == '"') in_quotes = !in_quotes;
        const size_t close = q[i] == '(' && !in_quotes ? q.find(')', i) : std::string::npos;
        if (close != std::string::npos) {
            const std::string run = q.substr(i + 1, close - i - 1);
            // (By its slug: Xapian's parser splits a CJK value after a
            // prefix into n-grams before a field processor sees it.)
            const auto slug = all_cjk(run) ? catalogue.slug_of(run) : std::nullopt;
            if (slug && ascii_slug(*slug)) {
                out += "(" + run + " OR " + kAliasField + ":" + *slug + ")";
                i = close;
                continue;
            }
        }
        out += q[i];
    }
    return out;
}

}  // namespace news::searcher
