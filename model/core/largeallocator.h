#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace ea {

// Memory for arrays of megabytes (a sort's scratch, a snapshot's columns):
// below 2 MiB plain operator new; from 2 MiB on, its own mapping aligned to
// 2 MiB and advised as transparent huge pages. On a virtual machine a page
// fault costs about 10 µs, and touching 64 MiB of fresh 4 KiB pages took
// 176 ms where huge pages took 4 ms; a first sort of 894k rows spent most
// of its time in those faults. Where the kernel gives no huge pages
// (transparent_hugepage=never) the advice is ignored and nothing changes.
namespace largememory {
inline constexpr std::size_t kHugePage = std::size_t(2) << 20;
[[nodiscard]] void *allocate(std::size_t bytes);
void deallocate(void *p, std::size_t bytes) noexcept;
} // namespace largememory

template<typename T> struct LargeAllocator
{
    using value_type = T;

    LargeAllocator() noexcept = default;
    template<typename U> LargeAllocator(const LargeAllocator<U> &) noexcept { }

    [[nodiscard]] T *allocate(std::size_t n)
    {
        if (n > std::size_t(-1) / sizeof(T))
            throw std::bad_array_new_length();
        return static_cast<T *>(largememory::allocate(n * sizeof(T)));
    }
    void deallocate(T *p, std::size_t n) noexcept { largememory::deallocate(p, n * sizeof(T)); }

    template<typename U> bool operator==(const LargeAllocator<U> &) const noexcept { return true; }
};

template<typename T> using LargeVector = std::vector<T, LargeAllocator<T>>;

} // namespace ea
