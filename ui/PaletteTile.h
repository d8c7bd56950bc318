#pragma once

// One palette entry: a button that adds its node kind when clicked and starts a drag carrying
// the kind when dragged (GraphView accepts the drop).

#include "Scenario.h"

#include <QToolButton>

namespace postoffice::ui {

class PaletteTile : public QToolButton
{
    Q_OBJECT
public:
    PaletteTile(app::NodeKind kind, QWidget *parent = nullptr);
    app::NodeKind kind() const { return m_kind; }

    // The tile's round kind icon, also used by menus.
    static QIcon kindIcon(app::NodeKind kind);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    app::NodeKind m_kind;
    QPoint m_pressPos;
};

} // namespace postoffice::ui
