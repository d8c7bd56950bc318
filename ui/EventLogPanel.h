#pragma once

// The event log dock: the EventLogModel in a table, filterable by kind, following the newest
// row unless the user has scrolled up to read.

#include <QWidget>

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

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

private:
    EventLogModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QComboBox *m_filter = nullptr;
    QLabel *m_count = nullptr;
    bool m_follow = true;
};

} // namespace postoffice::ui
