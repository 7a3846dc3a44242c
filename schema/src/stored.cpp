#include "news/stored.hpp"

#include "news/error.hpp"

#include <nlohmann/json.hpp>

namespace news {

std::string encode(const StoredDoc& d) {
    nlohmann::json j{{"id", d.id},           {"type", d.type},       {"title", d.title},
                     {"source", d.source},   {"article", d.article}, {"entities", d.entities},
                     {"text", d.text}};
    j["date"] = d.date ? nlohmann::json(*d.date) : nlohmann::json(nullptr);
    if (!d.author.empty()) j["author"] = d.author;
    if (!d.author_name.empty()) j["author_name"] = d.author_name;
    if (!d.publication.empty()) j["publication"] = d.publication;
    if (!d.url.empty()) j["url"] = d.url;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

StoredDoc decode_stored(const std::string& data) {
    nlohmann::json j = nlohmann::json::parse(data, nullptr, false);
    if (!j.is_object()) throw Error("document data is not a news-index record; rebuild with news-index --rebuild");
    StoredDoc d;
    auto str = [&](const char* key) { return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string(); };
    d.id = str("id");
    d.type = str("type");
    d.title = str("title");
    if (j.contains("date") && j["date"].is_string()) d.date = j["date"].get<std::string>();
    d.source = str("source");
    d.article = str("article");
    d.author = str("author");
    d.author_name = str("author_name");
    d.publication = str("publication");
    d.url = str("url");
    if (j.contains("entities") && j["entities"].is_array())
        for (const auto& e : j["entities"])
            if (e.is_string()) d.entities.push_back(e.get<std::string>());
    d.text = str("text");
    return d;
}

}  // namespace news
