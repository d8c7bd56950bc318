#pragma once

// Pick a topic and a partition, see its records (offset, key, value, timestamp, headers) and
// where each consumer group stands: log start, high watermark, log end, committed offset per
// group and the lag between them.
//
// Records are read from the architecture's broker with Cluster::read, which is not a consumer
// fetch: browsing never moves a group or shows up in the run's numbers. The newest page follows
// the run; paging back pins the view to an offset until "Newest" is pressed again. Offsets that
// retention deleted are explained ("the broker is not a database"), never shown as a blank table.
// Reading is cheap but not free, so it happens only while the browser is visible and at most
// refreshHz times a second.

#include <QWidget>

#include <functional>
#include <vector>

class QComboBox;
class QLabel;
class QSpinBox;
class QTableView;
class QTableWidget;
class QTimer;
class QToolButton;

namespace postoffice::app {
struct PartitionState;
}

namespace postoffice::ui {

class SimulationController;
class TopicRecordModel;

class TopicBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit TopicBrowser(SimulationController *controller, QWidget *parent = nullptr);

    // Shows the newest page of that partition.
    void select(int architecture, const QString &topic, int partition);
    // Re-reads the partition now.
    void refresh();

    // Paging. showFrom pins the first row to `offset` (raised to the log start, with a notice if
    // it was deleted); showNewest follows the end of the log again.
    void showNewest();
    void showOlder();
    void showNewer();
    void showFrom(qint64 offset);
    // First offset of the pinned page, or -1 while following the newest records.
    qint64 pageStart() const { return m_pageStart; }

    // Adds to a partition's groups those the engine does not know (real Kafka clients' groups,
    // KafkaClientsBinder::addExternalGroups), so that they are listed with their lag too.
    using PartitionDecorator =
        std::function<void(int architecture, const QString &topic, std::vector<app::PartitionState> &)>;
    void setPartitionDecorator(PartitionDecorator decorate) { m_decorate = std::move(decorate); }

    TopicRecordModel *records() const { return m_records; }
    QTableWidget *groups() const { return m_groups; }
    QString summaryText() const;
    // Why the table shows less than asked (retention, not written yet); empty when nothing to say.
    QString noticeText() const;

    static constexpr int maxRows = 200;
    static constexpr int refreshHz = 4;

private:
    void rebuild();
    void scheduleRefresh();
    void updatePagingButtons(qint64 logStart);

    SimulationController *m_controller;
    QComboBox *m_architecture = nullptr;
    QComboBox *m_topic = nullptr;
    QSpinBox *m_partition = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_notice = nullptr;
    QTableWidget *m_groups = nullptr;
    QToolButton *m_newest = nullptr;
    QToolButton *m_older = nullptr;
    QToolButton *m_newer = nullptr;
    QSpinBox *m_goTo = nullptr;
    TopicRecordModel *m_records = nullptr;
    QTableView *m_view = nullptr;
    QTimer *m_refreshTimer = nullptr;
    qint64 m_pageStart = -1;
    PartitionDecorator m_decorate;
};

} // namespace postoffice::ui
