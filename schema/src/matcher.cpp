#include "news/entities.hpp"

namespace news {

Matcher::Matcher(const Catalogue& catalogue) : catalogue_(&catalogue) {}

std::vector<Mention> Matcher::find(std::string_view) const { return {}; }

}  // namespace news
