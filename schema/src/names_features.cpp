// The name tagger's features: see names_features.hpp.
#include "names_features.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <utility>

namespace news::ner {
namespace {

constexpr std::array<std::string_view, kLabels> kLabelNames = {
    "O",     "B-PER", "I-PER", "L-PER",  "U-PER",  "B-ORG",  "I-ORG",  "L-ORG",  "U-ORG",
    "B-LOC", "I-LOC", "L-LOC", "U-LOC",  "B-MISC", "I-MISC", "L-MISC", "U-MISC"};
constexpr std::array<std::string_view, kTypes> kTypeNames = {"PER", "ORG", "LOC", "MISC"};

bool upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool digit(unsigned char c) { return c >= '0' && c <= '9'; }

// "Blair" → "Xx", "U.S." → "X.X.", "1996-08-22" → "d-d-d": each run of a
// kind of character once (bytes of other scripts count as lower case), at
// most 12; its hash (no string made: this is per token).
Hash short_shape_hash(std::string_view word) {
    char shape[12];
    size_t n = 0;
    for (unsigned char c : word) {
        if (c >= 0x80 && c < 0xC0) continue;  // a UTF-8 continuation byte
        char k = upper(c) ? 'X' : lower(c) || c >= 0x80 ? 'x' : digit(c) ? 'd' : static_cast<char>(c);
        if (n == 0 || shape[n - 1] != k) shape[n++] = k;
        if (n == sizeof shape) break;
    }
    return hash_bytes(std::string_view(shape, n));
}

// A title before a person's name: no part of it in CoNLL's names, and too
// rare in train.txt (17 times) for the tagger to learn so.
bool is_title(std::string_view w) {
    static constexpr std::string_view kTitles[] = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr."};
    if (w.size() < 2 || w.size() > 4 || (w[0] != 'M' && w[0] != 'D')) return false;  // most words, at once
    return std::find(std::begin(kTitles), std::end(kTitles), w) != std::end(kTitles);
}

// A lower-case word found inside names of train.txt (twice or more; with
// the particles of European surnames): the only lower-case words that may
// continue a name (never_inside).
bool is_joiner(std::string_view w) {
    static constexpr std::string_view kJoiners[] = {"of", "and", "for", "the", "in", "on", "de", "van", "der", "den",
                                                    "da", "la", "le", "du", "von", "del", "della", "di", "dos", "das",
                                                    "do", "el", "et", "al", "y", "bin", "ibn", "zu", "ter", "ten", "des"};
    if (w.size() > 5) return false;
    return std::find(std::begin(kJoiners), std::end(kJoiners), w) != std::end(kJoiners);
}

// Feature templates: the first argument of bucket().
enum Template : Hash {
    kBias = 1, kWord, kLower, kShape, kPrefix, kSuffix = kPrefix + 4, kLowerPrev = kSuffix + 4, kLowerNext,
    kLowerPrev2, kLowerNext2, kShapePrev, kShapeNext, kShapePair, kShapePairNext, kBigramPrev, kBigramNext,
    kFirst, kHeadShape, kHeadLower, kGaz, kGazPrev, kGazNext, kGazShape, kCase, kCasePrev, kCaseNext,
    kCluster, kClusterPrev, kClusterNext, kClusterShape, kCoarse, kCoarsePrev, kCoarseNext,
    kHistory, kHistoryShape, kNews, kNewsShape, kNewsPrev, kNewsNext,
    kTagPrev = 60, kTagPair, kTagLower, kTagShape,
};

inline std::uint32_t bucket(Hash templ, Hash value, unsigned bits) {
    return static_cast<std::uint32_t>(mix(templ * 0x100000001b3ULL, value) >> (64 - bits));
}

const Hash kStart = hash_bytes("<S>");
const Hash kEnd = hash_bytes("</S>");

}  // namespace

std::string_view label_name(int label) { return kLabelNames.at(static_cast<size_t>(label)); }

std::string_view bio_name(int label) {
    if (label <= 0) return "O";
    const int part = label_part(label);
    return label_name(make_label(label_type(label), part == kPartBegin || part == kPartUnit ? kPartBegin : kPartInside));
}

bool labels_of_bio(const std::vector<std::string>& tags, std::vector<int>& out) {
    // Each tag as (kind, type): kind 0 O, 1 B, 2 I; type -1 for O.
    std::vector<std::pair<int, int>> read;
    for (const auto& t : tags) {
        if (t == "O") {
            read.emplace_back(0, -1);
            continue;
        }
        if (t.size() < 3 || t[1] != '-' || (t[0] != 'B' && t[0] != 'I')) return false;
        auto it = std::find(kTypeNames.begin(), kTypeNames.end(), std::string_view(t).substr(2));
        if (it == kTypeNames.end()) return false;
        read.emplace_back(t[0] == 'B' ? 1 : 2, static_cast<int>(it - kTypeNames.begin()));
    }
    out.assign(tags.size(), 0);
    for (size_t i = 0; i < read.size(); ++i) {
        const auto [kind, type] = read[i];
        if (kind == 0) continue;
        const bool starts = kind == 1 || i == 0 || read[i - 1].second != type;
        const bool ends = i + 1 == read.size() || read[i + 1].first != 2 || read[i + 1].second != type;
        const int part = starts ? (ends ? kPartUnit : kPartBegin) : (ends ? kPartLast : kPartInside);
        out[i] = make_label(type, part);
    }
    return true;
}

Hash hash_bytes(std::string_view s, Hash seed) {
    Hash h = seed ^ (s.size() * 0x9ddfea08eb382d69ULL);
    for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
    return mix(h, 0x51ed270b27a1c3f5ULL);
}

std::string ascii_lower(std::string_view word) {
    std::string out(word);
    for (char& c : out)
        if (upper(static_cast<unsigned char>(c))) c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool all_capitals(std::string_view word) {
    int letters = 0;
    for (unsigned char c : word) {
        if (lower(c)) return false;
        letters += upper(c);
    }
    return letters >= 2;
}

template <class S>
bool headline_of(const std::vector<S>& tokens) {
    int caps = 0, others = 0;
    for (const auto& t : tokens) {
        if (all_capitals(t)) ++caps;
        else if (std::any_of(t.begin(), t.end(), [](char c) { return lower(static_cast<unsigned char>(c)); }))
            ++others;
    }
    return caps >= 2 && others * 4 <= caps;
}

bool is_headline(const std::vector<std::string_view>& tokens) { return headline_of(tokens); }
bool is_headline(const std::vector<std::string>& tokens) { return headline_of(tokens); }

void read_sentence(const std::vector<std::string>& tokens, const Lexicon& lexicon, SentenceInfo& out) {
    read_sentence(std::vector<std::string_view>(tokens.begin(), tokens.end()), lexicon, out);
}

void read_sentence(const std::vector<std::string_view>& tokens, const Lexicon& lexicon, SentenceInfo& out,
                   const std::vector<bool>& force_outside) {
    out.tokens.assign(tokens.size(), TokenInfo{});
    out.headline = is_headline(tokens);
    char buffer[64];  // a token's lower-case form (its first 64 bytes: longer ones are hashed in place)
    for (size_t i = 0; i < tokens.size(); ++i) {
        const std::string_view w = tokens[i];
        TokenInfo& t = out.tokens[i];
        std::string_view lw = w;
        bool has_upper = std::any_of(w.begin(), w.end(), [](char c) { return upper(static_cast<unsigned char>(c)); });
        std::string long_lower;
        if (has_upper) {
            char* to = buffer;
            if (w.size() > sizeof buffer) long_lower.resize(w.size()), to = long_lower.data();
            for (size_t k = 0; k < w.size(); ++k) {
                auto c = static_cast<unsigned char>(w[k]);
                to[k] = static_cast<char>(upper(c) ? c - 'A' + 'a' : c);
            }
            lw = std::string_view(to, w.size());
        }
        t.word = hash_bytes(w);
        t.lower = has_upper ? hash_bytes(lw) : t.word;
        t.shape = short_shape_hash(w);
        const size_t affix = std::min<size_t>(4, lw.size());
        t.affix_length = static_cast<std::uint8_t>(affix);
        std::copy_n(lw.data(), affix, t.head);
        std::copy_n(lw.data() + lw.size() - affix, affix, t.tail);
        t.capitalised = !w.empty() && upper(static_cast<unsigned char>(w[0]));
        t.lower_word = !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return lower(static_cast<unsigned char>(c)); });
        t.no_letter = !w.empty() && std::none_of(w.begin(), w.end(), [](char c) {
            auto u = static_cast<unsigned char>(c);
            return upper(u) || lower(u) || u >= 0x80;
        });
        t.force_outside = (i < force_outside.size() && force_outside[i]) || is_title(w);
        t.joiner = t.lower_word && is_joiner(w);
        if (const auto* c = lexicon.cases.find(t.lower)) t.case_class = *c;
        if (const auto* c = lexicon.clusters.find(t.lower)) t.cluster = *c;
    }
    // Names of the gazetteer: each match marks its tokens (B at its first).
    const int longest = lexicon.gazetteer_longest;
    for (size_t i = 0; i < tokens.size() && longest > 0; ++i) {
        const TokenInfo& first = out.tokens[i];
        if (tokens[i].empty() || !(first.capitalised || digit(static_cast<unsigned char>(tokens[i][0])))) continue;
        Hash key = 0;
        for (size_t n = 1; n <= static_cast<size_t>(longest) && i + n <= tokens.size(); ++n) {
            key = seq_hash(key, out.tokens[i + n - 1].lower);
            const std::uint8_t* types = lexicon.gazetteer.find(key);
            if (!types) continue;
            for (int type = 0; type < kTypes; ++type) {
                for (auto [bit, field] : {std::pair{type, &TokenInfo::gazetteer}, std::pair{kNewsBit + type, &TokenInfo::news}}) {
                    if (!(*types & (1u << bit))) continue;
                    out.tokens[i].*field |= static_cast<std::uint8_t>(1u << (2 * type));
                    for (size_t j = i + 1; j < i + n; ++j) out.tokens[j].*field |= static_cast<std::uint8_t>(1u << (2 * type + 1));
                }
            }
        }
    }
}

