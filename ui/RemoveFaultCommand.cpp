#include "RemoveFaultCommand.h"

#include "ScenarioDocument.h"

namespace postoffice::ui {

RemoveFaultCommand::RemoveFaultCommand(ScenarioDocument *document, int index, QUndoCommand *parent)
    : QUndoCommand(parent), m_document(document), m_index(index)
{
    setText(QStringLiteral("Delete fault"));
}

void RemoveFaultCommand::redo()
{
    m_fault = m_document->takeFault(m_index);
}

void RemoveFaultCommand::undo()
{
    m_document->insertFault(m_index, m_fault);
}

} // namespace postoffice::ui
