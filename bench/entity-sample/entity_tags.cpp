// entity-tags DB: every tag the catalogue's matcher gives the documents of
// an index, one JSON line each: the document, the entity, the words matched
// and the sentence around them (JSON Lines codes, which are tags too, are
// not the matcher's and are left out).  sample.py draws the sample to judge.
#include "news/doc_codec.hpp"
#include "news/entities.hpp"
#include "news/index_catalogue.hpp"
#include "news/schema.hpp"
#include "news/stored.hpp"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <iostream>

namespace {

// The sentence (or line) of text around [begin, end).
std::string sentence(const std::string& text, size_t begin, size_t end) {
    size_t from = begin, to = end;
    while (from > 0 && text[from - 1] != '\n' && !(from >= 2 && text[from - 2] == '.' && text[from - 1] == ' ')) --from;
    while (to < text.size() && text[to] != '\n' && !(text[to] == '.' && (to + 1 == text.size() || text[to + 1] == ' ')))
        ++to;
    return text.substr(from, std::min(to + 1, text.size()) - from);
}

void print_tags(const std::string& db_path, const std::string& corpus) {
    Xapian::Database db(db_path);
    news::IndexCatalogue stored(db, db_path);
    const news::Catalogue& catalogue = stored.whole();
    const news::Matcher matcher(catalogue);
    news::DocCodec codec(db.get_metadata(std::string(news::kMetaDocDict)));
    std::string context_of, context;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        news::StoredDoc s = codec.unpack(news::stored_record(db.get_document(*p)));
        const bool post = s.type == news::kTypePost;
        if (!post) context_of = s.id, context = s.title + "\n\n" + s.text + "\n\n";
        const std::string before = post && context_of == s.article ? context : std::string();
        const std::string text = before + (post ? s.text : s.title + "\n\n" + s.text);
        std::vector<std::string> seen;
        for (const news::Mention& m : matcher.find(text)) {
            if (m.begin < before.size()) continue;
            if (std::find(seen.begin(), seen.end(), m.entity->name) != seen.end()) continue;  // a tag is its first mention
            seen.push_back(m.entity->name);
            nlohmann::json j = {{"corpus", corpus}, {"id", s.id}, {"type", s.type}, {"entity", m.entity->name},
                                {"kind", m.entity->kind}, {"matched", text.substr(m.begin, m.end - m.begin)},
                                {"sentence", sentence(text, m.begin, m.end)}};
            std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: entity-tags DB CORPUS-NAME\n";
        return 2;
    }
    try {
        print_tags(argv[1], argv[2]);
    } catch (const std::exception& e) {
        std::cerr << "entity-tags: " << e.what() << '\n';
        return 1;
    } catch (const Xapian::Error& e) {
        std::cerr << "entity-tags: " << e.get_description() << '\n';
        return 1;
    }
    return 0;
}
