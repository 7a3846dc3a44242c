// The names news-index gives a document (indexer/names.hpp): what the
// tagger's names become once the document as a whole is read.
#include "names.hpp"

#include "news/schema.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace news;
using news::indexer::add_names;

namespace {

// Slot::Names of a document made of the texts: "kind-letter key<TAB>form" lines.
std::string names_of(const std::vector<std::string_view>& texts) {
    static const Catalogue cat = Catalogue::builtin();
    Xapian::Document doc;
    add_names(doc, cat, texts, {});
    return doc.get_value(slot(Slot::Names));
}

}  // namespace

TEST_CASE("a headline in capitals gives only the names its story has, as the story writes them") {
    const std::string names = names_of({"FEDERAL RESERVE DIMINISHES REAGAN HOPES",
                                        "WASHINGTON, March 3 - The Federal Reserve said on Tuesday that it would\n"
                                        "keep its discount rate, officials said."});
    CAPTURE(names);
    CHECK(names.find("\tFederal Reserve\n") != std::string::npos);
    CHECK(names.find("FEDERAL") == std::string::npos);
    CHECK(names.find("DIMINISHES") == std::string::npos);
    CHECK(names.find("REAGAN") == std::string::npos);
    CHECK(names_of({"TORCHMARK <TMK> SETS QUARTERLY DIVIDEND", "Qtly div 25 cts vs 25 cts prior"}).empty());
}

TEST_CASE("a wire's table of figures names nobody") {
    const std::string names = names_of({"Oper shr 17 cts vs 25 cts\n    Oper net 1,234,000 vs 987,000\n"
                                        "    Nine mths\n    Oper shr six cts vs five cts\n"
                                        "    Avg shrs 51.7 mln vs 43.4 mln"});
    CAPTURE(names);
    CHECK(names.empty());
}

TEST_CASE("a company's name without its company words is the company") {
    const std::string names = names_of({"Unocal Corp said it raised its posted prices for crude oil by one dlr.\n"
                                        "    Unocal said the increase was effective today. Conoco Inc and Mobil\n"
                                        "followed. Conoco said it matched the move."});
    CAPTURE(names);
    CHECK(names.find("punocal\t") == std::string::npos);
    CHECK(names.find("lunocal\t") == std::string::npos);
    CHECK(names.find("ounocal\tUnocal\n") != std::string::npos);
    CHECK(names.find("pconoco\t") == std::string::npos);
}