size_t static_features(const SentenceInfo& s, size_t i, unsigned bits, std::uint32_t* out) {
    const auto& tk = s.tokens;
    const TokenInfo& t = tk[i];
    auto lower_at = [&](long k) { return k < 0 ? kStart : k >= static_cast<long>(tk.size()) ? kEnd : tk[static_cast<size_t>(k)].lower; };
    auto shape_at = [&](long k) { return k < 0 ? kStart : k >= static_cast<long>(tk.size()) ? kEnd : tk[static_cast<size_t>(k)].shape; };
    auto at = [&](long k) -> const TokenInfo* { return k < 0 || k >= static_cast<long>(tk.size()) ? nullptr : &tk[static_cast<size_t>(k)]; };
    const long j = static_cast<long>(i);
    std::uint32_t* const begin = out;
    auto add = [&](Hash templ, Hash value) { *out++ = bucket(templ, value, bits); };
    add(kBias, 0);
    add(kWord, t.word);
    add(kLower, t.lower);
    add(kShape, t.shape);
    for (size_t k = 0; k < 4; ++k) {
        const size_t n = std::min<size_t>(k + 1, t.affix_length);
        add(kPrefix + k, hash_bytes(std::string_view(t.head, n)));
        add(kSuffix + k, hash_bytes(std::string_view(t.tail + t.affix_length - n, n)));
    }
    add(kLowerPrev, lower_at(j - 1));
    add(kLowerNext, lower_at(j + 1));
    add(kLowerPrev2, lower_at(j - 2));
    add(kLowerNext2, lower_at(j + 2));
    add(kShapePrev, shape_at(j - 1));
    add(kShapeNext, shape_at(j + 1));
    add(kShapePair, mix(shape_at(j - 1), t.shape));
    add(kShapePairNext, mix(t.shape, shape_at(j + 1)));
    add(kBigramPrev, mix(lower_at(j - 1), t.lower));
    add(kBigramNext, mix(t.lower, lower_at(j + 1)));
    if (i == 0) add(kFirst, t.shape);
    if (s.headline) {
        add(kHeadShape, t.shape);
        add(kHeadLower, t.lower);
    }
    if (t.gazetteer) {
        add(kGaz, t.gazetteer);
        add(kGazShape, mix(t.gazetteer, t.shape));
    }
    if (const TokenInfo* p = at(j - 1); p && p->gazetteer) add(kGazPrev, p->gazetteer);
    if (const TokenInfo* n = at(j + 1); n && n->gazetteer) add(kGazNext, n->gazetteer);
    if (t.news) {
        add(kNews, t.news);
        add(kNewsShape, mix(t.news, t.shape));
    }
    if (const TokenInfo* p = at(j - 1); p && p->news) add(kNewsPrev, p->news);
    if (const TokenInfo* n = at(j + 1); n && n->news) add(kNewsNext, n->news);
    add(kCase, mix(t.case_class, t.shape));
    if (const TokenInfo* p = at(j - 1)) add(kCasePrev, mix(p->case_class, p->shape));
    if (const TokenInfo* n = at(j + 1)) add(kCaseNext, mix(n->case_class, n->shape));
    if (t.history) {
        add(kHistory, t.history);
        add(kHistoryShape, mix(t.history, t.shape));
    }
    // Clusters: 0 when the word has none (a feature of its own).
    auto fine = [](const TokenInfo* x) -> Hash { return x && x->cluster ? (x->cluster - 1) / kCoarseClusters + 1 : 0; };
    auto coarse = [](const TokenInfo* x) -> Hash { return x && x->cluster ? (x->cluster - 1) % kCoarseClusters + 1 : 0; };
    add(kCluster, fine(&t));
    add(kCoarse, coarse(&t));
    add(kClusterShape, mix(fine(&t), t.shape));
    add(kClusterPrev, fine(at(j - 1)));
    add(kClusterNext, fine(at(j + 1)));
    add(kCoarsePrev, coarse(at(j - 1)));
    add(kCoarseNext, coarse(at(j + 1)));
    return static_cast<size_t>(out - begin);
}

