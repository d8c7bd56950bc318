#pragma once

// Which edges make sense between which nodes, in one place, so that the canvas (drag to
// connect), the inspector and the decouple command refuse the same things with the same words.
//
//   call       producer | service           →  service            (synchronous RPC)
//   publish    producer | service | stream  →  topic
//   subscribe  topic                        →  service | stream   (a consumer group)
//
// Brokers are members of the cluster, not steps of the flow: they take no edges. Calls may not
// form a cycle: a synchronous call chain that comes back to its start waits for itself forever.

#include "Scenario.h"

#include <QString>

#include <optional>

namespace postoffice::ui {

class EdgeRules
{
public:
    // The kind an edge dragged from `from` to `to` gets, or nothing if no kind fits.
    static std::optional<app::EdgeKind> inferKind(app::NodeKind from, app::NodeKind to);
    // Empty if `edge` may be added to `architecture`, else a sentence saying why not.
    static QString check(const app::Scenario &scenario, const QString &architecture,
                         const app::EdgeSpec &edge);
    // True if adding a call from → to closes a cycle of calls in the edge list.
    static bool closesCallCycle(const std::vector<app::EdgeSpec> &edges, const QString &from,
                                const QString &to);
};

} // namespace postoffice::ui
