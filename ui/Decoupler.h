#pragma once

// Computes the decoupled counterpart of a tight architecture (what the "Decouple" command does,
// as data, so it can be tested without a window).
//
// Every service→service call becomes publish → topic → subscribe. One topic per caller and event
// type: when the order service calls inventory, notification and analytics with the same
// OrderPlaced event, the result is ONE topic "order-placed" with three consumer groups, which is
// how Kafka fans out — not three topics. The event type is the one of the producer whose calls
// reach the caller (a call with trigger "low_stock" carries a LowStock event). Calls from a
// producer to a service stay calls: that is the customer waiting for the order service.

#include "Scenario.h"

#include <QString>

#include <vector>

namespace postoffice::ui {

class Decoupler
{
public:
    struct Plan
    {
        std::vector<app::NodeSpec> newTopics; // topic nodes to add (existing topics are reused)
        std::vector<app::EdgeSpec> edges;     // the whole edge list of the decoupled architecture
        int convertedCalls = 0;
    };

    // Empty error and a plan, or an error saying why there is nothing to decouple.
    static Plan plan(const app::Scenario &scenario, const QString &tightArchitecture, QString *error);
    // "OrderPlaced" → "order-placed", "low_stock" → "low-stock".
    static QString topicNameFor(const QString &eventType);

    static constexpr int defaultPartitions = 6;
};

} // namespace postoffice::ui
