// Fuzz target: the node inventory loader. The input is a --nodes file
// (`kubectl get nodes -o yaml` or `-o json` output, or Node objects). It is
// handed to load_inventory exactly as --nodes FILE is, through an in-memory
// file (memfd), so reading, decoding, parse_nodes, WC903 positions and the
// grouping into pools all run; the pools are then matched against a
// Windows pod's selector and tolerations as scheduling checks do.
#include "fuzz_common.hpp"

#include "wincompat/kubernetes.hpp"

#include <sys/mman.h>
#include <unistd.h>

using namespace wincompat;

namespace {

/// An in-memory file holding the input, named by a /proc/self/fd path.
class MemoryFile {
public:
  explicit MemoryFile(const std::string &bytes) : fd_(memfd_create("nodes.yaml", MFD_CLOEXEC)) {
    if (fd_ < 0) {
      fuzz::violated("memfd_create failed");
    }
    for (size_t done = 0; done < bytes.size();) {
      const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
      if (n <= 0) {
        fuzz::violated("write to memfd failed");
      }
      done += static_cast<size_t>(n);
    }
  }
  ~MemoryFile() {
    ::close(fd_);
  }
  MemoryFile(const MemoryFile &) = delete;
  MemoryFile &operator=(const MemoryFile &) = delete;
  std::string path() const {
    return "/proc/self/fd/" + std::to_string(fd_);
  }

private:
  int fd_;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const MemoryFile file(fuzz::text_of(data, size));
  std::vector<FileResult> errors;
  const std::vector<NodePool> pools = load_inventory(Config{}, {file.path()}, errors);
  for (const FileResult &result : errors) {
    fuzz::check_spans(result);
  }
  const std::map<std::string, std::string> windows{{"kubernetes.io/os", "windows"}};
  const std::vector<Toleration> tolerations{{"os", "Equal", "windows", "NoSchedule"}, {"", "Exists", "", ""}};
  for (const NodePool &pool : pools) {
    selector_matches(windows, pool.labels);
    tolerates(tolerations, pool.taints);
  }
  return 0;
}
