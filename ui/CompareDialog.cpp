#include "CompareDialog.h"

#include "ArchitectureStyle.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace postoffice::ui {

CompareDialog::CompareDialog(const app::Scenario &scenario, QWidget *parent)
    : QDialog(parent), m_scenario(scenario)
{
    setWindowTitle(tr("Compare Runs"));
    auto *intro = new QLabel(tr("Run this scenario again beside the live run with one parameter "
                                "changed: same customers, same faults. The charts show it as one more line."),
                             this);
    intro->setWordWrap(true);

    m_architecture = new QComboBox(this);
    for (const app::ArchitectureSpec &a : m_scenario.architectures)
        m_architecture->addItem(ArchitectureStyle::label(a.name), a.name);
    m_parameter = new QComboBox(this);
    m_parameter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_count = new QSpinBox(this);
    m_count->setRange(1, 256);
    m_acks = new QComboBox(this);
    for (const QString &a : {QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("all")})
        m_acks->addItem(a, a);
    // Either a count or the acks setting, as tall as one line.
    m_value = new QWidget(this);
    auto *valueRow = new QHBoxLayout(m_value);
    valueRow->setContentsMargins(0, 0, 0, 0);
    valueRow->addWidget(m_count);
    valueRow->addWidget(m_acks);
    valueRow->addStretch();
    m_count->setMinimumWidth(100);
    m_acks->setMinimumWidth(100);
    m_now = new QLabel(this);

    auto *form = new QFormLayout;
    form->addRow(tr("Architecture:"), m_architecture);
    form->addRow(tr("Parameter:"), m_parameter);
    form->addRow(tr("New value:"), m_value);
    form->addRow(QString(), m_now);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Compare"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_architecture, &QComboBox::currentIndexChanged, this, &CompareDialog::fillParameters);
    connect(m_parameter, &QComboBox::currentIndexChanged, this, &CompareDialog::showParameter);
    fillParameters();
    setMinimumWidth(480);
}

void CompareDialog::fillParameters()
{
    m_candidates = app::ScenarioVariant::candidates(m_scenario, m_architecture->currentData().toString());
    const QSignalBlocker block(m_parameter);
    m_parameter->clear();
    for (const app::ScenarioVariant &v : m_candidates) {
        QString text = v.parameterText();
        if (!text.isEmpty())
            text[0] = text[0].toUpper();
        m_parameter->addItem(text);
    }
    m_parameter->setCurrentIndex(m_candidates.empty() ? -1 : 0);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_candidates.empty());
    showParameter();
}

void CompareDialog::showParameter()
{
    const int i = m_parameter->currentIndex();
    if (i < 0 || i >= int(m_candidates.size())) {
        m_now->setText(tr("This architecture has nothing to vary."));
        return;
    }
    const app::ScenarioVariant &v = m_candidates[size_t(i)];
    const bool acks = v.parameter == app::ScenarioVariant::Parameter::Acks;
    m_acks->setVisible(acks);
    m_count->setVisible(!acks);
    if (acks) {
        // Proposes the other setting: the comparison is the point.
        m_acks->setCurrentIndex(
            m_acks->findData(v.value == QLatin1String("all") ? QStringLiteral("1") : QStringLiteral("all")));
    } else {
        m_count->setValue(v.value.toInt() * 2);
    }
    m_now->setText(tr("Now: %1").arg(v.value));
}

app::ScenarioVariant CompareDialog::variant() const
{
    const int i = m_parameter->currentIndex();
    if (i < 0 || i >= int(m_candidates.size()))
        return {};
    app::ScenarioVariant v = m_candidates[size_t(i)];
    v.value = v.parameter == app::ScenarioVariant::Parameter::Acks ? m_acks->currentData().toString()
                                                                   : QString::number(m_count->value());
    return v;
}

} // namespace postoffice::ui
