#pragma once

// The palette dock: one tile per node kind (click adds the node in the middle of the current
// canvas, drag drops it where released) and the kind of edge a port-drag creates.

#include "Scenario.h"

#include <QWidget>

#include <optional>

class QButtonGroup;

namespace postoffice::ui {

class PaletteWidget : public QWidget
{
    Q_OBJECT
public:
    explicit PaletteWidget(QWidget *parent = nullptr);

    // The tile button of a kind (for tests and keyboard users).
    QWidget *tile(app::NodeKind kind) const;
    std::optional<app::EdgeKind> connectKind() const;
    void setConnectKind(std::optional<app::EdgeKind> kind);

signals:
    void addRequested(app::NodeKind kind);
    void connectKindChanged(std::optional<app::EdgeKind> kind);

private:
    QList<QWidget *> m_tiles;
    QButtonGroup *m_edgeKinds = nullptr;
};

} // namespace postoffice::ui
