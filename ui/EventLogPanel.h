#pragma once

// The event log dock: the EventLogModel in a table, filterable by kind, following the newest
// row unless the user has scrolled up to read.

#include <QWidget>

class QComboBox;
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
    void fitColumns();
    // Makes every row as tall as its wrapped sentence now (done on its own shortly after a
    // resize; a snapshot cannot wait for that).
    void fitRows();

    // Width the sentence column keeps, in ems, before the architecture column is hidden.
    static constexpr int minSentenceEms = 12;

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    EventLogModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QComboBox *m_filter = nullptr;
    QLabel *m_count = nullptr;
    QTimer *m_rowFit = nullptr;
    bool m_follow = true;
};

} // namespace postoffice::ui
