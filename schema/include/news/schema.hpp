// The index schema: the one place that says which term prefixes and value
// slots a news database holds and how each is encoded.  news-index writes
// exactly this, news-search reads exactly this; neither spells a prefix or a
// slot number anywhere else.
//
// Documents.  Every article is one document of type "article" (its own prose,
// without the posts it embeds), and every social-media post embedded in it is
// one document of type "post", linked to its article by XARTICLE.
//
// Prefixes follow Omega's conventions (docs/termprefixes.rst): single capitals
// are Omega's own (Q unique id, S title), ours start with X.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace news {

// How a field's terms are made and how the query parser treats `name:value`.
enum class FieldKind {
    FreeText,  // TermGenerator terms with the prefix; `name:words` is probabilistic
    Boolean,   // one exact term per value (prefix + value); `name:value` filters
    Special,   // boolean, but the searcher maps the value itself (aliases, @, dates)
};

struct Field {
    std::string_view name;    // what users type before the colon; "" = not in queries
    std::string_view prefix;  // term prefix in the database
    FieldKind kind;
    std::string_view doc;     // one line for --help and the README
};

// The field table.  Index order is the enum order of FieldId.
enum class FieldId {
    Id, Title, Type, Entity, Author, Mention, Hashtag, Article, Year, Month,
    Day, Undated, File, People, Place, Org, Topic, Exchange, Source, Platform, AuthorName,
    Person, Organisation, Location,
    Count_
};

inline constexpr std::array<Field, static_cast<size_t>(FieldId::Count_)> kFields{{
    {"id", "Q", FieldKind::Boolean, "unique document id: the article id, or <article>#<n> for its n-th post"},
    {"title", "S", FieldKind::FreeText, "words in the title"},
    {"type", "XTYPE", FieldKind::Boolean, "document type: article or post"},
    {"artist", "XE", FieldKind::Special, "an entity (artist, group, person, org) by any alias, any case"},
    {"author", "XAUTHOR", FieldKind::Special, "a post's author: handle or display name, e.g. author:@vdailyl"},
    {"mention", "XAT", FieldKind::FreeText, "an @handle mentioned in the text (typed as @handle)"},
    {"hashtag", "XHASH", FieldKind::FreeText, "a #hashtag in the text (typed as #hashtag)"},
    {"article", "XARTICLE", FieldKind::Special, "the article id (an article and all its posts)"},
    {"year", "XY", FieldKind::Boolean, "year of the document's date, e.g. year:2023"},
    {"month", "XM", FieldKind::Boolean, "month of the document's date as YYYY-MM, e.g. month:2023-06"},
    {"", "XD", FieldKind::Boolean, "day of the document's date as YYYYMMDD"},
    {"", "XUNDATED", FieldKind::Boolean, "documents without a date (the term is the bare prefix)"},
    {"file", "XFILE", FieldKind::Special, "the source file the document was read from (its path)"},
    {"people", "XPEOPLE", FieldKind::Boolean, "a JSON Lines `people` code"},
    {"place", "XPLACE", FieldKind::Boolean, "a JSON Lines `places` code"},
    {"org", "XORG", FieldKind::Boolean, "a JSON Lines `orgs` code"},
    {"topic", "XTOPIC", FieldKind::Boolean, "a JSON Lines `topics` code"},
    {"exchange", "XEXCH", FieldKind::Boolean, "a JSON Lines `exchanges` code"},
    {"source", "XSOURCE", FieldKind::Boolean, "the publication (JSON Lines `source`), lower case"},
    {"platform", "XPLATFORM", FieldKind::Boolean, "a post's platform: x (or twitter), instagram, tiktok, threads"},
    {"", "XNAME", FieldKind::FreeText, "the words of a post's author's display name (searched by author:)"},
    // Names of each kind, catalogued or found by the name tagger (doc/entities.md), keyed by name_key().
    {"person", "XNPER", FieldKind::Special, "a person named in the text (catalogued or found by the tagger), any case"},
    {"organisation", "XNORG", FieldKind::Special, "an organisation or group named in the text, any case"},
    {"location", "XNLOC", FieldKind::Special, "a place named in the text, any case"},
}};

