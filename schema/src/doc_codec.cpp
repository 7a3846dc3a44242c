#include "news/doc_codec.hpp"

#include "news/error.hpp"
#include "news/schema.hpp"

#define ZDICT_STATIC_LINKING_ONLY  // ZDICT_trainFromBuffer_fastCover (exported by the shared library too)
#include <zdict.h>
#define ZSTD_STATIC_LINKING_ONLY  // ZSTD_createDDict_byReference() (libzstd is linked statically)
#include <zstd.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <new>
#include <utility>

namespace news {
namespace {

// Dictionary size, measured on Reuters-21578's records (2,000 samples, level
// 5): 64 KB 7.7 MB of data, 128 KB 7.25 MB, 256 KB 7.1 MB.  Every search that
// shows hits reads the dictionary from the index's metadata, about 1 ms per
// 100 KB here (Xapian reads a long entry block by block), so 128 KB.
constexpr size_t kDictCapacity = 128 * 1024;
constexpr size_t kMinSamples = 200;       // fewer records, or less text, and no dictionary:
constexpr size_t kMinSampleBytes = 256 * 1024;  // a small corpus gains little from one

struct CCtxFree { void operator()(ZSTD_CCtx* p) const { ZSTD_freeCCtx(p); } };
struct DCtxFree { void operator()(ZSTD_DCtx* p) const { ZSTD_freeDCtx(p); } };
struct CDictFree { void operator()(ZSTD_CDict* p) const { ZSTD_freeCDict(p); } };
struct DDictFree { void operator()(ZSTD_DDict* p) const { ZSTD_freeDDict(p); } };

// A file mapped read-only, unmapped when it goes.
class Mapping {
public:
    Mapping() = default;
    Mapping(void* data, size_t size) : data_(data), size_(size) {}
    Mapping(Mapping&& o) noexcept : data_(std::exchange(o.data_, nullptr)), size_(std::exchange(o.size_, 0)) {}
    Mapping& operator=(Mapping&& o) noexcept {
        std::swap(data_, o.data_);
        std::swap(size_, o.size_);
        return *this;
    }
    Mapping(const Mapping&) = delete;
    Mapping& operator=(const Mapping&) = delete;
    ~Mapping() {
        if (data_) ::munmap(data_, size_);
    }
    const char* data() const { return static_cast<const char*>(data_); }
    size_t size() const { return size_; }
    explicit operator bool() const { return data_ != nullptr; }

private:
    void* data_ = nullptr;
    size_t size_ = 0;
};

// The whole file at `path` mapped, or nothing (no such file, empty, not a
// regular file, larger than any dictionary news-index writes).
Mapping map_file(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    struct stat st {};
    Mapping m;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 8 && st.st_size <= (16 << 20)) {
        void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        if (p != MAP_FAILED) m = Mapping(p, static_cast<size_t>(st.st_size));
    }
    ::close(fd);
    return m;
}

bool is_frame(std::string_view data) {
    return data.size() >= 4 && static_cast<unsigned char>(data[0]) == 0x28 && static_cast<unsigned char>(data[1]) == 0xB5 &&
           static_cast<unsigned char>(data[2]) == 0x2F && static_cast<unsigned char>(data[3]) == 0xFD;
}

}  // namespace

struct DocCodec::Impl {
    std::unique_ptr<ZSTD_CDict, CDictFree> cdict;  // packing: the dictionary given first
    std::unique_ptr<ZSTD_CCtx, CCtxFree> cctx;
    std::unique_ptr<ZSTD_DCtx, DCtxFree> dctx;
    struct Dictionary {
        Mapping file;                                  // a mapped file's, or none...
        std::unique_ptr<ZSTD_DDict, DDictFree> ddict;  // ...which this refers to
    };
    std::map<unsigned, Dictionary> ddicts;  // by dictionary id
    std::string out;
    int level = DocCodec::kPackLevel;
};

DocCodec::DocCodec(const std::string& dictionary, int level) : impl_(std::make_unique<Impl>()) {
    impl_->level = level;
    if (dictionary.empty()) return;
    if (ZDICT_getDictID(dictionary.data(), dictionary.size()) == 0)
        throw Error("the index's document dictionary (metadata " + std::string(kMetaDocDict) +
                    ") is not a zstd dictionary; rebuild with news-index --rebuild");
    impl_->cdict.reset(ZSTD_createCDict(dictionary.data(), dictionary.size(), level));
    if (!impl_->cdict) throw std::bad_alloc();
    add_dictionary(dictionary);
}

DocCodec::~DocCodec() = default;
DocCodec::DocCodec(DocCodec&&) noexcept = default;
DocCodec& DocCodec::operator=(DocCodec&&) noexcept = default;

void DocCodec::add_dictionary(const std::string& dictionary) {
    if (dictionary.empty()) return;
    unsigned id = ZDICT_getDictID(dictionary.data(), dictionary.size());
    if (id == 0 || impl_->ddicts.count(id)) return;
    // (A DDict copies the dictionary: the string may go.)
    std::unique_ptr<ZSTD_DDict, DDictFree> d(ZSTD_createDDict(dictionary.data(), dictionary.size()));
    if (!d) throw std::bad_alloc();
    impl_->ddicts[id].ddict = std::move(d);
}

