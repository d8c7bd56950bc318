#pragma once

// The run database's tables (DESIGN.md §7): creating them in a new file, recognising a file as
// ours, bringing a file of an earlier version up to date, and finding out which later columns a
// file opened read-only lacks (those read back as "no value").

#include <QString>
#include <QStringList>
#include <QVariant>

namespace postoffice::app {

class RunDatabase;

class RunStoreSchema
{
public:
    // Columns added after databases were already out there.
    struct Columns
    {
        bool responseP95 = false; // order_samples.response_p95_ms
        bool fault = false;       // events.fault_kind / fault_peer
        bool rebalance = false;   // events.members / partitions / moved
    };

    // Written into meta so that a foreign SQLite file is refused instead of being filled with our
    // tables (or exported as an empty result).
    static const QString &version();

    // Whether the file carries our schema marker; if not, the error says why.
    static bool isOurs(RunDatabase &db);
    // Creates what is missing and upgrades an older file, in one transaction.
    static bool create(RunDatabase &db);
    static Columns columns(RunDatabase &db);

    // The sample tables' columns, in the order their insert statements bind them.
    static const QStringList &nodeColumns();
    static const QStringList &lagColumns();
    static const QStringList &orderColumns();

    // A count that may not be known: SimEvent's -1 is stored as NULL and read back as -1.
    static QVariant figure(int value)
    {
        return value >= 0 ? QVariant(value) : QVariant(QMetaType(QMetaType::Int));
    }
    static int figure(const QVariant &value) { return value.isNull() ? -1 : value.toInt(); }
};

} // namespace postoffice::app
