#pragma once

// The colours of the canvas in one place, for a light and a dark palette. Items read them at
// paint time, so switching the theme is a repaint, not a rebuild. Colours are chosen to stay
// distinct on a washed-out projector and for colour-blind viewers (Okabe–Ito based).

#include "LiveState.h"
#include "Scenario.h"

#include <QColor>
#include <QPalette>
#include <QString>

class QApplication;

namespace postoffice::ui {

class Theme
{
public:
    enum class Mode { Light, Dark };

    static Mode mode() { return s_mode; }
    // Sets the mode and the application's palette (and Fusion style, whose palette is honoured
    // on every platform).
    static void apply(Mode mode);
    static QPalette palette(Mode mode);

    static QColor canvasBackground();
    static QColor gridLine();
    static QColor cardFill();
    static QColor cardBorder();
    static QColor text();
    static QColor mutedText();
    static QColor selection();

    static QColor nodeKindColor(app::NodeKind kind);
    static QChar nodeKindLetter(app::NodeKind kind);
    static QString nodeKindName(app::NodeKind kind);
    static QColor edgeColor(app::EdgeKind kind);
    static QString edgeKindName(app::EdgeKind kind);
    static QColor healthColor(app::NodeHealth health);
    static QString healthName(app::NodeHealth health);
    // Health is never told by colour alone (colour-blind viewers, washed-out projectors): each
    // state also has its own border line and fill pattern.
    static Qt::PenStyle healthBorderStyle(app::NodeHealth health);
    static Qt::BrushStyle healthFillPattern(app::NodeHealth health);
    // Stable colour per event type ("OrderPlaced", "LowStock", ...) for moving messages.
    static QColor eventTypeColor(const QString &eventType);
    // Colour of the n-th consumer group's committed-offset marker on a topic's partition logs.
    static QColor groupColor(int index);

private:
    static inline Mode s_mode = Mode::Light;
};

} // namespace postoffice::ui