void tag_features(const SentenceInfo& s, size_t i, int prev2, int prev, unsigned bits, std::uint32_t* out) {
    const TokenInfo& t = s.tokens[i];
    const Hash p = static_cast<Hash>(prev + 1), p2 = static_cast<Hash>(prev2 + 1);
    out[0] = transition_feature(prev, bits);
    out[1] = bucket(kTagPair, p2 * 32 + p, bits);
    out[2] = bucket(kTagLower, mix(p, t.lower), bits);
    out[3] = bucket(kTagShape, mix(p, t.shape), bits);
}

void History::mark(SentenceInfo& s) const {
    if (counts_.empty()) return;
    for (TokenInfo& t : s.tokens) {
        if (!t.capitalised) continue;
        const auto* c = counts_.find(t.lower);
        if (!c) continue;
        t.history = static_cast<std::uint8_t>(1 + (std::max_element(c->begin(), c->end()) - c->begin()));
    }
}

void History::add(const SentenceInfo& s, const std::vector<int>& labels) {
    for (size_t i = 0; i < s.tokens.size() && i < labels.size(); ++i) {
        if (!s.tokens[i].capitalised) continue;
        auto& c = counts_[s.tokens[i].lower];
        auto& n = c[static_cast<size_t>(labels[i] > 0 ? label_type(labels[i]) : kTypes)];
        if (n < 255) ++n;
    }
}

std::uint32_t transition_feature(int prev, unsigned bits) { return bucket(kTagPrev, static_cast<Hash>(prev + 1), bits); }

}  // namespace news::ner
