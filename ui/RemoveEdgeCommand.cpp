#include "RemoveEdgeCommand.h"

#include "ScenarioDocument.h"

namespace postoffice::ui {

RemoveEdgeCommand::RemoveEdgeCommand(ScenarioDocument *document, const QString &architecture, int index,
                                     QUndoCommand *parent)
    : QUndoCommand(parent), m_document(document), m_architecture(architecture), m_index(index)
{
    const app::EdgeSpec *e = document->edge(architecture, index);
    setText(QStringLiteral("Delete edge %1 → %2").arg(e ? e->from : QString(), e ? e->to : QString()));
}

void RemoveEdgeCommand::redo()
{
    m_edge = m_document->takeEdge(m_architecture, m_index);
}

void RemoveEdgeCommand::undo()
{
    m_document->insertEdge(m_architecture, m_index, m_edge);
}

} // namespace postoffice::ui
