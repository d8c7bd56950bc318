#pragma once

// Reads a scenario file ("postoffice.scenario/1", DESIGN.md §5) and checks it completely: syntax,
// types, ranges, references between nodes, edges and faults, edge kinds against node kinds,
// cycles of synchronous calls. Every problem is collected (not just the first), each naming the
// file, the JSON path and what was expected, so a hand-edited file can be fixed in one pass.
//
// Unknown keys are warnings, not errors: the format promises that newer files may add fields, so
// an older PostOffice keeps them (in the `extra` members) and writes them back on save. A key that
// PostOffice knows but that belongs to another kind (timeout_ms on a publish edge) is an error,
// because the author clearly meant something that would otherwise be silently ignored.
//
// This class only orchestrates: it checks the syntax, then hands each part of the file to its
// reader (ScenarioClusterReader, ScenarioNodeReader, ScenarioEdgeReader, ScenarioFaultReader,
// ScenarioNarrationReader), which walk JSON through ScenarioFieldReader and feed the cross-checks
// (ScenarioReferenceCheck, ScenarioArchitectureCheck); all problems collect in
// ScenarioReaderIssues. A new node, edge or fault kind goes into its reader and, where it
// refers to other parts, into a check.

#include "Scenario.h"
#include "ScenarioIssue.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace postoffice::app {

class ScenarioLoader
{
public:
    static inline const QString SchemaVersion = QStringLiteral("postoffice.scenario/1");
    static constexpr qint64 MaxFileBytes = 16 * 1024 * 1024;

    struct Result
    {
        std::optional<Scenario> scenario; // present exactly when there is no error
        QList<ScenarioIssue> issues;      // errors and warnings, in the order found

        bool ok() const { return scenario.has_value(); }
        QStringList messages() const; // every issue as one line
        QStringList errors() const;   // errors only
    };

    static Result load(const QString &path);
    static Result parse(const QByteArray &bytes, const QString &fileName);
};

} // namespace postoffice::app
