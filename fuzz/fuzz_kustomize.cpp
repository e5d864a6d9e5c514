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
  std::vector<fuzz::TreeFile> files = fuzz::tree_files(
      std::string_view(reinterpret_cast<const char *>(data), size), "%% ", "kustomization.yaml");
  MemoryFileSystem tree;
  for (fuzz::TreeFile &file : files) {
    tree.add_file("/repo/" + file.path, std::move(file.text));
  }
  KustomizeRequest request;
  request.path = "repo";
  request.fs_path = "/repo";
  request.boundary = "/repo";
  request.files = &tree;
  const LayerResult result = build_kustomization(request);
  fuzz::check_layer(result);
  return 0;
}
