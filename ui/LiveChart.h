#pragma once

// One live time-series chart with a line per architecture on shared axes.
//
// Data arrives at simulation speed; the chart keeps it in plain lists and only touches the
// QLineSeries in refresh(), which the owner calls from a rate-limited timer (PlotJuggler's
// habit). refresh() hands each series the visible window in one replace() call, decimated to a
// few hundred points, so a redraw costs the same after one minute or ten hours of simulated time.
//
// A metric can be undefined for a second (no order completed: no latency). Such seconds are not
// left blank — a blank reads as "no data" or "broken" from across a room. With a gap label, each
// line gets a coloured lane at the bottom of the plot marking its undefined seconds, and while a
// gap lasts a caption in the plot says so in words ("Tight-coupled: no order completed since …").
//
// The time axis ticks on round values (ChartTimeTicks: every 2 min over any 10 minutes).
// The value axis picks its unit from the values shown (ChartUnit): "10 min", not "600000". Its
// ticks are named one by one (a QCategoryAxis, labels on the values) so that its foot reads "0"
// whatever the unit above it.
// The legend says what the line styles mean ("customer wait" solid, "all done" dashed) in a
// neutral ink; the architecture entries (which colour is which) can be left to a key shared by
// several charts (ChartsPanel's), which spares each chart the rows a short chart does not have.

#include "ChartGapLanes.h"
#include "ChartUnit.h"

#include <QChartView>
#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <vector>

class QAreaSeries;
class QCategoryAxis;
class QLineSeries;
class QValueAxis;

namespace postoffice::ui {

class DashedLineOverlay;

class LiveChart : public QChartView
{
    Q_OBJECT
public:
    LiveChart(const QString &title, ChartUnit::Quantity quantity = ChartUnit::Count,
              QWidget *parent = nullptr);

    // One line per architecture, or per (variant, architecture) when variants are given
    // ("accepted", "completed"): line index = variant × architectures + architecture. Every
    // per-line function below takes that index; with one variant it is the architecture's.
    // gapLabel: what an undefined second means, short, for the legend ("none completed");
    // gapCaption: the same in words for the in-plot caption ("no order completed"). An empty
    // gapLabel means no gap lanes. Lanes and captions are for the lines of gapVariant.
    void setArchitectures(const QStringList &architectures, const QStringList &variants = {},
                          const QString &gapLabel = {}, const QString &gapCaption = {}, int gapVariant = 0);
    int lineIndex(int architecture, int variant) const
    {
        return variant * int(m_architectures.size()) + architecture;
    }
    QStringList architectures() const { return m_architectures; }
    QStringList variants() const { return m_variants; }
    // The last `count` architectures are compared runs: their lines are drawn thinner, on top, so
    // where a compared run goes the same way as the live one both lines stay visible.
    void setComparedArchitectures(int count);
    void clear();

    // Shorter words for a chart too small for its own (presenter mode's font at 1280×720): the
    // title ("Backlog: consumer lag") and the style keys' names ("reply" for "customer wait").
    // When even those rows are more than the legend's height, the gap lanes' key is left out
    // (the caption says in words what a lane means while it lasts).
    void setCompactWords(const QString &title, const QStringList &variants = {});
    // Whether the chart uses them now.
    bool compact() const { return m_compact; }

    // Whether the legend names the architectures (colours); off when a shared key does it.
    // The style keys (variants, gaps) stay. A chart whose legend has nothing left hides it.
    void setArchitecturesInLegend(bool shown);
    bool architecturesInLegend() const { return m_architecturesInLegend; }
    // Whether the time axis has its tick labels; a chart stacked above another with the same
    // window leaves them to the one below and gives the plot their height. Exports show them.
    void setTimeLabelsVisible(bool shown);
    bool timeLabelsVisible() const { return m_timeLabels; }

    // Stores a sample; time in simulated seconds, strictly increasing per architecture.
    void append(int architecture, double t_s, double value);
    // Marks a second in which the line has no value (time strictly increasing per line).
    void appendGap(int line, double t_s);
    // Visible time range in simulated seconds; applied on the next refresh().
    void setWindow(double from_s, double to_s);
    void refresh();

    QLineSeries *series(int architecture) const;
    // The lane marking an architecture's undefined seconds (of its gapVariant line); null
    // without a gap label.
    QAreaSeries *gapSeries(int architecture) const;
    // The legend's style keys: one empty line per variant (neutral ink, the variant's pen style)
    // and, with gap lanes, one stippled box.
    QList<QLineSeries *> variantKeys() const { return m_variantKeys; }
    QAreaSeries *gapKey() const { return m_lanes.key(); }
    // Start of the gap the line is in now (its latest second is undefined), or -1 if none.
    double gapSince(int line) const;
    // The caption lines shown in the plot for gaps that are going on now.
    QStringList gapCaptions() const;
    // The box of an architecture's caption, in the chart's coordinates (as QChart::plotArea()).
    QRectF gapCaptionRect(int architecture) const;
    QValueAxis *timeAxis() const { return m_timeAxis; }
    QCategoryAxis *valueAxis() const { return m_valueAxis; }
    // The unit the value axis reads in since the last refresh().
    ChartUnit valueUnit() const { return m_unit; }
    DashedLineOverlay *dashedOverlay() const { return m_dashed; }
    // Largest value held for an architecture within [from_s, to_s] (for tests and captions).
    double maxValue(int architecture, double from_s, double to_s) const;
    double lastValue(int architecture) const;
    qsizetype storedPoints(int architecture) const;

    // Writes the chart as it is shown; the format follows the suffix (.png or .svg).
    bool exportTo(const QString &path, QString *error = nullptr);

    // Smallest chart the charts dock may make: at 1280×720 with four architectures the charts
    // get what the canvases leave, and 96 px still holds the title, a plot with three value
    // ticks and the time ticks, also in presenter mode's larger font.
    static constexpr QSize minimumChart{200, 96};
    // Points handed to a series per refresh at most; beyond it min/max pairs per bucket keep
    // peaks (a lag spike must never be averaged away).
    // The budget follows the plot's width in pixels, within these bounds.
    static constexpr int maxPointsPerSeries = 600;
    static constexpr int minPointsPerSeries = 200;
    int pointBudget() const;
    // A gap shorter than this is ordinary jitter at low traffic and gets no caption (its lane
    // still shows it).
    static constexpr double gapCaptionSeconds = 3.0;

signals:
    // Wheel over the chart: > 1 zooms out (longer window), < 1 zooms in.
    void zoomRequested(double factor);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitWords();
    void refreshGaps(double scale, double top);
    void applyFonts();
    void applyLegend();
    void removeAllSeries();
    QColor keyInk() const;

    ChartUnit::Quantity m_quantity;
    ChartUnit m_unit;
    QStringList m_architectures;
    QStringList m_variants;
    int m_gapVariant = 0;
    bool m_architecturesInLegend = true;
    bool m_timeLabels = true;
    QList<QLineSeries *> m_variantKeys;
    QString m_title;
    QString m_compactTitle;
    QStringList m_compactVariants;
    bool m_compact = false;
    bool m_gapKeyShown = true;
    std::vector<std::vector<QPointF>> m_data;
    std::vector<QLineSeries *> m_series;
    DashedLineOverlay *m_dashed = nullptr;
    QString m_gapCaption;
    QString m_gapLabel;
    std::vector<std::vector<double>> m_gaps;
    QValueAxis *m_timeAxis = nullptr;
    QCategoryAxis *m_valueAxis = nullptr;
    ChartGapLanes m_lanes;
    double m_from_s = 0.0;
    double m_to_s = 60.0;
};

} // namespace postoffice::ui
