#include "all.hpp"

#include "open.hpp"

#include <utility>

namespace news::searcher {

Results print_all(const Options& o, Printer& printer, const std::function<void(const Results&)>& first) {
    Index index = open_index(o);  // once: each page is a search on it
    Options page = o;
    page.duplicates = true;  // every match a hit: copies too (collapsing would need every hit seen)
    page.offset = 0;
    page.limit = kAllPage;
    Results head = search(page, index);
    first(head);
    printer.begin(head, head.total);
    page.facets = false;  // (counted once, on the first page)
    std::vector<Hit> hits = std::move(head.hits);
    size_t printed = 0;
    // Pages until one ends short or reaches the partial matches (in
    // relevance order they follow the complete ones).
    for (;;) {
        for (const Hit& h : hits) {
            if (!h.complete) break;
            printer.hit(h);
            ++printed;
        }
        if (hits.size() < kAllPage || !hits.back().complete) break;
        page.offset = printed;
        hits = search(page, index).hits;
    }
    printer.end(head);
    return head;
}

}  // namespace news::searcher