constexpr const Field& field(FieldId id) { return kFields[static_cast<size_t>(id)]; }

// The fields that are facets of their own, counted by value over the match
// set (besides artist, year, month, type and platform), in the order shown.
// A facet has its field's name, so that each value reads as the filter that
// selects it (topic:crude).  A field listed here is a facet: news-index
// writes its values into Slot::FieldFacets (news/field_facets.hpp).
inline constexpr FieldId kFieldFacets[] = {FieldId::Topic, FieldId::Place,    FieldId::People,
                                           FieldId::Org,   FieldId::Exchange, FieldId::Source};

// prefix + value (ASCII lower-cased; a value too long for Xapian is cut and
// hashed): the one way every term of a prefixed field is spelled.
std::string term(FieldId id, std::string_view value);

// A post's author: the handle, with or without its "@", in any case
// (news-index and author:@handle spell it so).
std::string author_term(std::string_view handle);

// The key of a name (person:, organisation:, location: and the terms of
// those fields): entity_slug()'s, so "Tony Blair" and "tony blair" are one.
std::string name_key(std::string_view name);
// The fields of the three kinds of names, and the letter each kind has in
// Slot::Names ('p', 'o', 'l').
inline constexpr FieldId kNameFields[] = {FieldId::Person, FieldId::Organisation, FieldId::Location};
char name_kind_letter(FieldId id);

// Stems of free text carry this prefix (Xapian's TermGenerator and
// QueryParser give it them): "Zretriev".
inline constexpr char kStemPrefix = 'Z';
inline std::string stem_term(std::string_view stem) { return kStemPrefix + std::string(stem); }

// Value slots, with the encoding of each.
enum class Slot : Xapian::valueno {
    Date = 0,      // "YYYYMMDD" (8 ASCII digits, sorts as dates); absent when undated
    Type = 1,      // "a" (article) or "p" (post): type_value()
    Entities = 2,  // canonical names of the people and groups named, each followed by '\n' (artist facet)
    Digest = 3,    // content digest of the record an article came from (incremental updates): the
                   // 16 hex digits of news-index's digests as 8 bytes (digest_value())
    // 4: retired (schema 2's Oldest: "~" for undated, ascending oldest first;
    // news-search turns ascending Newest order round instead, query_run.cpp).
    Newest = 5,    // "YYYYMMDD" or "!" when undated, then the unique id: descending is newest first,
                   // undated last; also breaks ties in relevance order (newer first)
    Stored = 6,    // the stored record (news/stored.hpp), packed by news/doc_codec.hpp; not the document data, which
                   // Xapian compresses with zlib (a zstd frame in vain, at every write and
                   // compaction: 0.5 s of the 8 s Reuters-21578 build)
    Platform = 7,  // a post's platform (kPlatforms' name); articles have none (platform facet)
    FieldFacets = 8,  // the document's values of the fields of kFieldFacets, a line each
                      // (news/field_facets.hpp); absent when it has none
    Names = 9,     // the person, organisation and location names of a document, one a line:
                   // kind letter (name_kind_letter()), key (name_key()), '\t', the form written
                   // most often in the document, '\n' (person, organisation, location facets)
    // (Orders are values, not KeyMakers, because Xapian's remote backend runs
    // no KeyMaker; the id in them makes every order total, so a sharded index
    // lists documents exactly as one database does whatever its document ids.)
};
constexpr Xapian::valueno slot(Slot s) { return static_cast<Xapian::valueno>(s); }

// The key of a source file: its path made absolute (against the working
// folder) and lexically normal.
std::string path_key(const std::string& path);
// The XFILE term of a file, from its key: a 64-bit hash of the key rather
// than the key, which every document of a file would hold in its term list
// (Reuters-21578: 0.5 MB of the index).
std::string file_term(std::string_view key);

