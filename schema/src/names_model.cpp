// How a name model is stored: "NEWSNER" and a version, the table's size,
// the decoder, whether it reads a document's history, its non-zero rows (each a varint gap from the previous row and kLabels
// little-endian int16), then the lexicon's tables (sorted by key), all
// compressed with zstd.
#include "names_model.hpp"

#include "news/error.hpp"

#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <map>

namespace news::ner {
namespace {

constexpr std::string_view kMagic = "NEWSNER\x03";  // 3: BILOU labels, a decoder

class Writer {
public:
    std::string bytes;
    void u8(unsigned v) { bytes += static_cast<char>(v & 0xFF); }
    void u16(unsigned v) { u8(v); u8(v >> 8); }
    void u32(std::uint32_t v) { for (int k = 0; k < 4; ++k) u8(v >> (8 * k)); }
    void u64(std::uint64_t v) { for (int k = 0; k < 8; ++k) u8(static_cast<unsigned>(v >> (8 * k))); }
    void varint(std::uint64_t v) {
        for (; v >= 0x80; v >>= 7) u8(static_cast<unsigned>(v | 0x80));
        u8(static_cast<unsigned>(v));
    }
};

class Reader {
public:
    explicit Reader(std::string_view b) : b_(b) {}
    std::uint64_t u(int n) {
        need(static_cast<size_t>(n));
        std::uint64_t v = 0;
        for (int k = 0; k < n; ++k) v |= std::uint64_t(static_cast<unsigned char>(b_[pos_++])) << (8 * k);
        return v;
    }
    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            std::uint64_t c = u(1);
            v |= (c & 0x7F) << shift;
            if (!(c & 0x80)) return v;
        }
        throw Error("name model: bad varint");
    }
    void need(size_t n) const {
        if (b_.size() - pos_ < n) throw Error("name model: truncated; rebuild it with scripts/train-ner");
    }
    bool done() const { return pos_ == b_.size(); }

private:
    std::string_view b_;
    size_t pos_ = 0;
};

template <class Map>
void write_map(Writer& w, const Map& map, int value_bytes) {
    std::map<Hash, std::uint64_t> sorted;  // a stable order: the same model, the same bytes
    map.for_each([&](Hash k, auto v) { sorted.emplace(k, v); });
    w.u32(static_cast<std::uint32_t>(sorted.size()));
    for (auto [k, v] : sorted) {
        w.u64(k);
        if (value_bytes == 1) w.u8(static_cast<unsigned>(v));
        else w.u16(static_cast<unsigned>(v));
    }
}

template <class Map>
void read_map(Reader& r, Map& map, int value_bytes) {
    auto n = r.u(4);
    map.reserve(n);
    for (std::uint64_t k = 0; k < n; ++k) {
        Hash key = r.u(8);
        map[key] = static_cast<std::remove_reference_t<decltype(map[key])>>(r.u(value_bytes));
    }
}

}  // namespace

std::string serialise(const Model& model, int min_weight) {
    Writer w;
    w.bytes += kMagic;
    w.u32(model.bits);
    w.u8(static_cast<unsigned>(model.decoder));
    w.u8(model.history ? 1 : 0);
    const size_t rows = size_t(1) << model.bits;
    std::uint64_t last = 0;
    for (size_t r = 0; r < rows; ++r) {
        const std::int16_t* row = model.weights.data() + r * kLabels;
        if (std::none_of(row, row + kLabels, [&](std::int16_t v) { return std::abs(v) >= min_weight; })) continue;
        w.varint(r + 1 - last);  // never 0: 0 ends the rows
        last = r + 1;
        for (int l = 0; l < kLabels; ++l) w.u16(static_cast<std::uint16_t>(row[l]));
    }
    w.varint(0);
    w.u32(static_cast<std::uint32_t>(model.lexicon.gazetteer_longest));
    write_map(w, model.lexicon.gazetteer, 1);
    write_map(w, model.lexicon.cases, 1);
    write_map(w, model.lexicon.clusters, 2);
    std::string out(ZSTD_compressBound(w.bytes.size()), '\0');
    size_t n = ZSTD_compress(out.data(), out.size(), w.bytes.data(), w.bytes.size(), 19);
    if (ZSTD_isError(n)) throw Error(std::string("name model: ") + ZSTD_getErrorName(n));
    out.resize(n);
    return out;
}

Model deserialise(std::string_view bytes) {
    unsigned long long size = ZSTD_getFrameContentSize(bytes.data(), bytes.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ull << 31))
        throw Error("name model: not a zstd frame; rebuild it with scripts/train-ner");
    std::string raw(size, '\0');
    size_t n = ZSTD_decompress(raw.data(), raw.size(), bytes.data(), bytes.size());
    if (ZSTD_isError(n) || n != size) throw Error("name model: corrupt; rebuild it with scripts/train-ner");
    if (raw.compare(0, kMagic.size(), kMagic) != 0) throw Error("name model: not a model of this version; rebuild it with scripts/train-ner");
    Reader r(std::string_view(raw).substr(kMagic.size()));
    Model m;
    m.bits = static_cast<unsigned>(r.u(4));
    if (m.bits < 8 || m.bits > 26) throw Error("name model: bad table size");
    const auto decoder = r.u(1);
    if (decoder > 1) throw Error("name model: unknown decoder; rebuild it with scripts/train-ner");
    m.decoder = static_cast<Decoder>(decoder);
    m.history = r.u(1) != 0;
    const size_t rows = size_t(1) << m.bits;
    m.weights.assign(rows * kLabels, 0);
    for (std::uint64_t row = 0, gap; (gap = r.varint()) != 0;) {
        row += gap;
        if (row > rows) throw Error("name model: row out of range");
        for (int l = 0; l < kLabels; ++l)
            m.weights[(row - 1) * kLabels + l] = static_cast<std::int16_t>(static_cast<std::uint16_t>(r.u(2)));
    }
    m.lexicon.gazetteer_longest = static_cast<int>(r.u(4));
    read_map(r, m.lexicon.gazetteer, 1);
    read_map(r, m.lexicon.cases, 1);
    read_map(r, m.lexicon.clusters, 2);
    if (!r.done()) throw Error("name model: trailing bytes");
    make_transitions(m.bits, m.weights.data(), m.transitions);
    return m;
}

}  // namespace news::ner
