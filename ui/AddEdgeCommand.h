#pragma once

#include "Scenario.h"

#include <QUndoCommand>

namespace postoffice::ui {

class ScenarioDocument;

// Appends an edge to an architecture's edge list.
class AddEdgeCommand : public QUndoCommand
{
public:
    AddEdgeCommand(ScenarioDocument *document, const QString &architecture, app::EdgeSpec edge,
                   QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ScenarioDocument *m_document;
    QString m_architecture;
    app::EdgeSpec m_edge;
    int m_index = -1;
};

} // namespace postoffice::ui
