// Heap growth in large steps backed by transparent huge pages.
//
// A short run's largest single cost on a virtual machine is page faults: the
// first touch of every 4 KiB page traps to the kernel (about 10 us each on the
// 2-core VMs CI uses), and rendering one chart touches thousands. With the
// heap grown in one large step and marked MADV_HUGEPAGE (honoured in the
// kernel's default `madvise` mode), one fault maps 2 MiB instead.
#include "commands.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#include <cstdint>
#include <cstdlib>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || __has_feature(thread_sanitizer)
#define WINCOMPAT_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define WINCOMPAT_SANITIZED 1
#endif

namespace wincompat::cli {

void grow_heap_in_huge_pages() {
#if defined(__GLIBC__) && !defined(WINCOMPAT_SANITIZED)
  constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
  constexpr size_t kStep = size_t{64} << 20; // address space only: untouched pages cost nothing
  constexpr uintptr_t kChunkHeader = 2 * sizeof(size_t);
  mallopt(M_TOP_PAD, static_cast<int>(kStep));
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(2 * kStep));
  // (Blocks this big are normally mmapped: for this one, and the one below
  // that skips ahead, use the heap.)
  mallopt(M_MMAP_THRESHOLD, 16 << 20);
  // A block bigger than what is left makes glibc extend the heap now, by the
  // block plus the pad; freed, it returns to the top, whose header is then
  // where the block's was. (volatile: a compiler may drop an unused pair.)
  void *volatile block = std::malloc(1 << 20);
  const uintptr_t top = reinterpret_cast<uintptr_t>(block) - kChunkHeader;
  std::free(block);
  const auto end = reinterpret_cast<uintptr_t>(sbrk(0));
  // glibc wrote headers at `top` and just past the block (the top chunk's,
  // before the free merged it back): start above both.
  const uintptr_t touched = top + (uintptr_t{1} << 20) + 2 * kChunkHeader;
  const uintptr_t aligned = (touched + kHugePage - 1) & ~(kHugePage - 1);
  if (block == nullptr || end == static_cast<uintptr_t>(-1) || aligned >= end) {
    return;
  }
  // Nothing in [aligned, end) has been touched yet: a region the kernel has
  // already given a 4 KiB page never gets a huge one.
  madvise(reinterpret_cast<void *>(aligned), end - aligned, MADV_HUGEPAGE);
  // Skip the rest of the 4 KiB-paged region below `aligned` with a block that
  // is never used nor freed (only its header page is touched), so that the
  // next chunk's header sits just below `aligned` and the heap grows from it.
  const uintptr_t gap = aligned - kChunkHeader - top;
  [[maybe_unused]] void *volatile skipped = std::malloc(gap - sizeof(size_t));
  // Big blocks mmapped again as by default: kept on the heap, each free of
  // one would make glibc consolidate the small free chunks.
  mallopt(M_MMAP_THRESHOLD, 128 << 10);
#endif
}

} // namespace wincompat::cli
