#include "StreamProcessorNode.h"

#include "RunWorld.h"

#include <algorithm>

namespace postoffice::app {

void StreamProcessorNode::startWindows(std::uint32_t node)
{
    m_world.queue.push(m_world.nodes[node].spec->window_s, EvWindow, node);
}

bool StreamProcessorNode::passesOn(NodeRuntime &n, const Request &q)
{
    switch (n.spec->operation) {
    case StreamOperation::Filter:
        return n.filterRng.uniform() < n.spec->keep_ratio;
    case StreamOperation::Aggregate:
        ++n.windowCounts[q.category % kCategories];
        return false;
    case StreamOperation::Map:
        break;
    }
    return true;
}

void StreamProcessorNode::onWindow(std::uint32_t node)
{
    NodeRuntime &n = m_world.nodes[node];
    // A tumbling window closes: one record per category seen, to every publish edge.
    if (!n.down) {
        for (int c = 0; c < kCategories; ++c) {
            if (n.windowCounts[std::size_t(c)] == 0)
                continue;
            for (std::uint32_t edge : n.outEdges)
                if (m_world.edges[edge].kind == EdgeKind::Publish)
                    m_world.publish.appendDerived(edge, std::uint16_t(c), n.windowCounts[std::size_t(c)]);
        }
    }
    std::fill(n.windowCounts.begin(), n.windowCounts.end(), 0);
    m_world.queue.push(m_world.now + n.spec->window_s, EvWindow, node);
}

} // namespace postoffice::app
