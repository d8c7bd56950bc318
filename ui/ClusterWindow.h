#pragma once

// The window of a watched Kafka cluster (File ▸ Connect to Cluster…), a top-level window of its
// own so that the simulator's stays as it was: the canvas (ClusterScene) with the event log
// beside it, and three charts under them — records per second in and out per topic, lag per
// group in records and in seconds (estimated) — kept for the session.
//
// librdkafka never runs on this thread: the ClusterWatcher polls on a thread of its own and hands
// every observation, event and problem over by queued signals. A problem that stops the watch
// (cluster unreachable, authentication refused) shows as a red banner over the canvas and in the
// status line, with the retry the watcher plans, while the last good observation stays on show;
// a partial one (a group hidden, groups not listed) is a note in the status line. Both go to the
// event log. Closing the window stops the watcher without waiting for it: the watcher's thread
// ends on its own and the watcher deletes itself then, so no librdkafka call can hang the GUI.
//
// Everything watched is kept in a run store like a simulated run (WatchRecorder: client
// properties with secrets as "***"), in a private temporary database removed with the window;
// Export Watch… writes it as CSV, JSON, NDJSON and SQLite, as File ▸ Export Run… does for runs.
//
// Save as Scenario… writes what was observed as a what-if scenario (WhatIfScenario) and offers to
// open it in the simulator (openScenarioRequested).

#include "ClusterWatcher.h"
#include "LiveState.h"
#include "RunStore.h"
#include "WatchConfig.h"
#include "WatchRecorder.h"
#include "WhatIfScenario.h"

#include <QHash>
#include <QMainWindow>
#include <QTemporaryDir>

#include <memory>
#include <optional>

class QGraphicsView;
class QLabel;
class QPlainTextEdit;

namespace postoffice::ui {

class ClusterChart;
class ClusterScene;

class ClusterWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit ClusterWindow(const app::WatchConfig &config, QWidget *parent = nullptr);
    ~ClusterWindow() override;

    // File ▸ Connect to Cluster…: asks for the cluster (the last one's settings filled in, secrets
    // never), then opens and starts its window, a top-level child of `parent`. Null if cancelled.
    static ClusterWindow *connectDialog(QWidget *parent);
    // The settings of the last cluster connected to, and remembering them: secrets are left out
    // (WatchConfig::isSecret), so a password typed once is typed again, never read from disk.
    static app::WatchConfig rememberedConfig();
    static void remember(const app::WatchConfig &config);

    void start();
    // Stops the watch; never waits (the watcher deletes itself when its thread has ended, and
    // watcher() is null from now on).
    void stop();

    app::ClusterWatcher *watcher() const { return m_watcher; }
    ClusterScene *scene() const { return m_scene; }
    QGraphicsView *view() const { return m_view; }
    ClusterChart *ratesChart() const { return m_rates; }
    ClusterChart *lagChart() const { return m_lag; }
    ClusterChart *lagSecondsChart() const { return m_lagSeconds; }
    QPlainTextEdit *eventLog() const { return m_events; }
    // The log's lines as (kind, sentence): "broker lost", "leader change", "problem"...
    struct LogEntry
    {
        QString kind;
        QString text;
        QDateTime at;
        std::optional<app::NodeHealth> tone; // the kind's colour (Theme::healthColor); none: text
    };
    const QList<LogEntry> &logEntries() const { return m_logEntries; }
    static constexpr int maxLogLines = 5000;
    // The red banner over the canvas (hidden while the cluster answers) and the status line.
    QLabel *banner() const { return m_banner; }
    QLabel *statusLine() const { return m_status; }
    int observations() const { return m_observations; }

    // Writes the what-if scenario of what was observed so far; false with *error when nothing
    // was observed yet or the file cannot be written.
    bool saveScenario(const QString &path, QString *error = nullptr);
    // Writes the watch kept so far: basePath.csv, .json, .events.ndjson and .sqlite. False with
    // *error when the store failed or nothing was observed yet.
    bool exportWatch(const QString &basePath, QStringList *written = nullptr, QString *error = nullptr);
    // The run store's file (a private temporary database) and the watch's run in it.
    QString databasePath() const;
    std::optional<qint64> runId() const { return m_runId; }

signals:
    // The user chose to open a saved what-if scenario in the simulator window.
    void openScenarioRequested(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;
    // The theme switched: the canvas, the status line and the log take its colours.
    void changeEvent(QEvent *event) override;
    // The canvas changed size (the window, presenter mode, the banner): fitted again.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onObserved(const app::ClusterObservationPtr &observation);
    void onEvent(const app::ClusterEvent &event);
    void onProblem(const QString &message);
    void onRecovered(const QString &message);
    void addLogRow(const QDateTime &at, const QString &kind, const QString &text,
                   std::optional<app::NodeHealth> tone);
    QString logRowHtml(const LogEntry &entry) const;
    void applyTheme();
    void showStatus(const QString &text, bool problem);
    // Notes can be long (librdkafka's own words): elided in the status bar, whole in the tooltip.
    void elideNote();
    void updateCharts(const app::ClusterObservation &o);
    void saveScenarioDialog();
    void exportWatchDialog();
    void openStore();
    void storeFailed();
    void fit();

    app::WatchConfig m_config;
    app::ClusterWatcher *m_watcher = nullptr;
    app::WhatIfScenario m_whatIf;
    QTemporaryDir m_storeDir;
    std::unique_ptr<app::RunStore> m_store;
    std::unique_ptr<app::WatchRecorder> m_recorder;
    std::optional<qint64> m_runId;
    bool m_storeOk = false;
    ClusterScene *m_scene = nullptr;
    QGraphicsView *m_view = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_note = nullptr;
    ClusterChart *m_rates = nullptr;
    ClusterChart *m_lag = nullptr;
    ClusterChart *m_lagSeconds = nullptr;
    QPlainTextEdit *m_events = nullptr;
    QList<LogEntry> m_logEntries;
    int m_observations = 0;
    bool m_autoFit = true;
    bool m_problemSincePoll = false;
    bool m_statusIsProblem = false;
    // Committed offsets of the previous poll, for each topic's egress: (group, topic, partition).
    QHash<QString, qint64> m_previousCommitted;
    qint64 m_previousMs = -1;
};

} // namespace postoffice::ui
