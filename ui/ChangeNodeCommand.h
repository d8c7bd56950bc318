#pragma once

#include "Scenario.h"

#include <QUndoCommand>

namespace postoffice::ui {

class ScenarioDocument;

// Replaces a node's properties (label, workers, partitions, ...) but never its id, which edges
// and faults refer to.
class ChangeNodeCommand : public QUndoCommand
{
public:
    ChangeNodeCommand(ScenarioDocument *document, const QString &id, app::NodeSpec after, const QString &text,
                      QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ScenarioDocument *m_document;
    QString m_id;
    app::NodeSpec m_before;
    app::NodeSpec m_after;
};

} // namespace postoffice::ui
