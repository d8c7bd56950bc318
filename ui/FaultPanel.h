#pragma once

// One-click live faults (DESIGN §4): take a service or broker down, make it slow or failing, cut
// a link, start a traffic spike — in every architecture at once, so the comparison stays fair.
// A fault button is checked exactly while its fault is active in the engine: pressing it again
// ends the fault, and a scheduled fault of the scenario shows up checked while it runs.

#include "Scenario.h"

#include <QWidget>

#include <map>

class QAbstractButton;
class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace postoffice::ui {

class SimulationController;

class FaultPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FaultPanel(SimulationController *controller, QWidget *parent = nullptr);

    // Rebuilds the rows from the controller's scenario.
    void rebuild();
    // The toggle for a node and fault kind, or null if the node does not take that fault.
    QAbstractButton *button(const QString &node, app::FaultKind kind) const;
    QAbstractButton *cutLinkButton() const;
    void setLink(const QString &from, const QString &to);
    QListWidget *activeList() const { return m_active; }

    // The fault a button stands for, with the panel's current parameters, starting now.
    app::FaultSpec faultFor(const QString &node, app::FaultKind kind) const;

private:
    struct Toggle
    {
        QString node;
        app::FaultKind kind;
        QString peer;
        int faultId = -1;
    };

    void toggle(QAbstractButton *button, bool on);
    void syncWithEngine();
    QAbstractButton *addToggle(QGridLayout *grid, int row, int column, const QString &text,
                               const QString &tip, const QString &node, app::FaultKind kind);

    SimulationController *m_controller;
    QWidget *m_rows = nullptr;
    QDoubleSpinBox *m_slowFactor = nullptr;
    QSpinBox *m_errorPercent = nullptr;
    QDoubleSpinBox *m_spikeFactor = nullptr;
    QComboBox *m_linkFrom = nullptr;
    QComboBox *m_linkTo = nullptr;
    QPushButton *m_cut = nullptr;
    QLabel *m_activeTitle = nullptr;
    QListWidget *m_active = nullptr;
    QPushButton *m_endSelected = nullptr;
    std::map<QAbstractButton *, Toggle> m_toggles;
    bool m_syncing = false;
};

} // namespace postoffice::ui
