#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace postoffice::broker {

// Large log memory (record bytes, offset indexes) is written once and read back in order, so it is
// asked for in transparent huge pages where the OS offers them: filling a gigabyte of log then
// costs ~600 page faults instead of ~260,000, which otherwise dominate the broker's time.
// Small requests go to plain malloc, so tiny test topics stay tiny.
inline constexpr std::size_t kHugePageBytes = std::size_t(2) << 20;

inline void *allocateLogMemory(std::size_t bytes)
{
    if (bytes < kHugePageBytes) {
        void *p = std::malloc(bytes == 0 ? 1 : bytes);
        if (!p)
            throw std::bad_alloc();
        return p;
    }
    const std::size_t rounded = (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
    void *p = std::aligned_alloc(kHugePageBytes, rounded);
    if (!p)
        throw std::bad_alloc();
#if defined(MADV_HUGEPAGE)
    madvise(p, rounded, MADV_HUGEPAGE); // a hint: failure only costs speed
#endif
    return p;
}

inline void freeLogMemory(void *p)
{
    std::free(p);
}

// std::allocator replacement for the log's big vectors.
template<typename T> class HugePageAllocator
{
public:
    using value_type = T;
    HugePageAllocator() = default;
    template<typename U> HugePageAllocator(const HugePageAllocator<U> &) {}
    T *allocate(std::size_t n) { return static_cast<T *>(allocateLogMemory(n * sizeof(T))); }
    void deallocate(T *p, std::size_t) { freeLogMemory(p); }
    template<typename U> bool operator==(const HugePageAllocator<U> &) const { return true; }
};

} // namespace postoffice::broker
