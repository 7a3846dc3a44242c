// Stage 3 of the indexer (read → segment → analyse → write): turn one
// Article into its Xapian documents: the article (its own prose) and one
// document per embedded post, with every term, value and stored field the
// schema (schema/include/news/schema.hpp) defines.
#pragma once

#include "read.hpp"
#include "segment.hpp"

#include "news/entities.hpp"
#include "news/doc_codec.hpp"

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace news::indexer {

struct IndexDoc {
    std::string uid;  // the Q term
    Xapian::Document doc;
    bool post = false;
    bool dated = false;
};

// Words for spelling suggestions → how often they occur (the wdf summed).
using SpellingCounts = std::unordered_map<std::string, Xapian::termcount>;
// Adds a document's words to counts: unprefixed, unstemmed terms of two to
// 40 letters (no digits).
void count_spelling(const Xapian::Document& doc, SpellingCounts& counts);

// The document dictionary of a fresh build (news/stored.hpp): trained on
// the first DocCodec::kSamples articles under the paths, read once more for
// it (their text as it will be stored, without posts split off or entities
// found: near enough, and about 0.2 s on Reuters-21578 instead of analysing
// them twice); "" when the corpus is too small for one.
std::string train_dictionary(const std::vector<std::string>& paths);

class Analyser {
public:
    // Stored records are packed with this dictionary ("" for none) at this
    // zstd level (DocCodec).
    explicit Analyser(const Catalogue& catalogue, const std::string& dictionary = "",
                      int level = DocCodec::kPackLevel);
    // From now on, pack with this dictionary.
    void set_dictionary(const std::string& dictionary) { codec_ = DocCodec(dictionary, level_); }
    // The article first, then its posts in order.
    std::vector<IndexDoc> analyse(const Article& article);

private:
    IndexDoc article_doc(const Article& a, const Segmented& seg);
    IndexDoc post_doc(const Article& a, const Post& p, size_t n, const std::string& prose);
    void index_text(const std::string& text);
    void index_mention(const std::string& handle);
    std::vector<std::string> add_entities(Xapian::Document& doc, const std::string& text,
                                          const Article* json_codes, std::vector<const Entity*>& found,
                                          const std::string& context = {});
    void add_date(Xapian::Document& doc, const std::optional<Date>& date, const std::string& id);

    const Catalogue& catalogue_;
    Matcher matcher_;
    Xapian::TermGenerator tg_;
    int level_;
    DocCodec codec_;
};

}  // namespace news::indexer
