#pragma once

// File ▸ Connect to Cluster…: where a real Kafka cluster is (bootstrap.servers), how often to
// poll it, groups to watch when the cluster does not list them (ACLs, old brokers), and client
// properties passed through to librdkafka (security.protocol, sasl.*, ssl.*), typed in a table or
// loaded from a java-properties file. Secret values (WatchConfig::isSecret: passwords,
// sasl.jaas.config, keys, tokens) are masked in the table and typed in password fields; they live
// in the WatchConfig handed to librdkafka and nowhere else (never in settings or logs).
//
// Connect checks what it can without contacting anyone — the bootstrap list's shape and every
// property against librdkafka — and says what is wrong in the dialog instead of closing.

#include "WatchConfig.h"

#include <QDialog>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace postoffice::ui {

class ConnectClusterDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectClusterDialog(QWidget *parent = nullptr);

    void setConfig(const app::WatchConfig &config);
    app::WatchConfig config() const;
    // The problem Connect would show now, or empty when the config can be used.
    QString problem() const;
    // Reads a java-properties file into the table; false (and the problem shown) on failure.
    bool loadPropertiesFile(const QString &path);
    void addProperty(const QString &key, const QString &value);

    QLineEdit *bootstrapEdit() const { return m_bootstrap; }
    QTableWidget *propertiesTable() const { return m_properties; }
    QLabel *problemLabel() const { return m_problem; }
    QPushButton *connectButton() const { return m_connect; }

    // A property's value as the table shows it: dots for a secret.
    static QString shownValue(const QString &key, const QString &value);
    // The value of a row as the table paints it (through its delegate).
    QString displayedValue(int row) const;

public slots:
    void accept() override;

protected:
    // The complaint's red follows the theme (readable on the dialog in either palette).
    void changeEvent(QEvent *event) override;

private:
    void styleProblem();

    QLineEdit *m_bootstrap = nullptr;
    QDoubleSpinBox *m_interval = nullptr;
    QLineEdit *m_groups = nullptr;
    QTableWidget *m_properties = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_connect = nullptr;
};

} // namespace postoffice::ui
