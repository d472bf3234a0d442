#include "core/largeallocator.h"

#include <cstdint>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace ea::largememory {

namespace {

std::size_t mappedSize(std::size_t bytes)
{
    return (bytes + kHugePage - 1) / kHugePage * kHugePage;
}

} // namespace

void *allocate(std::size_t bytes)
{
#ifdef __linux__
    if (bytes >= kHugePage) {
        // Map one huge page more and give back the unaligned ends, so that
        // the block starts on a 2 MiB boundary (a huge page needs it).
        const std::size_t size = mappedSize(bytes);
        void *raw = mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (raw == MAP_FAILED)
            throw std::bad_alloc();
        const auto start = reinterpret_cast<std::uintptr_t>(raw);
        const std::uintptr_t aligned = (start + kHugePage - 1) & ~std::uintptr_t(kHugePage - 1);
        if (aligned > start)
            munmap(raw, aligned - start);
        if (const std::size_t tail = start + size + kHugePage - (aligned + size); tail > 0)
            munmap(reinterpret_cast<void *>(aligned + size), tail);
        void *block = reinterpret_cast<void *>(aligned);
        (void)madvise(block, size, MADV_HUGEPAGE); // advice: ignored where unsupported
        return block;
    }
#endif
    return ::operator new(bytes);
}

void deallocate(void *p, std::size_t bytes) noexcept
{
    if (!p)
        return;
#ifdef __linux__
    if (bytes >= kHugePage) {
        munmap(p, mappedSize(bytes));
        return;
    }
#endif
    ::operator delete(p); // unsized: clang has no sized delete unless -fsized-deallocation
}

} // namespace ea::largememory