// Slot::Type's value of a document type (kTypeArticle, kTypePost), and back.
std::string type_value(std::string_view type);
std::string type_of_value(std::string_view value);

// Slot::Digest's value of a digest in hex, and back (anything else is kept as it is).
std::string digest_value(std::string_view hex);
std::string digest_hex(std::string_view value);

// The longest term term() makes: Xapian refuses terms over 245 bytes, so a
// longer one keeps its head and ends with '#' and a hash of the whole value.
inline constexpr size_t kMaxTermBytes = 240;

// 64-bit FNV-1a: the hash a long term value keeps (term()), news-index's
// digests of files and records, and the stored catalogue's (kMetaCatalogueEntries).
struct Fnv {
    uint64_t h = 1469598103934665603ULL;
    void add(std::string_view bytes) {
        for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ULL;
    }
    std::string hex() const;  // 16 hex digits
};
// The FNV-1a of bytes, as 16 hex digits.
std::string digest_of(std::string_view bytes);

// The value of Slot::Newest for a document ("" date: undated).
std::string newest_key(std::string_view date, std::string_view id);
// The id in a Slot::Newest value, as its Q term holds it (lower case).
std::string id_of_newest_key(std::string_view key);

// Document types.
inline constexpr std::string_view kTypeArticle = "article";
inline constexpr std::string_view kTypePost = "post";

// The platforms a post may come from (indexer/embeds.cpp recognises their
// embeds; doc/embeds.md): the name a post stores, its Slot::Platform value
// and XPLATFORM term, and another name a user may type after platform:
// (indexed as a term too, so that platform:twitter finds X's posts).
inline constexpr std::string_view kPlatformX = "x";  // X, formerly Twitter
inline constexpr std::string_view kPlatformInstagram = "instagram";
inline constexpr std::string_view kPlatformTiktok = "tiktok";
inline constexpr std::string_view kPlatformThreads = "threads";
struct Platform {
    std::string_view name;
    std::string_view alias;  // "" for none
};
inline constexpr Platform kPlatforms[] = {
    {kPlatformX, "twitter"}, {kPlatformInstagram, ""}, {kPlatformTiktok, ""}, {kPlatformThreads, ""}};

// Database metadata keys.
inline constexpr std::string_view kMetaSchemaVersion = "news:schema";  // kSchemaVersion
inline constexpr std::string_view kMetaCatalogue = "news:entities";    // catalogue text used at index time
// ...and each entity's line of it, each alias's entity, and the digest of
// the text those were written with (news/index_catalogue.hpp).
inline constexpr std::string_view kMetaEntity = "news:entity:";
inline constexpr std::string_view kMetaAlias = "news:alias:";
inline constexpr std::string_view kMetaCatalogueEntries = "news:catalogue-entries";
// The user's entries of the catalogue (news-index --entities FILE...): the
// files' text, each after a "# --entities FILE" line, kept so that a later
// run without --entities uses them again, and --stats names the files
// (indexer/run_catalogue.hpp).
inline constexpr std::string_view kMetaUserEntities = "news:user-entities";
// What the documents' entities were recognised with: kRecognitionRules, ':'
// and the digest of the catalogue's text, written by every run that writes
// (an update re-tags what another catalogue changes: indexer/retag.hpp), so
// that a run with another catalogue knows which it is to change from, and
// one with other rules re-tags every document.
inline constexpr std::string_view kMetaRecognition = "news:recognition";
// The matcher's rules (schema/src/matcher.cpp): one more when they change
// what is recognised.  2: rule 7 (a solo artist's one-word name inside a
// longer name); 3: rule 8 (names in lower-case writing); 4: rule 9
// (capitals and codes), joined forms need company, "Madonna of the Pinks".
inline constexpr std::string_view kRecognitionRules = "4";
// news-index's record of each file it indexed (indexer/file_ledger.hpp):
// "news:file:<key>" (a key over 200 bytes: "news:file:#<digest of the key>").
inline constexpr std::string_view kMetaFile = "news:file:";
// The files that hold an article with an id another file has too
// (indexer/duplicates.hpp): "news:claim:<Q term>" = their XFILE terms, one a line.
inline constexpr std::string_view kMetaClaim = "news:claim:";
// The line of each JSON Lines record (news/record_lines.hpp):
// "news:lines:<file>:<chunk>" = kLinesPerChunk line numbers.
inline constexpr std::string_view kMetaLines = "news:lines:";
inline constexpr std::string_view kMetaDocDict = "news:docdict";       // zstd dictionary of the document data
                                                                       // (news/doc_codec.hpp), if any
