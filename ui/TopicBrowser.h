#pragma once

// Pick a topic and a partition, see its records (offset, key, value, timestamp, headers) and
// where each consumer group stands: log start, high watermark, log end, committed offset per
// group and the lag between them. Refreshes with the run while visible.
//
// Record contents come from the architecture's broker cluster through a provider function (the
// engine decides whether to expose it); offsets and group positions come from the simulation's
// live topic state.

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QSpinBox;
class QTableView;
class QTableWidget;

namespace postoffice::broker {
class Cluster;
}

namespace postoffice::ui {

class SimulationController;
class TopicRecordModel;

class TopicBrowser : public QWidget
{
    Q_OBJECT
public:
    using ClusterProvider = std::function<broker::Cluster *(int architecture)>;

    explicit TopicBrowser(SimulationController *controller, QWidget *parent = nullptr);

    void setClusterProvider(ClusterProvider provider);
    void select(int architecture, const QString &topic, int partition);
    // Re-reads the partition now.
    void refresh();

    TopicRecordModel *records() const { return m_records; }
    QTableWidget *groups() const { return m_groups; }
    QString summaryText() const;

    static constexpr int maxRows = 200;

private:
    void rebuild();

    SimulationController *m_controller;
    ClusterProvider m_provider;
    QComboBox *m_architecture = nullptr;
    QComboBox *m_topic = nullptr;
    QSpinBox *m_partition = nullptr;
    QLabel *m_summary = nullptr;
    QTableWidget *m_groups = nullptr;
    TopicRecordModel *m_records = nullptr;
    QTableView *m_view = nullptr;
};

} // namespace postoffice::ui
