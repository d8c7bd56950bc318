#include "ScenarioArchitectureCheck.h"

#include "JsonPath.h"
#include "ScenarioKeys.h"
#include "ScenarioReaderIssues.h"
#include "ScenarioReaderText.h"
#include "ScenarioReferenceCheck.h"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <vector>

namespace postoffice::app {

using Text = ScenarioReaderText;

void ScenarioArchitectureCheck::edgeEnds(const EdgeSpec &e, const NodeSpec &from, const NodeSpec &to,
                                         const QString &path)
{
    auto is = [](const NodeSpec &n, std::initializer_list<NodeKind> kinds) {
        return std::find(kinds.begin(), kinds.end(), n.kind) != kinds.end();
    };
    bool ok = false;
    QString rule;
    switch (e.kind) {
    case EdgeKind::Call:
        ok = is(from, {NodeKind::Producer, NodeKind::Service}) && is(to, {NodeKind::Service});
        rule = QStringLiteral("call edges go from a producer or service to a service");
        break;
    case EdgeKind::Publish:
        ok = is(from, {NodeKind::Producer, NodeKind::Service, NodeKind::Stream}) && is(to, {NodeKind::Topic});
        rule = QStringLiteral("publish edges go from a producer, service or stream to a topic");
        break;
    case EdgeKind::Subscribe:
        ok = is(from, {NodeKind::Topic}) && is(to, {NodeKind::Service, NodeKind::Stream});
        rule = QStringLiteral("subscribe edges go from a topic to a service or stream");
        break;
    }
    if (!ok) {
        const QStringList &kinds = ScenarioKeys::nodeKinds();
        m_issues.error(path, QStringLiteral("a ") + ScenarioKeys::name(e.kind, ScenarioKeys::edgeKinds()) +
                                 QStringLiteral(" edge cannot go from ") +
                                 ScenarioKeys::name(from.kind, kinds) + u' ' + Text::quoted(from.id) +
                                 QStringLiteral(" to ") + ScenarioKeys::name(to.kind, kinds) + u' ' +
                                 Text::quoted(to.id) + QStringLiteral("; ") + rule);
    }
}

void ScenarioArchitectureCheck::lowStockTrigger(const EdgeSpec &e, const NodeSpec &from,
                                                const QString &triggerPath)
{
    if (!from.stock)
        m_issues.error(triggerPath,
                       QStringLiteral("\"low_stock\" needs a stock on node ") + Text::quoted(e.from) +
                           QStringLiteral(" (add ") +
                           JsonPath::member(m_references.nodePath(e.from), QStringLiteral("stock")) + u')');
}

// Synchronous calls that come back to a caller deadlock its workers; report each cycle at the
// edge that closes it, naming the whole loop. An iterative depth-first search, so that a long
// chain of calls cannot overflow the stack.
void ScenarioArchitectureCheck::callCycles(const ArchitectureSpec &arch, const QString &path)
{
    std::map<QString, std::vector<size_t>> out; // node → indices of its call edges
    for (size_t i = 0; i < arch.edges.size(); ++i) {
        const EdgeSpec &e = arch.edges[i];
        if (e.kind == EdgeKind::Call && m_references.knows(e.from) && m_references.knows(e.to))
            out[e.from].push_back(i);
    }
    enum class Colour { White, Grey, Black };
    std::map<QString, Colour> colour;
    struct Frame
    {
        QString node;
        size_t next = 0;
    };
    for (const QString &start : m_references.nodeIds()) {
        if (colour[start] != Colour::White)
            continue;
        std::vector<Frame> stack{{start, 0}};
        colour[start] = Colour::Grey;
        while (!stack.empty()) {
            Frame &top = stack.back();
            const auto &edges = out[top.node];
            if (top.next == edges.size()) {
                colour[top.node] = Colour::Black;
                stack.pop_back();
                continue;
            }
            const size_t edgeIndex = edges[top.next++];
            const QString next = arch.edges[edgeIndex].to;
            if (colour[next] == Colour::Grey) {
                auto first = std::find_if(stack.begin(), stack.end(),
                                          [&](const Frame &fr) { return fr.node == next; });
                QStringList loop;
                for (auto it = first; it != stack.end(); ++it)
                    loop << Text::quoted(it->node);
                loop << Text::quoted(next);
                m_issues.error(JsonPath::element(path, qsizetype(edgeIndex)),
                               QStringLiteral("synchronous calls form a cycle: ") +
                                   loop.join(QStringLiteral(" -> ")));
            } else if (colour[next] == Colour::White) {
                colour[next] = Colour::Grey;
                stack.push_back({next, 0}); // invalidates `top`, which is not used again
            }
        }
    }
}

void ScenarioArchitectureCheck::faultTarget(const FaultSpec &fault, const NodeSpec &node, const QString &at)
{
    const QString kindName = ScenarioKeys::name(fault.kind, ScenarioKeys::faultKinds());
    auto wrongKind = [&](const QString &wanted) {
        m_issues.error(at, QStringLiteral("expected ") + wanted + QStringLiteral(" for a ") +
                               Text::quoted(kindName) + QStringLiteral(" fault, got ") +
                               ScenarioKeys::name(node.kind, ScenarioKeys::nodeKinds()) + u' ' +
                               Text::quoted(node.id));
    };
    const bool worker = node.kind == NodeKind::Service || node.kind == NodeKind::Stream;
    switch (fault.kind) {
    case FaultKind::Down:
    case FaultKind::Slow:
    case FaultKind::ErrorRate:
        if (!worker)
            wrongKind(QStringLiteral("a service or stream node"));
        break;
    case FaultKind::ConsumerCrash: {
        if (!worker) {
            wrongKind(QStringLiteral("a service or stream node"));
            break;
        }
        // Only members of a consumer group can crash out of it.
        const bool consumes = std::any_of(
            m_scenario.architectures.begin(), m_scenario.architectures.end(), [&](const ArchitectureSpec &a) {
                return (fault.architecture.isEmpty() || a.name == fault.architecture) &&
                       std::any_of(a.edges.begin(), a.edges.end(), [&](const EdgeSpec &e) {
                           return e.kind == EdgeKind::Subscribe && e.to == fault.target;
                       });
            });
        if (!consumes && m_references.architecturesKnown())
            m_issues.error(at,
                           QStringLiteral("node ") + Text::quoted(fault.target) +
                               QStringLiteral(" consumes no topic (a consumer_crash needs a subscribe edge "
                                              "to it)"));
        break;
    }
    case FaultKind::BrokerDown:
        if (node.kind != NodeKind::Broker)
            wrongKind(QStringLiteral("a broker node"));
        break;
    case FaultKind::NetworkCut:
        break;
    case FaultKind::Spike:
        if (node.kind != NodeKind::Producer)
            wrongKind(QStringLiteral("a producer node"));
        break;
    }
}

} // namespace postoffice::app
