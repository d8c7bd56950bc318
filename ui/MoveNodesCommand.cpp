#include "MoveNodesCommand.h"

#include "ScenarioDocument.h"

namespace postoffice::ui {

MoveNodesCommand::MoveNodesCommand(ScenarioDocument *document, std::map<QString, QPointF> to,
                                   QUndoCommand *parent)
    : QUndoCommand(parent), m_document(document), m_to(std::move(to))
{
    for (const auto &[id, pos] : m_to) {
        if (const app::NodeSpec *n = document->node(id))
            m_from[id] = n->pos;
    }
    setText(m_to.size() == 1 ? QStringLiteral("Move %1").arg(m_to.begin()->first)
                             : QStringLiteral("Move %1 nodes").arg(m_to.size()));
}

void MoveNodesCommand::redo()
{
    apply(m_to);
}

void MoveNodesCommand::undo()
{
    apply(m_from);
}

void MoveNodesCommand::apply(const std::map<QString, QPointF> &positions)
{
    for (const auto &[id, pos] : positions)
        m_document->setNodePosition(id, pos);
}

} // namespace postoffice::ui
