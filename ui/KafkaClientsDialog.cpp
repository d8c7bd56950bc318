#include "KafkaClientsDialog.h"

#include "ArchitectureStyle.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace postoffice::ui {

KafkaClientsDialog::KafkaClientsDialog(const QStringList &architectures, const QList<bool> &withBrokers,
                                       QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Accept Kafka Clients"));
    auto *intro = new QLabel(tr("Real Kafka clients (kcat, librdkafka, Java, Python…) connect to the run's "
                                "simulated brokers: their records land in the simulated topics and their "
                                "consumer groups appear on the canvas. Each broker gets its own port, "
                                "upward from the first."),
                             this);
    intro->setWordWrap(true);

    m_address = new QLineEdit(QStringLiteral("127.0.0.1"), this);
    m_address->setToolTip(tr("The address to listen on. Keep 127.0.0.1 (this machine only) unless "
                             "learners connect from their own machines."));
    m_port = new QSpinBox(this);
    m_port->setRange(0, 65535);
    m_port->setValue(9092);
    m_port->setSpecialValueText(tr("any free ports"));
    m_port->setToolTip(tr("Broker 0's port; broker 1 gets the next one, and so on. 0: free ports."));
    m_architecture = new QComboBox(this);
    for (int i = 0; i < architectures.size(); ++i) {
        m_architecture->addItem(ArchitectureStyle::label(architectures[i]), i);
        if (!withBrokers.value(i)) {
            // An architecture without topics has no broker to connect to.
            m_architecture->setItemData(i, false, Qt::UserRole - 1); // disabled item
            m_architecture->setItemData(i, tr("Uses no topic: it has no broker for clients"),
                                        Qt::ToolTipRole);
        }
    }
    const int first = int(withBrokers.indexOf(true));
    if (first >= 0)
        m_architecture->setCurrentIndex(first);

    auto *form = new QFormLayout;
    form->addRow(tr("Listen on address:"), m_address);
    form->addRow(tr("First broker's port:"), m_port);
    form->addRow(tr("Architecture served:"), m_architecture);

    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_hint->setObjectName(QStringLiteral("kafkaClientsHint"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Accept Clients"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(m_buttons);
    setMinimumWidth(440);

    connect(m_address, &QLineEdit::textChanged, this, &KafkaClientsDialog::validate);
    connect(m_port, &QSpinBox::valueChanged, this, &KafkaClientsDialog::validate);
    connect(m_architecture, &QComboBox::currentIndexChanged, this, &KafkaClientsDialog::validate);
    validate();
}

QHostAddress KafkaClientsDialog::address() const
{
    const QString text = m_address->text().trimmed();
    if (text.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    return QHostAddress(text);
}

quint16 KafkaClientsDialog::basePort() const
{
    return quint16(m_port->value());
}

int KafkaClientsDialog::architecture() const
{
    return m_architecture->currentData().toInt();
}

void KafkaClientsDialog::validate()
{
    QString problem;
    const QHostAddress a = address();
    if (a.isNull())
        problem = tr("'%1' is not an IP address (nor 'localhost').").arg(m_address->text().trimmed());
    else if (const QVariant enabled =
                 m_architecture->itemData(m_architecture->currentIndex(), Qt::UserRole - 1);
             m_architecture->count() == 0 || (enabled.isValid() && !enabled.toBool()))
        problem = tr("This architecture uses no topic: it has no broker for clients.");
    QString hint = problem;
    if (problem.isEmpty()) {
        const QString host =
            a.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + a.toString() + u']' : a.toString();
        hint =
            m_port->value() == 0
                ? tr("Clients bootstrap from the address shown in the status bar once listening.")
                : tr("Clients bootstrap from %1:%2, e.g.  kcat -b %1:%2 -L").arg(host).arg(m_port->value());
        if (!a.isLoopback())
            hint += tr("\nNot a loopback address: other machines on the network can connect.");
    }
    m_hint->setText(hint);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace postoffice::ui
