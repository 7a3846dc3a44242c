#include "positional.hpp"

#include "news/text.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

namespace news::searcher {
namespace {

constexpr size_t kMaxForms = 24;    // forms of one word looked for, the commonest
constexpr size_t kMaxScan = 3000;   // terms read under a word's stem, at most

using Q = Xapian::Query;

// A term's prefix (its leading capitals, Omega's convention) and word.
std::pair<std::string, std::string> split_term(const std::string& t) {
    size_t i = 0;
    while (i < t.size() && std::isupper(static_cast<unsigned char>(t[i]))) ++i;
    return {t.substr(0, i), t.substr(i)};
}

bool plain_word(const std::string& w) {
    return w.size() >= 3 && std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// The forms of a leaf term's stem the index holds, as an OR; the leaf when
// it has no other.
Q forms(const Xapian::Database& db, const Xapian::Stem& stem, const Q& leaf) {
    const std::string t = *leaf.get_terms_begin();
    const auto [prefix, word] = split_term(t);
    if (!plain_word(word) || stopper()(word)) return leaf;
    const std::string s = stem(word);
    // A stem keeps the word's letters but its end ("happi" of "happy").
    const std::string head = prefix + (s.size() > 3 ? s.substr(0, s.size() - 1) : s);
    std::vector<std::pair<Xapian::doccount, std::string>> found;
    size_t scanned = 0;
    for (auto it = db.allterms_begin(head); it != db.allterms_end(head) && scanned < kMaxScan; ++it, ++scanned) {
        const std::string form = (*it).substr(prefix.size());
        if (form == word || !plain_word(form) || stem(form) != s) continue;
        found.emplace_back(it.get_termfreq(), *it);
    }
    if (found.empty()) return leaf;
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    if (found.size() > kMaxForms - 1) found.resize(kMaxForms - 1);
    std::vector<Q> terms{leaf};
    for (const auto& f : found) terms.emplace_back(f.second);
    return Q(Q::OP_OR, terms.begin(), terms.end());
}

// The window of a NEAR or PHRASE query, as its description gives it
// ("Query((a@1 NEAR 3 b@2))": Xapian 1.4's Query has no getter); 0 if unread.
Xapian::termcount window_of(const Q& q) {
    const std::string d = q.get_description();
    const std::string op = q.get_type() == Q::OP_NEAR ? " NEAR " : " PHRASE ";
    const size_t at = d.find(op);
    if (at == std::string::npos) return 0;
    size_t i = at + op.size();
    Xapian::termcount n = 0;
    for (; i < d.size() && std::isdigit(static_cast<unsigned char>(d[i])); ++i) n = n * 10 + static_cast<unsigned>(d[i] - '0');
    return i < d.size() && d[i] == ' ' ? n : 0;
}

// A phrase with a word of one or two letters is a name or a compound
// ("J-Hope", "K-pop", "e-mail", "U.N. Security Council"), kept as written:
// "j-hope" is not "J-Hoping".
bool names_a_name(const Q& phrase) {
    for (size_t i = 0; i < phrase.get_num_subqueries(); ++i) {
        const Q sub = phrase.get_subquery(i);
        if (sub.get_type() == Q::LEAF_TERM && split_term(*sub.get_terms_begin()).second.size() < 3) return true;
    }
    return false;
}

Q rewrite(const Xapian::Database& db, const Xapian::Stem& stem, const Q& q, bool& changed) {
    const auto op = q.get_type();
    std::vector<Q> subs;
    bool below = false;
    if (op == Q::OP_NEAR || op == Q::OP_PHRASE) {
        const Xapian::termcount window = window_of(q);
        if (window == 0 || (op == Q::OP_PHRASE && names_a_name(q))) return q;
        for (size_t i = 0; i < q.get_num_subqueries(); ++i) {
            const Q sub = q.get_subquery(i);
            subs.push_back(sub.get_type() == Q::LEAF_TERM ? forms(db, stem, sub) : sub);
            below = below || subs.back().get_type() != sub.get_type();
        }
        if (!below) return q;
        changed = true;
        return Q(op, subs.begin(), subs.end(), window);
    }
    // Operators without parameters are rebuilt around a rewritten subquery;
    // anything else is kept whole.
    if (op != Q::OP_AND && op != Q::OP_OR && op != Q::OP_XOR && op != Q::OP_AND_MAYBE && op != Q::OP_FILTER &&
        op != Q::OP_AND_NOT && op != Q::OP_SYNONYM && op != Q::OP_MAX)
        return q;
    for (size_t i = 0; i < q.get_num_subqueries(); ++i) subs.push_back(rewrite(db, stem, q.get_subquery(i), below));
    if (!below) return q;
    changed = true;
    return Q(op, subs.begin(), subs.end());
}

}  // namespace

Xapian::Query positional_stems(const Xapian::Database& db, const Xapian::Query& query) {
    static thread_local const Xapian::Stem stem = text_stemmer();  // (a Stem is for one thread)
    bool changed = false;
    return rewrite(db, stem, query, changed);
}

}  // namespace news::searcher
