#pragma once

// Writes a live chart to a file as it is shown, for slides and reports: PNG (at twice the
// screen's resolution, so it stays sharp on a projector) or SVG (which scales without loss).
// An exported chart stands alone, without the shared key that says which colour is which, so
// for as long as the export takes its own legend names the architectures and its time axis has
// its labels.

#include <QPoint>
#include <QString>

namespace postoffice::ui {

class LiveChart;

class ChartExporter
{
public:
    // The format follows the suffix (.png or .svg); false with `error` set when it cannot write.
    static bool write(LiveChart &chart, const QString &path, QString *error);
    // The chart's context menu at `globalPos`: PNG or SVG, then a file dialog; a failure is
    // reported in a message box.
    static void offer(LiveChart &chart, const QPoint &globalPos);
};

} // namespace postoffice::ui
