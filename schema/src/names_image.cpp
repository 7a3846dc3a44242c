// The image of a name model (names_model.hpp: image, view_image): a header,
// the 2^bits rows of kLabels int16 weights, then each lexicon table's slot
// keys and values as FlatMap holds them, every part 16-byte aligned, in the
// byte order of the machine that builds it (the build makes and uses it; the
// repository keeps only the compressed model).
#include "names_model.hpp"

#include "news/error.hpp"

#include <cstring>

namespace news::ner {
namespace {

constexpr char kMagic[8] = {'N', 'E', 'W', 'S', 'N', 'E', 'R', 'I'};
constexpr std::uint32_t kVersion = 2;  // 2: the decoder and history flags
constexpr std::uint32_t kByteOrder = 0x01020304;  // read back otherwise: another machine's image

struct MapPlace {
    std::uint64_t keys, values, capacity, size;
    std::uint32_t has_zero, zero;
};

struct Header {
    char magic[8];
    std::uint32_t version, byte_order, bits, labels;
    std::int32_t gazetteer_longest;
    std::uint8_t decoder, history, unused[2];
    std::uint64_t weights, total;
    MapPlace maps[3];  // gazetteer, cases, clusters
};

std::uint64_t append(std::string& out, const void* data, std::size_t bytes) {
    out.resize((out.size() + 15) & ~std::size_t(15), '\0');
    const std::uint64_t at = out.size();
    if (bytes) out.append(static_cast<const char*>(data), bytes);
    return at;
}

template <class V>
MapPlace put(std::string& out, const FlatMap<V>& map) {
    MapPlace p{};
    p.capacity = map.capacity();
    p.size = map.keys_not_zero();
    p.has_zero = map.has_zero();
    p.zero = map.zero_value();
    p.keys = append(out, map.slot_keys(), p.capacity * sizeof(std::uint64_t));
    p.values = append(out, map.slot_values(), p.capacity * sizeof(V));
    return p;
}

[[noreturn]] void bad(const char* what) {
    throw Error(std::string("name model image: ") + what + "; build again (cmake --build)");
}

// Whether [at, at + bytes) is inside an image of `size` bytes, 16-byte aligned.
bool inside(std::uint64_t at, std::uint64_t bytes, std::uint64_t size) {
    return at % 16 == 0 && at <= size && bytes <= size - at;
}

template <class V>
FlatMap<V> get(std::string_view image, const MapPlace& p) {
    if (p.capacity & (p.capacity - 1) || p.size * 2 > p.capacity || p.zero != static_cast<V>(p.zero) ||
        !inside(p.keys, p.capacity * sizeof(std::uint64_t), image.size()) ||
        !inside(p.values, p.capacity * sizeof(V), image.size()))
        bad("a lexicon table out of place");
    return FlatMap<V>::borrow(reinterpret_cast<const std::uint64_t*>(image.data() + p.keys),
                              reinterpret_cast<const V*>(image.data() + p.values), p.capacity, p.size,
                              p.has_zero != 0, static_cast<V>(p.zero));
}

}  // namespace

std::string image(const Model& model) {
    const std::size_t cells = (std::size_t(1) << model.bits) * kLabels;
    if (!model.in_place && model.weights.size() != cells) throw Error("name model: the table is not 2^bits rows");
    Header h{};
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    h.version = kVersion;
    h.byte_order = kByteOrder;
    h.bits = model.bits;
    h.labels = kLabels;
    h.gazetteer_longest = model.lexicon.gazetteer_longest;
    h.decoder = static_cast<std::uint8_t>(model.decoder);
    h.history = model.history ? 1 : 0;
    std::string out(sizeof h, '\0');
    h.weights = append(out, model.table(), cells * sizeof(std::int16_t));
    h.maps[0] = put(out, model.lexicon.gazetteer);
    h.maps[1] = put(out, model.lexicon.cases);
    h.maps[2] = put(out, model.lexicon.clusters);
    h.total = out.size();
    std::memcpy(out.data(), &h, sizeof h);
    return out;
}

Model view_image(std::string_view image) {
    if (image.empty()) throw Error("name model: none built in; make schema/ner.model with scripts/train-ner");
    Header h;
    if (image.size() < sizeof h || reinterpret_cast<std::uintptr_t>(image.data()) % 16 != 0) bad("truncated");
    std::memcpy(&h, image.data(), sizeof h);
    if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.version != kVersion) bad("not an image of this version");
    if (h.byte_order != kByteOrder) bad("made on a machine of another byte order");
    if (h.labels != static_cast<std::uint32_t>(kLabels)) bad("another label set");
    if (h.bits < 8 || h.bits > 26 || h.total != image.size()) bad("bad sizes");
    if (h.decoder > static_cast<std::uint8_t>(Decoder::viterbi)) bad("an unknown decoder");
    const std::size_t cells = (std::size_t(1) << h.bits) * kLabels;
    if (!inside(h.weights, cells * sizeof(std::int16_t), image.size())) bad("the table out of place");
    Model m;
    m.bits = h.bits;
    m.decoder = static_cast<Decoder>(h.decoder);
    m.history = h.history != 0;
    m.in_place = reinterpret_cast<const std::int16_t*>(image.data() + h.weights);
    make_transitions(m.bits, m.in_place, m.transitions);
    m.lexicon.gazetteer_longest = h.gazetteer_longest;
    m.lexicon.gazetteer = get<std::uint8_t>(image, h.maps[0]);
    m.lexicon.cases = get<std::uint8_t>(image, h.maps[1]);
    m.lexicon.clusters = get<std::uint16_t>(image, h.maps[2]);
    return m;
}

}  // namespace news::ner
