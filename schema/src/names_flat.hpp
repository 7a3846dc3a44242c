// A flat open-addressing table from 64-bit hashes to small values, for the
// name tagger's lexicon (internal): one probe into one array per lookup, no
// node to chase, as the per-token path needs (std::unordered_map cost a
// third of read_sentence's time).  Linear probing, at most half full; the
// key 0 marks a free slot, so a key of 0 is kept aside.  A table may also
// borrow its arrays, laid out as an owned one's (the shipped model's, in the
// binary's read-only data: names_image.cpp): it is copied before a change.
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

    // A read-only table over arrays of `capacity` slots (a power of two)
    // that an owned table of `size` keys (other than 0) had; they must
    // outlive it and its copies.
    static FlatMap borrow(const std::uint64_t* keys, const V* values, std::size_t capacity, std::size_t size,
                          bool has_zero, V zero) {
        FlatMap m;
        m.ext_keys_ = keys;
        m.ext_values_ = values;
        if (capacity) m.set_capacity(capacity);
        m.size_ = size;
        m.has_zero_ = has_zero;
        m.zero_ = zero;
        return m;
    }
    // Its layout, for borrow(): the slots' keys and values, their number,
    // the number of keys other than 0, and the value of key 0.
    const std::uint64_t* slot_keys() const { return ext_keys_ ? ext_keys_ : keys_.data(); }
    const V* slot_values() const { return ext_keys_ ? ext_values_ : values_.data(); }
    std::size_t capacity() const { return ext_keys_ ? mask_ + 1 : keys_.size(); }
    std::size_t keys_not_zero() const { return size_; }
    bool has_zero() const { return has_zero_; }
    V zero_value() const { return zero_; }

    std::size_t size() const { return size_ + has_zero_; }
    bool empty() const { return size() == 0; }

    void reserve(std::size_t n) {
        std::size_t cap = 16;
        while (cap < 2 * n) cap *= 2;
        if (cap > capacity()) rehash(cap);
    }

    const V* find(std::uint64_t key) const {
        if (key == 0) return has_zero_ ? &zero_ : nullptr;
        const std::uint64_t* keys = ext_keys_;
        const V* values = ext_values_;
        if (!keys) {
            if (keys_.empty()) return nullptr;
            keys = keys_.data();
            values = values_.data();
        }
        for (std::size_t i = slot(key);; i = (i + 1) & mask_) {
            if (keys[i] == key) return &values[i];
            if (keys[i] == 0) return nullptr;
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
        if (ext_keys_) own();
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
        const std::uint64_t* keys = slot_keys();
        for (std::size_t i = 0; i < capacity(); ++i)
            if (keys[i] != 0) f(keys[i], slot_values()[i]);
    }

private:
    std::size_t slot(std::uint64_t key) const { return static_cast<std::size_t>((key * 0x9e3779b97f4a7c15ULL) >> shift_); }

    void set_capacity(std::size_t cap) {
        mask_ = cap - 1;
        shift_ = 64;
        for (std::size_t c = cap; c > 1; c >>= 1) --shift_;
    }

    // Copy borrowed arrays, to change them.
    void own() {
        keys_.assign(ext_keys_, ext_keys_ + mask_ + 1);
        values_.assign(ext_values_, ext_values_ + mask_ + 1);
        ext_keys_ = nullptr;
        ext_values_ = nullptr;
    }

    void rehash(std::size_t cap) {
        if (ext_keys_) own();
        std::vector<std::uint64_t> keys(cap, 0);
        std::vector<V> values(cap);
        std::swap(keys, keys_);
        std::swap(values, values_);
        set_capacity(cap);
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
    const std::uint64_t* ext_keys_ = nullptr;  // borrowed arrays (then keys_ and values_ are empty)
    const V* ext_values_ = nullptr;
    std::size_t size_ = 0, mask_ = 0;
    unsigned shift_ = 64;
    bool has_zero_ = false;
    V zero_{};
};

}  // namespace news::ner
