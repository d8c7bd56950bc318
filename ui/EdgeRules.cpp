#include "EdgeRules.h"

#include "Theme.h"

#include <QSet>

namespace postoffice::ui {

using app::EdgeKind;
using app::NodeKind;

namespace {

bool isWorker(NodeKind k)
{
    return k == NodeKind::Service || k == NodeKind::Stream;
}

bool canSend(NodeKind k)
{
    return k == NodeKind::Producer || isWorker(k);
}

} // namespace

std::optional<EdgeKind> EdgeRules::inferKind(NodeKind from, NodeKind to)
{
    if (canSend(from) && to == NodeKind::Topic)
        return EdgeKind::Publish;
    if (from == NodeKind::Topic && isWorker(to))
        return EdgeKind::Subscribe;
    if ((from == NodeKind::Producer || from == NodeKind::Service) && to == NodeKind::Service)
        return EdgeKind::Call;
    return std::nullopt;
}

QString EdgeRules::check(const app::Scenario &scenario, const QString &architecture,
                         const app::EdgeSpec &edge)
{
    const app::NodeSpec *from = scenario.node(edge.from);
    const app::NodeSpec *to = scenario.node(edge.to);
    if (!from || !to)
        return QStringLiteral("Unknown node \"%1\".").arg(from ? edge.to : edge.from);
    const app::ArchitectureSpec *arch = scenario.architecture(architecture);
    if (!arch)
        return QStringLiteral("No architecture \"%1\".").arg(architecture);
    if (edge.from == edge.to)
        return QStringLiteral("A node cannot be connected to itself.");

    const QString kindName = Theme::edgeKindName(edge.kind);
    const QString what = QStringLiteral("A %1 edge cannot go from a %2 (%3) to a %4 (%5)")
                             .arg(kindName, Theme::nodeKindName(from->kind), edge.from,
                                  Theme::nodeKindName(to->kind), edge.to);
    bool fits = false;
    switch (edge.kind) {
    case EdgeKind::Call:
        fits = (from->kind == NodeKind::Producer || from->kind == NodeKind::Service) &&
               to->kind == NodeKind::Service;
        if (!fits)
            return what + QStringLiteral(": calls go from a producer or service to a service.");
        break;
    case EdgeKind::Publish:
        fits = canSend(from->kind) && to->kind == NodeKind::Topic;
        if (!fits)
            return what + QStringLiteral(": publish writes to a topic.");
        break;
    case EdgeKind::Subscribe:
        fits = from->kind == NodeKind::Topic && isWorker(to->kind);
        if (!fits)
            return what + QStringLiteral(": subscribe reads from a topic into a service.");
        break;
    }

    for (const app::EdgeSpec &e : arch->edges) {
        if (e.kind == edge.kind && e.from == edge.from && e.to == edge.to)
            return QStringLiteral("%1 already has a %2 edge from %3 to %4.")
                .arg(architecture, kindName, edge.from, edge.to);
    }
    if (edge.kind == EdgeKind::Call && closesCallCycle(arch->edges, edge.from, edge.to))
        return QStringLiteral("A call from %1 to %2 would make a cycle of synchronous calls (%2 already "
                              "calls %1, directly or through others).")
            .arg(edge.from, edge.to);
    return {};
}

bool EdgeRules::closesCallCycle(const std::vector<app::EdgeSpec> &edges, const QString &from,
                                const QString &to)
{
    // Adding from → to closes a cycle iff `from` is reachable from `to` along calls.
    QSet<QString> seen{to};
    QList<QString> stack{to};
    while (!stack.isEmpty()) {
        const QString at = stack.takeLast();
        if (at == from)
            return true;
        for (const app::EdgeSpec &e : edges) {
            if (e.kind == EdgeKind::Call && e.from == at && !seen.contains(e.to)) {
                seen.insert(e.to);
                stack.append(e.to);
            }
        }
    }
    return false;
}

} // namespace postoffice::ui
