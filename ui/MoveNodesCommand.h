#pragma once

#include <QPointF>
#include <QUndoCommand>

#include <map>

namespace postoffice::ui {

class ScenarioDocument;

// Moves one or more nodes (a drag of a multi-selection is one step).
class MoveNodesCommand : public QUndoCommand
{
public:
    MoveNodesCommand(ScenarioDocument *document, std::map<QString, QPointF> to,
                     QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    void apply(const std::map<QString, QPointF> &positions);

    ScenarioDocument *m_document;
    std::map<QString, QPointF> m_from;
    std::map<QString, QPointF> m_to;
};

} // namespace postoffice::ui
