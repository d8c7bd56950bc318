#pragma once

// Run ▸ Accept Kafka Clients…: where real Kafka clients reach the run — the listen address, the
// first broker's port (each simulated broker gets its own, upward from it, as `postoffice serve
// --listen` does) and the architecture whose cluster they talk to.

#include <QDialog>
#include <QHostAddress>
#include <QStringList>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace postoffice::ui {

class KafkaClientsDialog : public QDialog
{
    Q_OBJECT
public:
    // `architectures`: the run's architectures; `withBrokers`: which of them have a cluster
    // (a topic). The first with one is chosen.
    KafkaClientsDialog(const QStringList &architectures, const QList<bool> &withBrokers,
                       QWidget *parent = nullptr);

    QHostAddress address() const;
    quint16 basePort() const;
    int architecture() const;

    QLineEdit *addressEdit() const { return m_address; }
    QSpinBox *portBox() const { return m_port; }
    QComboBox *architectureBox() const { return m_architecture; }

private:
    void validate();

    QLineEdit *m_address = nullptr;
    QSpinBox *m_port = nullptr;
    QComboBox *m_architecture = nullptr;
    QLabel *m_hint = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace postoffice::ui
