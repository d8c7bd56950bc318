#include "AddEdgeCommand.h"

#include "ScenarioDocument.h"
#include "Theme.h"

namespace postoffice::ui {

AddEdgeCommand::AddEdgeCommand(ScenarioDocument *document, const QString &architecture, app::EdgeSpec edge,
                               QUndoCommand *parent)
    : QUndoCommand(parent), m_document(document), m_architecture(architecture), m_edge(std::move(edge))
{
    setText(
        QStringLiteral("Connect %1 → %2 (%3)").arg(m_edge.from, m_edge.to, Theme::edgeKindName(m_edge.kind)));
}

void AddEdgeCommand::redo()
{
    m_index = static_cast<int>(m_document->architecture(m_architecture)->edges.size());
    m_document->insertEdge(m_architecture, m_index, m_edge);
}

void AddEdgeCommand::undo()
{
    m_document->takeEdge(m_architecture, m_index);
}

} // namespace postoffice::ui
