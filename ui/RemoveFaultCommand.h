#pragma once

#include "Scenario.h"

#include <QUndoCommand>

namespace postoffice::ui {

class ScenarioDocument;

// Removes one scheduled fault (used when its target node is deleted).
class RemoveFaultCommand : public QUndoCommand
{
public:
    RemoveFaultCommand(ScenarioDocument *document, int index, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ScenarioDocument *m_document;
    int m_index;
    app::FaultSpec m_fault;
};

} // namespace postoffice::ui
