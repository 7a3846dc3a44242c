#include "news/stored.hpp"

#include "news/error.hpp"
#include "news/schema.hpp"
#include "news/text.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>
#include <utility>

namespace news {

const StoredField* stored_field(std::string_view key) {
    for (const StoredField& f : kStoredFields)
        if (f.key == key) return &f;
    return nullptr;
}

std::string encode(const StoredDoc& d) {
    nlohmann::json j = nlohmann::json::object();
    for (const StoredField& f : kStoredFields) {
        const std::string key(f.key);
        switch (f.kind) {
            case StoredField::Kind::Text:
                if (f.always || !(d.*f.text).empty()) j[key] = d.*f.text;
                break;
            case StoredField::Kind::Date:
                j[key] = (d.*f.date) ? nlohmann::json(*(d.*f.date)) : nlohmann::json(nullptr);
                break;
            case StoredField::Kind::List:
                if (f.always || !(d.*f.list).empty()) j[key] = d.*f.list;
                break;
        }
    }
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string stored_record(const Xapian::Document& doc) {
    std::string v = doc.get_value(slot(Slot::Stored));
    return v.empty() ? doc.get_data() : v;
}

namespace {

// A record as encode() writes it, read without building a JSON tree: an
// object of strings, nulls and arrays of strings, with the escapes
// nlohmann::json writes.  Anything else (a number, a surrogate escape, a
// damaged record...) gives nullopt, and the record is read by
// nlohmann::json instead: the same document either way (unit.test_stored
// compares the two on every record one byte short or changed).  A fifth
// of the time nlohmann::json takes to build a tree (3.6 against 18 us for a
// Reuters article).
class PlainRecord {
public:
    explicit PlainRecord(std::string_view s) : s_(s) {}

    std::optional<StoredDoc> read() {
        StoredDoc d;
        ws();
        if (!eat('{')) return std::nullopt;
        ws();
        if (eat('}')) return end() ? std::optional<StoredDoc>(std::move(d)) : std::nullopt;
        for (;;) {
            std::string key;
            ws();
            if (!string(key)) return std::nullopt;
            ws();
            if (!eat(':')) return std::nullopt;
            ws();
            if (!value(stored_field(key), d)) return std::nullopt;  // (a key twice: the last value counts)
            ws();
            if (eat(',')) continue;
            if (eat('}')) break;
            return std::nullopt;
        }
        return end() ? std::optional<StoredDoc>(std::move(d)) : std::nullopt;
    }

private:
    using Kind = StoredField::Kind;

    // A field as a value of another type leaves it (null, an array for a
    // string, a string for the entities): as decode_stored_json() reads it,
    // also when the key came before with a value of the right type.
    static void clear(const StoredField* f, StoredDoc& d) {
        if (!f) return;
        switch (f->kind) {
            case Kind::Text: (d.*f->text).clear(); break;
            case Kind::Date: (d.*f->date).reset(); break;
            case Kind::List: (d.*f->list).clear(); break;
        }
    }

    // One value of field f (nullptr: a key decode_stored() ignores).
    bool value(const StoredField* f, StoredDoc& d) {
        if (at_ < s_.size() && s_[at_] == '"') {
            std::string v;
            if (!string(v)) return false;
            if (f && f->kind == Kind::Text) d.*f->text = std::move(v);
            else if (f && f->kind == Kind::Date) d.*f->date = std::move(v);
            else clear(f, d);
            return true;
        }
        if (s_.compare(at_, 4, "null") == 0) {
            at_ += 4;
            clear(f, d);
            return true;
        }
        if (!eat('[')) return false;
        std::vector<std::string> items;
        ws();
        if (!eat(']')) {
            for (;;) {
                ws();
                std::string v;
                if (!string(v)) return false;
                items.push_back(std::move(v));
                ws();
                if (eat(',')) continue;
                if (eat(']')) break;
                return false;
            }
        }
        if (f && f->kind == Kind::List) d.*f->list = std::move(items);
        else clear(f, d);
        return true;
    }

    bool string(std::string& out) {
        if (!eat('"')) return false;
        for (;;) {
            // To the next quote or backslash: no raw control character on
            // the way, and well-formed UTF-8, as nlohmann::json requires.
            size_t stop = at_;
            bool ascii = true;
            for (; stop < s_.size(); ++stop) {
                const auto c = static_cast<unsigned char>(s_[stop]);
                if (c == '"' || c == '\\') break;
                if (c < 0x20) return false;
                ascii &= c < 0x80;
            }
            if (stop == s_.size()) return false;
            if (!ascii && !is_valid_utf8(s_.substr(at_, stop - at_))) return false;
            out.append(s_, at_, stop - at_);
            at_ = stop + 1;
            if (s_[stop] == '"') return true;
            if (at_ >= s_.size()) return false;
            const char e = s_[at_++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    if (at_ + 4 > s_.size()) return false;
                    unsigned cp = 0;
                    for (int i = 0; i < 4; ++i) {
                        const char h = s_[at_++];
                        cp <<= 4;
                        if (h >= '0' && h <= '9') cp |= static_cast<unsigned>(h - '0');
                        else if (h >= 'a' && h <= 'f') cp |= static_cast<unsigned>(h - 'a' + 10);
                        else if (h >= 'A' && h <= 'F') cp |= static_cast<unsigned>(h - 'A' + 10);
                        else return false;
                    }
                    if (cp >= 0xD800 && cp <= 0xDFFF) return false;  // surrogates: left to nlohmann::json
                    if (cp < 0x80) {
                        out += static_cast<char>(cp);
                    } else if (cp < 0x800) {
                        out += static_cast<char>(0xC0 | (cp >> 6));
                        out += static_cast<char>(0x80 | (cp & 0x3F));
                    } else {
                        out += static_cast<char>(0xE0 | (cp >> 12));
                        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                        out += static_cast<char>(0x80 | (cp & 0x3F));
                    }
                    break;
                }
                default: return false;
            }
        }
    }

    void ws() {
        while (at_ < s_.size() && (s_[at_] == ' ' || s_[at_] == '\t' || s_[at_] == '\n' || s_[at_] == '\r')) ++at_;
    }
    bool eat(char c) {
        if (at_ < s_.size() && s_[at_] == c) {
            ++at_;
            return true;
        }
        return false;
    }
    bool end() {
        ws();
        return at_ == s_.size();
    }

    std::string_view s_;
    size_t at_ = 0;
};

}  // namespace

StoredDoc decode_stored(const std::string& data) {
    if (std::optional<StoredDoc> plain = PlainRecord(data).read()) return std::move(*plain);
    return decode_stored_json(data);
}

StoredDoc decode_stored_json(const std::string& data) {
    nlohmann::json j = nlohmann::json::parse(data, nullptr, false);
    if (!j.is_object()) throw Error("document data is not a news-index record; rebuild with news-index --rebuild");
    StoredDoc d;
    for (const StoredField& f : kStoredFields) {
        auto v = j.find(std::string(f.key));
        if (v == j.end()) continue;
        switch (f.kind) {
            case StoredField::Kind::Text:
                if (v->is_string()) d.*f.text = v->get<std::string>();
                break;
            case StoredField::Kind::Date:
                if (v->is_string()) d.*f.date = v->get<std::string>();
                break;
            case StoredField::Kind::List:
                if (v->is_array())
                    for (const auto& e : *v)
                        if (e.is_string()) (d.*f.list).push_back(e.get<std::string>());
                break;
        }
    }
    return d;
}

}  // namespace news
