// Snippets: the best passage of a hit's stored text, its matched words
// marked.  The text is split with news::split_words, as the indexer's
// normalisation splits it, so a word lights up only when its folded key,
// its English stem, an alias run or a CJK run of the query matched it, and
// always whole.
//
// Choosing the passage: each hit word starts a candidate window of
// `length` bytes; the window holding the most distinct query terms, then
// the most hits, wins (the earliest on ties).  It then gets some context
// before its first hit (back to the sentence start when that is near), is
// snapped to whole tokens (a word with the punctuation glued to it, such
// as "#BTS" or "Gaga🐻:"), and gets "…" parts where the text goes on.
#include "snippet.hpp"

#include "news/text.hpp"

#include <xapian.h>

#include <algorithm>
#include <bitset>
#include <string>
#include <utility>

namespace news::searcher {
namespace {

constexpr std::string_view kEllipsis = "…";
constexpr size_t kSentenceReach = 40;  // how far before the first hit a sentence start is taken
constexpr size_t kMaxLead = 40;        // context before the first hit otherwise, at most
constexpr size_t kMaxGlue = 16;        // punctuation kept glued to a token at a cut, at most
constexpr size_t kNone = std::string_view::npos;

unsigned char byte(std::string_view t, size_t i) { return static_cast<unsigned char>(t[i]); }

// Byte length of the whitespace character at i (ASCII, NBSP, U+2000..200A,
// U+2028/2029, U+202F, U+3000), or 0.
size_t space_at(std::string_view t, size_t i) {
    unsigned char c = byte(t, i);
    if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
    if (c == 0xC2 && i + 1 < t.size() && byte(t, i + 1) == 0xA0) return 2;
    if (i + 2 >= t.size() || byte(t, i + 1) != 0x80) return 0;
    unsigned char d = byte(t, i + 2);
    if (c == 0xE2 && ((d >= 0x80 && d <= 0x8A) || d == 0xA8 || d == 0xA9 || d == 0xAF)) return 3;
    if (c == 0xE3 && d == 0x80) return 3;
    return 0;
}

// Byte length of the whitespace character ending just before i, or 0.
size_t space_before(std::string_view t, size_t i) {
    for (size_t n = 1; n <= 3 && n <= i; ++n)
        if (space_at(t, i - n) == n) return n;
    return 0;
}

// True when [a, b) holds nothing but whitespace.
bool blank(std::string_view t, size_t a, size_t b) {
    for (size_t i = a; i < b;) {
        size_t n = space_at(t, i);
        if (!n) return false;
        i += n;
    }
    return true;
}

// The first whitespace byte in [a, b), or kNone.
size_t first_space(std::string_view t, size_t a, size_t b) {
    for (size_t i = a; i < b; ++i)
        if (space_at(t, i)) return i;
    return kNone;
}

// Just after the last whitespace character in [a, b), or kNone.
size_t after_last_space(std::string_view t, size_t a, size_t b) {
    size_t found = kNone;
    for (size_t i = a; i < b; ++i)
        if (size_t n = space_at(t, i)) found = i + n;
    return std::min(found, b);
}

// The greatest UTF-8 character boundary at or before i (never below lo).
size_t char_floor(std::string_view t, size_t i, size_t lo) {
    for (int back = 0; back < 3 && i > lo && i < t.size() && (byte(t, i) & 0xC0) == 0x80; ++back) --i;
    return i;
}

// --- Which words match ------------------------------------------------------

size_t codepoints(std::string_view s) {
    return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

class Matcher {
public:
    explicit Matcher(const Highlight& hl) : hl_(hl) {
        for (const auto& w : hl.words)
            if (!w.empty()) word_first_.set(static_cast<unsigned char>(w[0]));
        for (const auto& a : hl.aliases)
            if (!a.empty() && !a[0].empty()) alias_first_.set(static_cast<unsigned char>(a[0][0]));
        for (const auto& s : hl.stems) {
            stem_first_.set(static_cast<unsigned char>(s[0]));
            stem_min_ = std::min(stem_min_, s.size());
        }
        for (const auto& q : hl.cjk)
            for (auto& w : split_words(q))
                if (w.cjk) cjk_.emplace_back(std::move(w.key), &q);
        // Every way a word matches starts with its key's first byte.
        key_starts_ = word_first_ | stem_first_;
        for (const auto& alias : hl.aliases)
            for (const auto& a : alias)
                if (!a.empty()) key_starts_.set(static_cast<unsigned char>(a[0]));
        for (const auto& p : hl.prefixes) {
            if (p.empty()) key_starts_.set();
            else key_starts_.set(static_cast<unsigned char>(p[0]));
        }
    }

    // The first bytes of the keys that can match: a word's key is needed
    // only when it begins with one of them (split_words(text, key_starts)).
    const std::bitset<256>& key_starts() const { return key_starts_; }

    // Per word, the index of the query term it matched, or -1.
    std::vector<int> mark(std::string_view text, const std::vector<Word>& words) {
        std::vector<int> marks(words.size(), -1);
        // Aliases first, the longest at each position; a word inside one is taken.
        for (size_t i = 0; i < words.size(); ++i) {
            if (marks[i] >= 0 || !alias_first_.test(first_byte(words[i].key))) continue;
            const std::vector<std::string>* best = nullptr;
            for (const auto& alias : hl_.aliases)
                if ((!best || alias.size() > best->size()) && alias_at(text, words, i, alias)) best = &alias;
            if (best) std::fill_n(marks.begin() + static_cast<std::ptrdiff_t>(i), best->size(), term(best));
        }
        for (size_t i = 0; i < words.size(); ++i)
            if (marks[i] < 0) marks[i] = match(words[i]);
        return marks;
    }

    size_t terms() const { return terms_.size(); }

private:
    // The id of a query term, known by the address of its entry in the Highlight.
    int term(const void* entry) {
        auto it = std::find(terms_.begin(), terms_.end(), entry);
        if (it == terms_.end()) it = terms_.insert(it, entry);
        return static_cast<int>(it - terms_.begin());
    }

    static bool alias_at(std::string_view text, const std::vector<Word>& words, size_t i,
                         const std::vector<std::string>& alias) {
        if (alias.empty() || i + alias.size() > words.size()) return false;
        for (size_t k = 0; k < alias.size(); ++k)
            if (words[i + k].key != alias[k]) return false;
        if (alias.size() > 1 || codepoints(alias[0]) > 1) return true;
        unsigned letter = *Xapian::Utf8Iterator(alias[0]);
        if (Xapian::Unicode::toupper(letter) == letter) return true;  // no case: "뷔"
        // A one-letter alias ("V") only as a capital, and not "V-neck" or "V8".
        const Word& w = words[i];
        Xapian::Utf8Iterator first(text.data() + w.begin, w.end - w.begin);
        auto cat = Xapian::Unicode::get_category(*first);
        bool capital = cat == Xapian::Unicode::UPPERCASE_LETTER || cat == Xapian::Unicode::TITLECASE_LETTER;
        bool glued = w.end < text.size() && (text[w.end] == '-' || (text[w.end] >= '0' && text[w.end] <= '9'));
        return capital && !glued;
    }

    int match(const Word& w) {
        if (!w.cjk && maybe_stem(w.key)) {
            auto it = hl_.stems.find(stemmer()(w.key));
            if (it != hl_.stems.end()) return term(&*it);
        }
        if (word_first_.test(first_byte(w.key)))
            if (auto it = hl_.words.find(w.key); it != hl_.words.end()) return term(&*it);
        if (!w.cjk)
            for (const auto& prefix : hl_.prefixes)
                if (w.key.compare(0, prefix.size(), prefix) == 0) return term(&prefix);
        if (w.cjk)
            for (const auto& [run, entry] : cjk_) {
                bool one = codepoints(run) == 1;
                if (one ? w.key.compare(0, run.size(), run) == 0 : w.key.find(run) != std::string::npos)
                    return term(entry);
            }
        return -1;
    }

    // An English stem keeps the word's first letter and is never longer than
    // the word: skip the stemmer for words that cannot give a wanted stem.
    bool maybe_stem(const std::string& key) const {
        return key.size() >= stem_min_ && stem_first_.test(first_byte(key));
    }

    // Set membership is tried only for words whose first byte some entry has.
    static unsigned char first_byte(const std::string& key) {
        return key.empty() ? 0 : static_cast<unsigned char>(key[0]);
    }

    // A word's English stem: the hits of a query, and the queries of a batch,
    // share most of their words, and the stemmer remembers them (it was most
    // of the time spent matching them).
    static const Xapian::Stem& stemmer() {
        static thread_local const Xapian::Stem stem = text_stemmer();  // a Stem is not thread-safe
        return stem;
    }

    const Highlight& hl_;
    std::vector<const void*> terms_;
    std::vector<std::pair<std::string, const std::string*>> cjk_;  // CJK run, its query entry
    std::bitset<256> word_first_, alias_first_, stem_first_, key_starts_;
    size_t stem_min_ = kNone;
};

// --- Where the passage lies --------------------------------------------------

// The words of a text grouped into tokens: a token is a run of words not
// parted by whitespace ("J-Hope’s", "Gaga🐻:"); CJK runs are tokens of their own.
class Layout {
public:
    Layout(std::string_view text, const std::vector<Word>& words) : t_(text), w_(words) {}

    bool starts_token(size_t k) const {
        return k == 0 || w_[k].cjk || w_[k - 1].cjk || first_space(t_, w_[k - 1].end, w_[k].begin) != kNone;
    }
    bool ends_token(size_t k) const { return k + 1 == w_.size() || starts_token(k + 1); }

    // Where the token begun by word k begins: with the punctuation glued before it ("#BTS").
    size_t token_begin(size_t k) const {
        size_t gap = k == 0 ? 0 : w_[k - 1].end;
        size_t b = after_last_space(t_, gap, w_[k].begin);
        if (b == kNone) b = k == 0 ? 0 : w_[k].begin;
        return w_[k].begin - b <= kMaxGlue ? b : w_[k].begin;
    }
    // Where the token ended by word k ends: with the punctuation glued after it ("Gaga🐻:").
    size_t token_end(size_t k) const {
        size_t gap = k + 1 == w_.size() ? t_.size() : w_[k + 1].begin;
        size_t e = first_space(t_, w_[k].end, gap);
        if (e == kNone) e = gap;
        return e - w_[k].end <= kMaxGlue ? e : w_[k].end;
    }

    // The start of the first token that begins at or after pos (at most `limit`).
    size_t snap_start(size_t pos, size_t limit) const {
        size_t k = first_word_ending_after(pos);
        if (k < w_.size() && w_[k].begin < pos) ++k;
        while (k < w_.size() && !starts_token(k)) ++k;
        return k < w_.size() ? std::min(token_begin(k), limit) : limit;
    }

    // The end of the last token that ends by `limit`, cutting into a CJK run
    // (not a hit) rather than leaving it out; at least `floor`, after `start`.
    size_t snap_end(size_t start, size_t limit, size_t floor, const std::vector<int>& marks) const {
        if (limit >= t_.size()) return t_.size();
        size_t k = first_word_ending_after(limit);  // the word cut by limit, or the next
        bool cut = k < w_.size() && w_[k].begin < limit;
        if (cut && w_[k].cjk && marks[k] < 0) return std::max(floor, char_floor(t_, limit, w_[k].begin));
        size_t end = k > 0 ? w_[k - 1].end : 0;
        for (size_t m = k, steps = 0; m > 0 && steps < 4; --m, ++steps)
            if (ends_token(m - 1)) {
                end = token_end(m - 1);
                break;
            }
        if (end <= start) end = char_floor(t_, limit, start);  // not one whole word fits
        return std::max(end, floor);
    }

    // A sentence start within kSentenceReach bytes before pos, or kNone.
    size_t sentence_start(size_t pos) const {
        size_t lo = pos > kSentenceReach ? pos - kSentenceReach : 0;
        for (size_t p = pos;; --p) {
            if (p == 0) return 0;
            if (!space_at(t_, p) && space_before(t_, p) && ends_sentence(p)) return p;
            if (p == lo) return kNone;
        }
    }

private:
    size_t first_word_ending_after(size_t pos) const {
        auto it = std::upper_bound(w_.begin(), w_.end(), pos, [](size_t p, const Word& w) { return p < w.end; });
        return static_cast<size_t>(it - w_.begin());
    }

    // Does the whitespace before i follow the end of a sentence (or a line)?
    bool ends_sentence(size_t i) const {
        while (size_t n = space_before(t_, i)) {
            if (t_[i - 1] == '\n') return true;
            i -= n;
        }
        if (i == 0) return true;
        auto ends = [&](std::string_view s) { return i >= s.size() && t_.substr(i - s.size(), s.size()) == s; };
        for (bool closed = true; closed;) {  // look through closing quotes and brackets: `said.” Then`
            closed = false;
            for (std::string_view q : {"\"", "'", ")", "”", "’", "»"})
                if (ends(q)) i -= q.size(), closed = true;
        }
        if (ends(".")) return dot_ends_sentence(t_, i - 1);  // not "U.S." nor "Mr."
        return ends("!") || ends("?") || ends("…") || ends("。") || ends("！") || ends("？");
    }

    std::string_view t_;
    const std::vector<Word>& w_;
};

// The hits (indices into hits) of the densest window: most distinct terms,
// then most hits, the earliest on ties.
std::pair<size_t, size_t> densest(const std::vector<Word>& words, const std::vector<size_t>& hits,
                                  const std::vector<int>& marks, size_t terms, size_t length) {
    std::vector<int> count(terms, 0);
    size_t distinct = 0, j = 0;
    std::pair<size_t, size_t> best{0, 0}, best_score{0, 0};
    auto term = [&](size_t h) { return static_cast<size_t>(marks[hits[h]]); };
    for (size_t i = 0; i < hits.size(); ++i) {
        while (j < hits.size() && (j == i || words[hits[j]].end - words[hits[i]].begin <= length))
            if (count[term(j++)]++ == 0) ++distinct;
        std::pair<size_t, size_t> score{distinct, j - i};
        if (score > best_score) best_score = score, best = {i, j - 1};
        if (--count[term(i)] == 0) --distinct;
    }
    return best;
}

// --- Rendering --------------------------------------------------------------

// Appends bytes [a, b) of text with whitespace runs made single spaces.
void append_collapsed(std::string& out, std::string_view t, size_t a, size_t b) {
    for (size_t i = a; i < b;) {
        if (size_t n = space_at(t, i)) {
            if (out.empty() || out.back() != ' ') out += ' ';
            i += n;
        } else {
            out += t[i++];
        }
    }
}

bool only_spaces_or_hyphen(std::string_view t, size_t a, size_t b) {
    if (b == a + 1 && t[a] == '-') return true;
    for (size_t i = a; i < b; ++i)
        if (!space_at(t, i) && (byte(t, i) & 0xC0) != 0x80) return false;
    return true;
}

void add_text(std::vector<SnippetPart>& parts, std::string_view t, size_t a, size_t b) {
    if (a >= b) return;
    if (parts.empty() || parts.back().hit) parts.push_back({});
    append_collapsed(parts.back().text, t, a, b);
}

// The parts of [start, end): hit words (neighbours joined by a space or
// hyphen are one part: "Lady Gaga"), the rest plain, "…" where cut.
std::vector<SnippetPart> render(std::string_view t, const std::vector<Word>& words, const std::vector<int>& marks,
                                size_t start, size_t end) {
    std::vector<SnippetPart> parts;
    size_t pos = start;
    bool last_hit = false;
    for (size_t k = 0; k < words.size() && words[k].begin < end; ++k) {
        const Word& w = words[k];
        if (marks[k] < 0 || w.begin < start || w.end > end) continue;
        if (last_hit && only_spaces_or_hyphen(t, pos, w.begin)) {
            append_collapsed(parts.back().text, t, pos, w.end);
        } else {
            add_text(parts, t, pos, w.begin);
            parts.push_back({std::string(t.substr(w.begin, w.end - w.begin)), true});
        }
        pos = w.end;
        last_hit = true;
    }
    add_text(parts, t, pos, end);
    if (!blank(t, 0, start)) parts.insert(parts.begin(), {std::string(kEllipsis), false});
    if (!blank(t, end, t.size())) parts.push_back({std::string(kEllipsis), false});
    return parts;
}

}  // namespace

std::vector<SnippetPart> make_snippet(std::string_view text, const Highlight& highlight, size_t length) {
    if (text.empty()) return {};
    if (length == 0 || length > text.size()) length = text.size();
    Matcher matcher(highlight);
    std::vector<Word> words = split_words(text, matcher.key_starts());
    std::vector<int> marks = matcher.mark(text, words);
    std::vector<size_t> hits;
    for (size_t k = 0; k < words.size(); ++k)
        if (marks[k] >= 0) hits.push_back(k);
    Layout layout(text, words);

    size_t start = 0, last_hit_end = 0;
    if (!hits.empty()) {
        auto [first, last] = densest(words, hits, marks, matcher.terms(), length);
        size_t k = hits[first];
        while (k > 0 && !layout.starts_token(k) && words[hits[first]].begin - words[k - 1].begin <= kMaxGlue) --k;
        size_t head = layout.starts_token(k) ? layout.token_begin(k) : words[k].begin;
        last_hit_end = words[hits[last]].end;
        size_t span = last_hit_end - head;
        size_t slack = length > span ? length - span : 0;
        size_t sentence = layout.sentence_start(head);
        if (sentence != kNone && head - sentence <= slack)
            start = sentence;
        else
            start = layout.snap_start(head - std::min({slack / 2, kMaxLead, head}), head);
        // Near the end of the text, show more before instead of stopping short.
        if (start + length > text.size())
            start = std::min(start, layout.snap_start(text.size() > length ? text.size() - length : 0, start));
    }
    size_t end = layout.snap_end(start, start + length, last_hit_end, marks);
    while (size_t n = start < end ? space_at(text, start) : 0) start += n;
    while (size_t n = end > start ? space_before(text, end) : 0) end -= n;
    if (start >= end) return {};
    return render(text, words, marks, start, end);
}

}  // namespace news::searcher
