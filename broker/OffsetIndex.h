#pragma once

#include "LogMemory.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace postoffice::broker {

// A segment's per-record index: where each record's bytes are, its offset and timestamp.
// Stored in blocks of 4 Ki entries (64 KiB, a size the log memory pool reuses) that never move, so
// a growing index is never copied (a single vector's doublings touched twice the memory and cost
// ~20% of the benchmark's CPU time). The first block grows from small, so a tiny segment keeps a
// tiny index; it stops at 4 Ki entries because its doublings are copies (with 64 Ki they were 26
// instructions per record in a log of 1 MiB segments).
class OffsetIndex
{
public:
    struct Entry
    {
        std::uint32_t offsetDelta; // offset - segment base
        std::uint32_t location;    // see LogSegment
        std::int64_t timestampMs;
    };

    OffsetIndex() = default;
    OffsetIndex(OffsetIndex &&other) noexcept;
    OffsetIndex &operator=(OffsetIndex &&other) noexcept;
    OffsetIndex(const OffsetIndex &) = delete;
    OffsetIndex &operator=(const OffsetIndex &) = delete;
    ~OffsetIndex();

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    const Entry &operator[](std::size_t i) const { return m_blocks[i >> kBlockBits].data[i & kBlockMask]; }

    // Writes through a cursor into the current block: the appender copies record bytes through
    // char pointers between two calls, so whatever this reads is reloaded every time, and a cursor
    // is the fewest loads.
    void push_back(const Entry &e)
    {
        if (m_tail == m_tailEnd)
            grow();
        *m_tail++ = e;
        ++m_size;
    }
    // Keeps the first n entries.
    void truncate(std::size_t n);

private:
    static constexpr unsigned kBlockBits = 12;
    static constexpr std::size_t kBlockEntries = std::size_t(1) << kBlockBits;
    static constexpr std::size_t kBlockMask = kBlockEntries - 1;
    static constexpr std::size_t kFirstCapacity = 256;

    struct Block
    {
        Entry *data;
        std::size_t capacity;
    };

    void grow();
    void release();
    void placeTail(); // points the cursor at entry m_size

    std::vector<Block> m_blocks;
    std::size_t m_size = 0;
    Entry *m_tail = nullptr;    // where entry m_size goes
    Entry *m_tailEnd = nullptr; // end of m_tail's block
};

} // namespace postoffice::broker
