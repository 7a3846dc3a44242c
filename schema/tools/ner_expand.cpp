// A build step (schema/CMakeLists.txt): schema/ner.model, compressed as
// scripts/train-ner writes it, to the image the tagger uses in place
// (names_image.cpp), and names_data.cpp, which builds that image into the
// library, from its template.  Never installed.
//   ner_expand MODEL TEMPLATE IMAGE_OUT SOURCE_OUT  (MODEL "-": none, an empty image)
// A model this code cannot read (one of an older format, before
// scripts/train-ner makes it again) gives a warning and an empty image, as
// no model does: the build goes on (train_ner is built with the library),
// and tagging says what to do.
#include "names_model.hpp"

#include "news/error.hpp"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw news::Error(path + ": cannot read");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// (Left as it is when the same: the build then compiles and links nothing again.)
void write(const std::string& path, const std::string& bytes) {
    if (std::ifstream(path, std::ios::binary) && read(path) == bytes) return;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) throw news::Error(path + ": cannot write");
}

void replace(std::string& text, const std::string& from, const std::string& to) {
    for (size_t at; (at = text.find(from)) != std::string::npos;) text.replace(at, from.size(), to);
}

// FNV-1a, 64 bits: enough to tell one image from another.
std::string checksum(const std::string& bytes) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ULL;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: ner_expand MODEL TEMPLATE IMAGE_OUT SOURCE_OUT\n");
        return news::kExitUsage;
    }
    try {
        const std::string model = argv[1];
        std::string image;
        try {
            if (model != "-") image = news::ner::image(news::ner::deserialise(read(model)));
        } catch (const news::Error& e) {
            std::fprintf(stderr, "ner_expand: warning: %s: %s; the name tagger has no model\n", argv[1], e.what());
        }
        std::string source = read(argv[2]);
        replace(source, "@NEWS_NER_IMAGE@", argv[3]);
        replace(source, "@NEWS_NER_IMAGE_HASH@", checksum(image));
        write(argv[3], image);
        write(argv[4], source);
    } catch (const news::Error& e) {
        std::fprintf(stderr, "ner_expand: %s\n", e.what());
        return news::kExitFailure;
    }
    return news::kExitOk;
}
