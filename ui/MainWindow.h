#pragma once

// The PostOffice main window: the canvases of the scenario's architectures side by side (or
// stacked), palette and inspector docks, and the File / Edit / View / Help menus. It owns the
// ScenarioDocument being edited; opening a file replaces it and announces the new one with
// documentChanged(), so that panels added by others (simulation, charts, faults...) follow.

#include "ScenarioDocument.h"

#include <QMainWindow>
#include <QPointer>
#include <QStringList>

class QDockWidget;
class QSplitter;
class QUndoGroup;

namespace postoffice::ui {

class GraphScene;
class GraphView;
class InspectorWidget;
class PaletteWidget;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Least height of the canvases' area, whatever the number of canvases (see the constructor):
    // the most that still lets every shipped scenario fit 1280×720 in presenter mode
    // (unclean-election's three canvases, its taller timeline and the charts at their minimum).
    static constexpr int canvasAreaMinHeight = 216;
    // The shipped scenario the window opens on (see ScenarioLocator for where it is found).
    static QString defaultScenario();

    // ---- For panels built elsewhere ----
    // Wraps `panel` in a dock (object name from the title, so its place persists) and adds it.
    // In the left and right areas the panel sits in a DockScrollArea, so it may be shorter than
    // its layout's minimum: the dock's widget() is then that scroll area.
    QDockWidget *addPanel(QWidget *panel, Qt::DockWidgetArea area, const QString &title);
    ScenarioDocument *currentDocument() const { return m_document; }
    QStringList architectures() const;
    QList<GraphView *> graphViews() const { return m_views; }
    GraphView *graphView(const QString &architecture) const;
    GraphScene *graphScene(const QString &architecture) const;
    QMenu *fileMenu() const { return m_fileMenu; }
    QMenu *editMenu() const { return m_editMenu; }
    QMenu *viewMenu() const { return m_viewMenu; }
    PaletteWidget *palette() const { return m_palette; }
    InspectorWidget *inspector() const { return m_inspector; }

    // Qt::Horizontal: side by side; Qt::Vertical: stacked. Opening a document picks the one that
    // shows its graph larger (wide graphs stack); the View menu toggles it.
    Qt::Orientation splitOrientation() const;
    void setSplitOrientation(Qt::Orientation orientation);

    // Opens a scenario file or resource (no "save changes?" question: callers ask first with
    // maybeSave()). On failure the current document stays, the reason is shown in the status
    // bar and returned in *error; without `error` a message box shows it as well.
    bool openFile(const QString &path, QString *error = nullptr);
    // Replaces the document (takes ownership).
    void setDocument(ScenarioDocument *document);
    bool saveTo(const QString &path, QString *error = nullptr);
    QStringList recentFiles() const { return m_recentFiles; }
    // True if there are no unsaved changes or the user chose to save or discard them.
    bool maybeSave();

public slots:
    void newScenario();
    void fitAll();
    void deleteSelection();
    void decouple();
    void setDarkTheme(bool dark);

signals:
    void documentChanged(postoffice::ui::ScenarioDocument *document);
    // The canvases were recreated (new document, or an architecture added/removed): item
    // pointers taken from the old scenes are gone.
    void canvasesChanged();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void rebuildCanvases();
    void updateTitle();
    void addRecentFile(const QString &path);
    void updateRecentMenu();
    void showSelection(GraphScene *scene);
    GraphView *activeView() const;
    void chooseSplitOrientation();
    void readSettings();
    void writeSettings() const;
    void openDialog();
    bool save();
    bool saveAsDialog();

    QPointer<ScenarioDocument> m_document;
    QUndoGroup *m_undoGroup = nullptr;
    QSplitter *m_splitter = nullptr;
    QList<GraphView *> m_views;
    QPointer<GraphView> m_activeView;
    PaletteWidget *m_palette = nullptr;
    InspectorWidget *m_inspector = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QAction *m_stackedAction = nullptr;
    QAction *m_darkAction = nullptr;
    QStringList m_recentFiles;

    static constexpr int maxRecentFiles = 8;
};

} // namespace postoffice::ui
