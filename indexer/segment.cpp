#include "segment.hpp"

namespace news::indexer {

Segmented segment(std::string_view body) { return {std::string(body), {}}; }

}  // namespace news::indexer
