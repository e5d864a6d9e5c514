// Fuzz target: image references and the other one-line parsers. The input
// is one reference ("mcr.microsoft.com/windows/servercore:ltsc2022"). It is
// parsed per the distribution grammar, resolved against the built-in image
// catalog (family, version token, Windows build) and, as the WC302 fix does,
// asked for the tag of every LTSC build. The same text also goes through
// the --host, Windows build and taint parsers.
#include "fuzz_common.hpp"

#include "wincompat/image_catalog.hpp"
#include "wincompat/image_ref.hpp"
#include "wincompat/kubernetes.hpp"

using namespace wincompat;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string text = fuzz::text_of(data, size);
  ImageRefError error;
  if (const std::optional<ImageRef> ref = parse_image_ref(text, &error)) {
    const ImageRef &r = *ref;
    if (r.name_end > r.original.size() || r.tag_begin > r.tag_end || r.tag_end > r.original.size()) {
      fuzz::violated("image reference offsets outside the text");
    }
    if (!r.tag.empty() && r.original.substr(r.tag_begin, r.tag_end - r.tag_begin) != r.tag) {
      fuzz::violated("tag offsets do not select the tag");
    }
    r.name();
    r.familiar_name();
    const ImageCatalog &catalog = ImageCatalog::builtin();
    const ImageResolution resolution = catalog.resolve(r);
    if (resolution.token_begin > resolution.token_end || resolution.token_end > r.tag.size()) {
      fuzz::violated("version token offsets outside the tag");
    }
    for (const uint32_t build : ReleaseCatalog::builtin().stable_ltsc_builds()) {
      catalog.version_token_for(r, resolution, build);
    }
  } else if (error.message.empty()) {
    fuzz::violated("a rejected reference without a message");
  }
  parse_host_spec(text, ReleaseCatalog::builtin());
  parse_windows_build(text);
  parse_taint(text);
  return 0;
}
