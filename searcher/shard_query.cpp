#include "shard_query.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace news::searcher {
namespace {

// The pattern and combining operator of a wildcard query, read back from its
// description (Xapian 1.4 has no accessor for them) and checked by
// describing the same wildcard again.
std::optional<std::pair<std::string, Xapian::Query::op>> wildcard_of(const Xapian::Query& q) {
    const std::string d = q.get_description();
    const std::pair<std::string_view, Xapian::Query::op> kinds[] = {
        {"Query(WILDCARD SYNONYM ", Xapian::Query::OP_SYNONYM},
        {"Query(WILDCARD MAX ", Xapian::Query::OP_MAX},
        {"Query(WILDCARD OR ", Xapian::Query::OP_OR}};
    for (const auto& [head, op] : kinds) {
        if (d.size() <= head.size() || d.compare(0, head.size(), head) != 0 || d.back() != ')') continue;
        std::string pattern = d.substr(head.size(), d.size() - head.size() - 1);
        Xapian::Query again(Xapian::Query::OP_WILDCARD, pattern, 0, Xapian::Query::WILDCARD_LIMIT_ERROR, op);
        if (again.get_description() == d) return std::make_pair(pattern, op);
    }
    return std::nullopt;
}

// OP_SYNONYM of subqueries as a balanced tree of synonyms of two, in their
// order.  Xapian 1.4 weighs a synonym by an estimate of how many documents
// match it, which it builds pair by pair, rounding each time, over a tree it
// shapes by each part's own term frequencies; with more than two subqueries
// the estimate (and so the weight) then differs from part to part and from
// one database.  Pairs fixed in advance give every part the same estimate.
Xapian::Query balanced_synonym(std::vector<Xapian::Query>::const_iterator begin,
                               std::vector<Xapian::Query>::const_iterator end) {
    if (begin == end) return Xapian::Query();  // matches nothing, like a wildcard that expands to nothing
    if (end - begin == 1) return *begin;
    auto mid = begin + (end - begin) / 2;
    return Xapian::Query(Xapian::Query::OP_SYNONYM, balanced_synonym(begin, mid), balanced_synonym(mid, end));
}

Xapian::Query expand(const Xapian::Database& db, const Xapian::Query& q, bool& changed) {
    const auto op = q.get_type();
    if (op == Xapian::Query::OP_WILDCARD) {
        auto w = wildcard_of(q);
        if (!w) return q;
        std::vector<Xapian::Query> terms;
        for (auto t = db.allterms_begin(w->first); t != db.allterms_end(w->first); ++t) terms.emplace_back(*t);
        changed = true;
        if (w->second == Xapian::Query::OP_SYNONYM) return balanced_synonym(terms.begin(), terms.end());
        return Xapian::Query(w->second, terms.begin(), terms.end());  // none: matches nothing, as Xapian's
    }
    switch (op) {
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_XOR:
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX: {
            // Operators without parameters: rebuilt from their subqueries when
            // one changed (and a synonym of more than two, balanced).
            bool below = false;
            std::vector<Xapian::Query> subs;
            for (size_t i = 0; i < q.get_num_subqueries(); ++i) {
                Xapian::Query sub = q.get_subquery(i);
                if (op == Xapian::Query::OP_SYNONYM && sub.get_type() == Xapian::Query::OP_OR) {
                    // An OR under a synonym (a multi-word alias: (lady OR gaga) SYNONYM
                    // artist:lady-gaga) weighs nothing itself: as a synonym it matches,
                    // counts and weighs the same on one database, and Xapian 1.4 weighs
                    // it the same in every part (the OR was seen weighing differently in
                    // a shard of one document; the synonym was not).
                    std::vector<Xapian::Query> alts;
                    for (size_t j = 0; j < sub.get_num_subqueries(); ++j) alts.push_back(sub.get_subquery(j));
                    sub = Xapian::Query(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
                    below = true;
                }
                subs.push_back(expand(db, sub, below));
            }
            if (op == Xapian::Query::OP_SYNONYM && subs.size() > 2) {
                changed = true;
                return balanced_synonym(subs.begin(), subs.end());
            }
            if (!below) return q;
            changed = true;
            return Xapian::Query(op, subs.begin(), subs.end());
        }
        default: return q;  // a term, or an operator with parameters
    }
}

}  // namespace

Xapian::Query expand_for_shards(const Xapian::Database& db, const Xapian::Query& query) {
    bool changed = false;
    return expand(db, query, changed);
}

}  // namespace news::searcher
