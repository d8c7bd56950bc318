#pragma once

// The event log dock: the EventLogModel in a table, filterable by kind, following the newest
// row unless the user has scrolled up to read.

#include <QWidget>

class QComboBox;
class QDockWidget;
class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace postoffice::ui {

class EventLogModel;

class EventLogPanel : public QWidget
{
    Q_OBJECT
public:
    enum Filter { All, Faults, Narration, Cluster, Losses };

    explicit EventLogPanel(QWidget *parent = nullptr);

    EventLogModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    void setFilter(Filter filter);
    // Rows visible under the current filter.
    int visibleRows() const;
    QString visibleText(int row, int column) const;
    // Sizes the short columns to the longest text they can hold; the sentence column gets the rest.
    // Short of room (a docked log, presenter mode's large font) the architecture column gives way
    // first, then the event's kind takes two lines ("Fault / starts") rather than its one-line
    // width.
    void fitColumns();
    // Makes every row as tall as its wrapped sentence now (done on its own shortly after a
    // resize; a snapshot cannot wait for that).
    void fitRows();

    // The width at which the sentence column has minSentenceEms in the panel's font, beside the
    // time and the kind on two lines: what the panel asks of its dock when its font grows.
    int readableWidth() const;

    // Width the sentence column keeps, in ems, before the architecture column is hidden and then
    // the kind column wraps: a sentence of Kafka client ids in about four lines.
    static constexpr int minSentenceEms = 20;

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // The short columns' widths in the view's font: one-line texts, and the kind on two lines.
    struct ColumnWidths
    {
        int time = 0;
        int architecture = 0;
        int kind = 0;
        int kindWrapped = 0;
        int sentence = 0; // minSentenceEms
        int em = 0;
    };
    ColumnWidths columnWidths() const;
    // The dock the panel sits in, docked and shown in a main window; else null.
    QDockWidget *dock() const;
    // Gives the panel's dock this width, taken from or given to the docks beside it.
    void fitDock(int width);

    EventLogModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QComboBox *m_filter = nullptr;
    QLabel *m_count = nullptr;
    QTimer *m_rowFit = nullptr;
    int m_em = 0;                 // the view font's em when the columns were last fitted to a font
    int m_widthBeforeGrowing = 0; // the dock's width before a larger font widened it
    bool m_follow = true;
};

} // namespace postoffice::ui