// The same dictionary as a file beside each database's tables, written by
// news-index when it compacts a fresh build: news-search maps it instead of
// reading the metadata (DocCodec::map_dictionary()), which the metadata stays
// the original of (an index without the file, or with a file that does not
// match, is read from the metadata).
inline constexpr std::string_view kDocDictFile = "news-docdict";
// A first build's placeholder: the empty database a first build puts at
// the index's path (and locks) while it builds beside it, holding the shard
// count asked for, in decimal (news/first_build.hpp).
inline constexpr std::string_view kMetaBuilding = "news:building";
// The time of the last run that wrote the index, "YYYY-MM-DDTHH:MM:SSZ"
// (--stats; an index of an older news-index has none).
inline constexpr std::string_view kMetaUpdated = "news:updated";
// (An index that an earlier news-index of this schema wrote may also hold
// "news:catalogue-files", the --entities files of its last run: read by
// nothing now, which kMetaUserEntities names.)
// 2: Slot::Oldest and Slot::Newest; 3: XARTICLE on posts only (an article's
// id is its Q term), document data packed (kMetaDocDict), XFILE terms
// hashed (file_term()), Slot::Digest in 8 bytes, Slot::Type in one, no
// Oldest slot, the stored record in Slot::Stored; 4: posts of every platform
// (Instagram, TikTok, Threads embeds), each with its XPLATFORM terms,
// Slot::Platform and stored "platform"; pic.x.com/... links leave no words;
// 5: a JSON Lines record is known by its id and its bytes, not its line
// (Slot::Digest without the line number), and its line is in its file's
// table (kMetaLines; the document data says where in it:
// news/record_lines.hpp).
// 6: text analysed anew (news/text.hpp: letters folded by utf8proc,
// abbreviations as words, "U.S." apart from "us"), joined forms of
// hyphenated aliases ("JHope"), a post's author's display name in XNAME.
// 7: the values of the fields that are facets (topic, place, people, org,
// exchange, source) in Slot::FieldFacets.
// and the user's catalogue entries kept (kMetaUserEntities), an article's
// JSON Lines people and orgs codes in its stored record (re-tagging).
// and names of people, organisations and places (the catalogue's and the
// name tagger's) as XNPER, XNORG, XNLOC terms and in Slot::Names.
// 8: names by the retrained tagger (bench/ner.md), a paragraph at a time,
// without titles, dates and works' titles (indexer/name_clean.hpp): a
// re-tag does not redo names, so an older index is rebuilt.
// 9: a headline in capitals gives only the names its story has, a table of
// figures none, a company's short name is the company (indexer/names.hpp).
inline constexpr std::string_view kSchemaVersion = "9";
// What both tools say of an index of another schema (`where` names it;
// `found` is its kMetaSchemaVersion): made by another version of
// news-index, run news-index --rebuild.
std::string schema_mismatch(std::string_view where, std::string_view found);

// Where both tools look for the database: --db, else $NEWS_DB, else this
// (relative to the working directory, so the repository root's default is
// ./news.db).
inline constexpr std::string_view kDefaultDb = "news.db";
inline constexpr std::string_view kDbEnv = "NEWS_DB";
std::string default_db_path();

// Stemming language of all free text.
inline constexpr std::string_view kStemLanguage = "english";

}  // namespace news
