#pragma once

#include "Scenario.h"

#include <QUndoCommand>

namespace postoffice::ui {

class ScenarioDocument;

// Removes the edge at an index of an architecture; undo puts it back at the same index.
class RemoveEdgeCommand : public QUndoCommand
{
public:
    RemoveEdgeCommand(ScenarioDocument *document, const QString &architecture, int index,
                      QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ScenarioDocument *m_document;
    QString m_architecture;
    int m_index;
    app::EdgeSpec m_edge;
};

} // namespace postoffice::ui
