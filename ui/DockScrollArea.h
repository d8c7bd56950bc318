#pragma once

// A side dock's content in a vertical scroll area. Side docks share the height beside the
// canvases: a panel standing taller than that (the inspector on a service, the fault buttons of
// a nine-node shop) scrolls inside its dock instead of making the whole window taller than a
// 1280×720 projector. The panel keeps its own minimum width: nothing to scroll sideways.

#include <QScrollArea>

namespace postoffice::ui {

class DockScrollArea : public QScrollArea
{
    Q_OBJECT
public:
    explicit DockScrollArea(QWidget *panel, QWidget *parent = nullptr);

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

    // Lowest height a side dock's content asks for: a few lines of a panel, then it scrolls.
    static constexpr int minimumHeight = 60;
};

} // namespace postoffice::ui
