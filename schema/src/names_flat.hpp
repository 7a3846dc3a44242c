// A flat open-addressing table from 64-bit hashes to small values, for the
// name tagger's lexicon (internal): one probe into one array per lookup, no
// node to chase, as the per-token path needs (std::unordered_map cost a
// third of read_sentence's time).  Linear probing, at most half full; the
// key 0 marks a free slot, so a key of 0 is kept aside.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace news::ner {

template <class V>
class FlatMap {
public:
    FlatMap() = default;
    // From any map of (hash, value) pairs.
    template <class Map>
    explicit FlatMap(const Map& map) {
        reserve(map.size());
        for (const auto& [k, v] : map) set(k, static_cast<V>(v));
    }

    std::size_t size() const { return size_ + has_zero_; }
    bool empty() const { return size() == 0; }

    void reserve(std::size_t n) {
        std::size_t cap = 16;
        while (cap < 2 * n) cap *= 2;
        if (cap > keys_.size()) rehash(cap);
    }

    const V* find(std::uint64_t key) const {
        if (key == 0) return has_zero_ ? &zero_ : nullptr;
        if (keys_.empty()) return nullptr;
        for (std::size_t i = slot(key);; i = (i + 1) & mask_) {
            if (keys_[i] == key) return &values_[i];
            if (keys_[i] == 0) return nullptr;
        }
    }

    // Empty, its room kept.
    void clear() {
        std::fill(keys_.begin(), keys_.end(), std::uint64_t(0));
        size_ = 0;
        has_zero_ = false;
    }

    // The value of key, inserted as V{} when absent.
    V& operator[](std::uint64_t key) {
        if (key == 0) {
            if (!has_zero_) has_zero_ = true, zero_ = V{};
            return zero_;
        }
        if (2 * (size_ + 1) > keys_.size()) rehash(keys_.empty() ? 16 : 2 * keys_.size());
        std::size_t i = slot(key);
        for (; keys_[i] != 0; i = (i + 1) & mask_)
            if (keys_[i] == key) return values_[i];
        ++size_;
        keys_[i] = key;
        values_[i] = V{};
        return values_[i];
    }
    void set(std::uint64_t key, V value) { (*this)[key] = value; }

    // Each (key, value), in no particular order.
    template <class F>
    void for_each(F f) const {
        if (has_zero_) f(std::uint64_t(0), zero_);
        for (std::size_t i = 0; i < keys_.size(); ++i)
            if (keys_[i] != 0) f(keys_[i], values_[i]);
    }

private:
    std::size_t slot(std::uint64_t key) const { return static_cast<std::size_t>((key * 0x9e3779b97f4a7c15ULL) >> shift_); }

    void rehash(std::size_t cap) {
        std::vector<std::uint64_t> keys(cap, 0);
        std::vector<V> values(cap);
        std::swap(keys, keys_);
        std::swap(values, values_);
        mask_ = cap - 1;
        shift_ = 64;
        for (std::size_t c = cap; c > 1; c >>= 1) --shift_;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (keys[i] == 0) continue;
            std::size_t j = slot(keys[i]);
            while (keys_[j] != 0) j = (j + 1) & mask_;
            keys_[j] = keys[i];
            values_[j] = values[i];
        }
    }

    std::vector<std::uint64_t> keys_;
    std::vector<V> values_;
    std::size_t size_ = 0, mask_ = 0;
    unsigned shift_ = 64;
    bool has_zero_ = false;
    V zero_{};
};

}  // namespace news::ner
