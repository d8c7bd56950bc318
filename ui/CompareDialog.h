#pragma once

// Run ▸ Compare with a changed parameter…: pick an architecture, one of its parameters (a
// group's consumers, a publish's acks, a service's workers, a topic's partitions) and a new
// value; the variant then runs beside the live run as one more line on the charts.

#include "Scenario.h"
#include "ScenarioVariant.h"

#include <QDialog>

#include <vector>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QSpinBox;

namespace postoffice::ui {

class CompareDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CompareDialog(const app::Scenario &scenario, QWidget *parent = nullptr);

    // The variant as chosen now (its value from the spin box or the acks list).
    app::ScenarioVariant variant() const;

    QComboBox *architectureBox() const { return m_architecture; }
    QComboBox *parameterBox() const { return m_parameter; }
    QSpinBox *countBox() const { return m_count; }
    QComboBox *acksBox() const { return m_acks; }

private:
    void fillParameters();
    void showParameter();

    app::Scenario m_scenario;
    std::vector<app::ScenarioVariant> m_candidates;
    QComboBox *m_architecture = nullptr;
    QComboBox *m_parameter = nullptr;
    QWidget *m_value = nullptr;
    QSpinBox *m_count = nullptr;
    QComboBox *m_acks = nullptr;
    QLabel *m_now = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace postoffice::ui