bool DocCodec::map_dictionary(const std::string& path) {
    Mapping file = map_file(path);
    if (!file) return false;
    unsigned id = ZDICT_getDictID(file.data(), file.size());
    if (id == 0 || impl_->ddicts.count(id)) return false;
    // (NULL for a dictionary whose tables do not load: not taken.)
    std::unique_ptr<ZSTD_DDict, DDictFree> d(ZSTD_createDDict_byReference(file.data(), file.size()));
    if (!d) return false;
    Impl::Dictionary& entry = impl_->ddicts[id];
    entry.file = std::move(file);
    entry.ddict = std::move(d);
    return true;
}

bool DocCodec::mapped(unsigned dictionary_id) const {
    auto d = impl_->ddicts.find(dictionary_id);
    return d != impl_->ddicts.end() && d->second.file;
}

void write_dictionary_file(const std::string& path, const std::string& dictionary) {
    if (dictionary.empty()) {
        if (::unlink(path.c_str()) != 0 && errno != ENOENT)
            throw Error(path + ": cannot remove: " + std::strerror(errno));
        return;
    }
    const std::string tmp = path + ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw Error(tmp + ": cannot write: " + std::strerror(errno));
    size_t done = 0;
    while (done < dictionary.size()) {
        ssize_t n = ::write(fd, dictionary.data() + done, dictionary.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int err = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            throw Error(tmp + ": cannot write: " + std::strerror(err));
        }
        done += static_cast<size_t>(n);
    }
    if (::close(fd) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        throw Error(path + ": cannot write: " + std::strerror(err));
    }
}

unsigned DocCodec::dictionary_of(std::string_view data) {
    return is_frame(data) ? ZSTD_getDictID_fromFrame(data.data(), data.size()) : 0;
}

bool DocCodec::knows(unsigned dictionary_id) const {
    auto d = impl_->ddicts.find(dictionary_id);
    return d != impl_->ddicts.end() && d->second.ddict;
}

std::string DocCodec::pack(const StoredDoc& doc) {
    std::string json = encode(doc);
    if (!impl_->cctx) impl_->cctx.reset(ZSTD_createCCtx());
    std::string& out = impl_->out;
    out.resize(ZSTD_compressBound(json.size()));
    // (Without a dictionary, a frame of its own, about as small as zlib's:
    // the slot the record is kept in is not compressed by Xapian.)
    size_t n = impl_->cdict ? ZSTD_compress_usingCDict(impl_->cctx.get(), out.data(), out.size(), json.data(),
                                                       json.size(), impl_->cdict.get())
                            : ZSTD_compressCCtx(impl_->cctx.get(), out.data(), out.size(), json.data(), json.size(),
                                                impl_->level);
    if (ZSTD_isError(n)) throw Error(std::string("compressing a document failed: ") + ZSTD_getErrorName(n));
    return out.substr(0, n);
}

StoredDoc DocCodec::unpack(const std::string& data) {
    if (!is_frame(data)) return decode_stored(data);
    const unsigned id = dictionary_of(data);
    auto d = impl_->ddicts.find(id);
    if (id != 0 && d == impl_->ddicts.end())
        throw Error("a document is packed with a dictionary (id " + std::to_string(id) +
                    ") the index does not hold; rebuild with news-index --rebuild");
    unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
    if (size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR || size > (1u << 30))
        throw Error("document data is damaged (bad zstd frame); rebuild with news-index --rebuild");
    if (!impl_->dctx) impl_->dctx.reset(ZSTD_createDCtx());
    std::string json(static_cast<size_t>(size), '\0');
    size_t n = id == 0 ? ZSTD_decompressDCtx(impl_->dctx.get(), json.data(), json.size(), data.data(), data.size())
                       : ZSTD_decompress_usingDDict(impl_->dctx.get(), json.data(), json.size(), data.data(),
                                                    data.size(), d->second.ddict.get());
    if (ZSTD_isError(n) || n != json.size())
        throw Error(std::string("document data is damaged (") + (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "short") +
                    "); rebuild with news-index --rebuild");
    return decode_stored(json);
}

std::string DocCodec::train(const std::vector<std::string>& samples) {
    std::string all;
    std::vector<size_t> sizes;
    for (const auto& s : samples) {
        all += s;
        sizes.push_back(s.size());
    }
    if (samples.size() < kMinSamples || all.size() < kMinSampleBytes) return {};
    std::string dict(std::min(kDictCapacity, all.size() / 8), '\0');
    // FastCover with fixed parameters: ZDICT_trainFromBuffer() tries four
    // and keeps the best, at 3x the time (190 against 55 ms on 2,000
    // Reuters records), for no smaller data here.
    ZDICT_fastCover_params_t params{};
    params.k = 200;
    params.d = 8;
    params.zParams.compressionLevel = kPackLevel;
    size_t n = ZDICT_trainFromBuffer_fastCover(dict.data(), dict.size(), all.data(), sizes.data(),
                                               static_cast<unsigned>(sizes.size()), params);
    if (ZDICT_isError(n)) return {};  // (samples too alike or too few: no gain to be had)
    dict.resize(n);
    return dict;
}

}  // namespace news
