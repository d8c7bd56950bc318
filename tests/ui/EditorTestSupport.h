#pragma once

// Shared by the editor suites: a small shop scenario (both architectures, a fault, a broker
// node) parsed by the real loader, and the canonical JSON of a scenario for exact comparisons.

#include "ScenarioLoader.h"
#include "ScenarioWriter.h"

#include <QTest>

namespace postoffice::uitest {

inline const char *shopScenarioJson()
{
    return R"({ "schema": "postoffice.scenario/1", "name": "Editor shop", "seed": 7, "duration_s": 600,
  "cluster": { "brokers": 3 },
  "nodes": [
    { "id": "checkout", "kind": "producer", "pos": [0, 200], "traffic": { "pattern": "poisson", "rate_per_s": 50 } },
    { "id": "order-service", "kind": "service", "pos": [260, 200], "workers": 8,
      "service_time": { "dist": "exponential", "mean_ms": 20 } },
    { "id": "orders", "kind": "topic", "pos": [520, 60], "partitions": 6, "replication_factor": 3 },
    { "id": "inventory", "kind": "service", "pos": [780, 60], "workers": 4,
      "service_time": { "dist": "exponential", "mean_ms": 15 } },
    { "id": "notification", "kind": "service", "pos": [780, 220], "workers": 2,
      "service_time": { "dist": "constant", "mean_ms": 30 } },
    { "id": "analytics", "kind": "service", "pos": [780, 380], "workers": 2,
      "service_time": { "dist": "constant", "mean_ms": 10 } },
    { "id": "broker-0", "kind": "broker", "pos": [520, 420], "broker_id": 0 } ],
  "architectures": {
    "tight": { "edges": [
      { "kind": "call", "from": "checkout", "to": "order-service", "timeout_ms": 2000, "retries": 2 },
      { "kind": "call", "from": "order-service", "to": "inventory", "timeout_ms": 1000 },
      { "kind": "call", "from": "order-service", "to": "notification", "timeout_ms": 1000 } ] },
    "decoupled": { "edges": [
      { "kind": "call", "from": "checkout", "to": "order-service" },
      { "kind": "publish", "from": "order-service", "to": "orders", "acks": "all" },
      { "kind": "subscribe", "from": "orders", "to": "inventory", "group": "inventory", "consumers": 2 } ] } },
  "faults": [ { "kind": "down", "target": "notification", "at_s": 60, "duration_s": 60 } ] })";
}

// Fails the calling test (and returns an empty scenario) if the shop does not load.
inline app::Scenario shopScenario()
{
    const app::ScenarioLoader::Result r =
        app::ScenarioLoader::parse(shopScenarioJson(), QStringLiteral("shop.json"));
    if (!r.ok()) {
        QTest::qFail(qPrintable(r.messages().join(QLatin1Char('\n'))), __FILE__, __LINE__);
        return {};
    }
    return *r.scenario;
}

inline QByteArray canonical(const app::Scenario &scenario)
{
    return app::ScenarioWriter::toBytes(scenario);
}

} // namespace postoffice::uitest
