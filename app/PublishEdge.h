#pragma once

// The publish edges of one architecture: a service (or a producer) hands an order's record to a
// topic and, once the broker acknowledges it under the edge's acks, moves on to its next edge.
// The record's key is the order id (or none: the broker spreads null keys), its value a short
// readable line for the topic browser. Stream aggregates publish their window counts here too.

#include <cstdint>

namespace postoffice::app {

class RunWorld;

class PublishEdge
{
public:
    explicit PublishEdge(RunWorld &world) : m_world(world) {}

    // Request `r` publishes along `edge`; its next edge runs when the acknowledgement arrives.
    void start(std::uint32_t r, std::uint32_t edge);
    void onAck(std::uint32_t r, bool ok);
    // A derived record (a window's count for one category), belonging to no order.
    void appendDerived(std::uint32_t edge, std::uint16_t category, std::uint64_t count);

private:
    RunWorld &m_world;
};

} // namespace postoffice::app
