#include "OffsetIndex.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace postoffice::broker {

OffsetIndex::OffsetIndex(OffsetIndex &&other) noexcept
    : m_blocks(std::move(other.m_blocks)), m_size(std::exchange(other.m_size, 0)),
      m_tail(std::exchange(other.m_tail, nullptr)), m_tailEnd(std::exchange(other.m_tailEnd, nullptr))
{
    other.m_blocks.clear();
}

OffsetIndex &OffsetIndex::operator=(OffsetIndex &&other) noexcept
{
    if (this != &other) {
        release();
        m_blocks = std::move(other.m_blocks);
        m_size = std::exchange(other.m_size, 0);
        m_tail = std::exchange(other.m_tail, nullptr);
        m_tailEnd = std::exchange(other.m_tailEnd, nullptr);
        other.m_blocks.clear();
    }
    return *this;
}

OffsetIndex::~OffsetIndex()
{
    release();
}

void OffsetIndex::release()
{
    for (const Block &b : m_blocks)
        freeLogMemory(b.data, b.capacity * sizeof(Entry));
    m_blocks.clear();
    m_size = 0;
    m_tail = m_tailEnd = nullptr;
}

void OffsetIndex::placeTail()
{
    const std::size_t block = m_size >> kBlockBits;
    if (block == m_blocks.size()) {
        m_tail = m_tailEnd = nullptr; // the next push_back starts a block
        return;
    }
    m_tail = m_blocks[block].data + (m_size & kBlockMask);
    m_tailEnd = m_blocks[block].data + m_blocks[block].capacity;
}

void OffsetIndex::grow()
{
    const std::size_t block = m_size >> kBlockBits;
    if (block == m_blocks.size()) {
        const std::size_t capacity = block == 0 ? kFirstCapacity : kBlockEntries;
        m_blocks.push_back({static_cast<Entry *>(allocateLogMemory(capacity * sizeof(Entry))), capacity});
        placeTail();
        return;
    }
    // Only the first block is ever partly sized: double it, at most to a full block.
    Block &b = m_blocks[block];
    const std::size_t capacity = std::min(b.capacity * 2, kBlockEntries);
    auto *data = static_cast<Entry *>(allocateLogMemory(capacity * sizeof(Entry)));
    std::memcpy(data, b.data, b.capacity * sizeof(Entry));
    freeLogMemory(b.data, b.capacity * sizeof(Entry));
    b = {data, capacity};
    placeTail();
}

void OffsetIndex::truncate(std::size_t n)
{
    if (n >= m_size)
        return;
    m_size = n;
    const std::size_t blocksNeeded = (n + kBlockMask) >> kBlockBits;
    while (m_blocks.size() > std::max<std::size_t>(blocksNeeded, 1)) {
        freeLogMemory(m_blocks.back().data, m_blocks.back().capacity * sizeof(Entry));
        m_blocks.pop_back();
    }
    placeTail();
}

} // namespace postoffice::broker
