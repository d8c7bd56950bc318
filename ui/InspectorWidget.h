#pragma once

// The inspector dock: the properties of the selected node or edge, editable. Every change is
// pushed to the document as an undo command (ChangeNodeCommand / ChangeEdgeCommand), and the
// fields follow the document when it changes by other means (undo, another canvas), so the form
// never shows a stale value.

#include <QPointer>
#include <QWidget>

#include <functional>

class QFormLayout;
class QLabel;
class QLineEdit;

namespace postoffice::ui {

class ScenarioDocument;

class InspectorWidget : public QWidget
{
    Q_OBJECT
public:
    explicit InspectorWidget(QWidget *parent = nullptr);

    void setDocument(ScenarioDocument *document);
    void showNode(const QString &id);
    void showEdge(const QString &architecture, int index);
    void showNothing();

    QString shownNode() const { return m_nodeId; }
    // The node's display-name field; double-clicking a node focuses it for renaming.
    QLineEdit *nameEdit() const { return m_nameEdit; }
    // The "select something" text shown while nothing is selected.
    QLabel *hint() const { return m_hint; }
    void focusName();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void clearForm();
    void refresh();

    QPointer<ScenarioDocument> m_document;
    QLabel *m_title = nullptr;
    QLabel *m_hint = nullptr;
    QFormLayout *m_form = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QString m_nodeId;
    QString m_architecture;
    int m_edgeIndex = -1;
    QList<std::function<void()>> m_refreshers;
};

} // namespace postoffice::ui
