#pragma once

// Tables of scenario faults for data-driven tests (the engine's live faults, the event log's
// sentences, the timeline's labels): one row gives a fault by its fields, read back as a FaultSpec.

#include "Scenario.h"

#include <QTest>

namespace postoffice::testing {

inline void addFaultColumns()
{
    QTest::addColumn<int>("kind"); // app::FaultKind
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<double>("factor");
    QTest::addColumn<double>("addMs");
    QTest::addColumn<double>("rate");
    QTest::addColumn<int>("consumers");
}

inline app::FaultSpec fetchFault()
{
    QFETCH(int, kind);
    QFETCH(QString, target);
    QFETCH(QString, peer);
    QFETCH(double, factor);
    QFETCH(double, addMs);
    QFETCH(double, rate);
    QFETCH(int, consumers);
    app::FaultSpec f;
    f.kind = app::FaultKind(kind);
    f.target = target;
    f.peer = peer;
    f.factor = factor;
    f.add_ms = addMs;
    f.rate = rate;
    f.consumers = consumers;
    return f;
}

} // namespace postoffice::testing
