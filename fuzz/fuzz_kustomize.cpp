// Fuzz target: the kustomize builder. The input is the root
// kustomization.yaml, then optionally more files of the tree after marker
// lines: "%% base/kustomization.yaml", "%% base/deployment.yaml",
// "%% patch.yaml", "%% comp/kustomization.yaml" (at most eight files). The
// tree is held in memory (nothing on disk is read: the repository boundary
// is the tree's folder) and built as `wincompat lint` builds an overlay:
// resources, bases and components, every transformer, patches, replacements,
// the load restrictor, the emitter and its origins. Every diagnostic, origin
// and routed span must stay in its file.
#include "tree_input.hpp"

#include "wincompat/kustomize.hpp"

using namespace wincompat;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  MemoryFileSystem tree;
  fuzz::add_tree(tree, "/repo",
                 fuzz::tree_files(std::string_view(reinterpret_cast<const char *>(data), size), "%% ",
                                  "kustomization.yaml"));
  fuzz::check_layer(
      build_kustomization({.path = "repo", .fs_path = "/repo", .boundary = "/repo", .files = &tree}));
  return 0;
}
