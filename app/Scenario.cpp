#include "Scenario.h"

#include <algorithm>

namespace postoffice::app {

const NodeSpec *Scenario::node(const QString &id) const
{
    auto it = std::find_if(nodes.begin(), nodes.end(), [&](const NodeSpec &n) { return n.id == id; });
    return it == nodes.end() ? nullptr : &*it;
}

NodeSpec *Scenario::node(const QString &id)
{
    return const_cast<NodeSpec *>(std::as_const(*this).node(id));
}

const ArchitectureSpec *Scenario::architecture(const QString &name) const
{
    auto it = std::find_if(architectures.begin(), architectures.end(),
                           [&](const ArchitectureSpec &a) { return a.name == name; });
    return it == architectures.end() ? nullptr : &*it;
}

} // namespace postoffice::app
