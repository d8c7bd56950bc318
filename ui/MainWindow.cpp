#include "MainWindow.h"

#include "Cli.h"
#include "ClusterWindow.h"
#include "DockScrollArea.h"
#include "EdgeItem.h"
#include "GraphScene.h"
#include "GraphView.h"
#include "InspectorWidget.h"
#include "NodeItem.h"
#include "PaletteWidget.h"
#include "ScenarioDocument.h"
#include "ScenarioLocator.h"
#include "Theme.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QUndoGroup>
#include <QUndoStack>

namespace postoffice::ui {

namespace {

constexpr int statusTimeoutMs = 8000;

bool isScenarioUrl(const QUrl &url)
{
    return url.isLocalFile() && url.toLocalFile().endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
}

} // namespace

QString MainWindow::defaultScenario()
{
    return app::ScenarioLocator::shippedPath(app::Cli::DefaultScenario);
}

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent), m_undoGroup(new QUndoGroup(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setHandleWidth(6);
    // The canvases are the story; at 1280×720 they and the charts dock share what is left under
    // the playback bar. The canvas area as a whole claims canvasAreaMinHeight, so the charts
    // dock (sized to a share of the window) yields down to its own minimum before the canvases
    // go below what keeps card names readable; each canvas may still be as low as
    // GraphView::minimumCanvas when four of them are stacked.
    m_splitter->setMinimumHeight(canvasAreaMinHeight);
    setCentralWidget(m_splitter);

    m_palette = new PaletteWidget(this);
    addPanel(m_palette, Qt::LeftDockWidgetArea, tr("Palette"));
    connect(m_palette, &PaletteWidget::addRequested, this, [this](app::NodeKind kind) {
        GraphView *view = activeView();
        if (!m_document || !view)
            return;
        // Middle of what the user is looking at, nudged so repeated clicks do not stack.
        QPointF at = view->mapToScene(view->viewport()->rect().center());
        const QString base = Theme::nodeKindName(kind);
        for (const app::NodeSpec &n : m_document->scenario().nodes) {
            if (QLineF(n.pos, at).length() < 20)
                at += QPointF(24, 24);
        }
        QString refused;
        const QString id =
            m_document->addNode(kind, QPointF(std::round(at.x()), std::round(at.y())), &refused);
        statusBar()->showMessage(id.isEmpty() ? tr("Refused: %1").arg(refused) : tr("Added %1").arg(id),
                                 statusTimeoutMs);
    });
    connect(m_palette, &PaletteWidget::connectKindChanged, this, [this](std::optional<app::EdgeKind> kind) {
        for (GraphView *v : std::as_const(m_views))
            v->graphScene()->setConnectKind(kind);
    });

    m_inspector = new InspectorWidget(this);
    m_inspector->setMinimumWidth(240);
    addPanel(m_inspector, Qt::RightDockWidgetArea, tr("Inspector"));

    createActions();
    statusBar()->showMessage(tr("Ready"));
    readSettings();
    setDocument(new ScenarioDocument(this));
}

MainWindow::~MainWindow()
{
    // Views hold scenes that listen to the document: tear the canvases down first.
    qDeleteAll(m_views);
    m_views.clear();
}

QDockWidget *MainWindow::addPanel(QWidget *panel, Qt::DockWidgetArea area, const QString &title)
{
    auto *dock = new QDockWidget(title, this);
    QString name = title;
    name.remove(u' ');
    dock->setObjectName(name + QStringLiteral("Dock"));
    // A 1280×720 projector is the screen the window must fit. The side docks stand beside the
    // canvases and stack (inspector over faults): their panels scroll rather than set the
    // window's height. The top and bottom docks (playback bar, charts, event log) lay out their
    // own height — a bar cannot scroll, charts shrink and a table already scrolls.
    if (area == Qt::LeftDockWidgetArea || area == Qt::RightDockWidgetArea)
        dock->setWidget(new DockScrollArea(panel, dock));
    else
        dock->setWidget(panel);
    addDockWidget(area, dock);
    if (m_viewMenu)
        m_viewMenu->addAction(dock->toggleViewAction());
    return dock;
}

void MainWindow::createActions()
{
    const auto icon = [this](QStyle::StandardPixmap p) { return style()->standardIcon(p); };

    m_fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *newAction = m_fileMenu->addAction(tr("&New"), this, [this] {
        if (maybeSave())
            newScenario();
    });
    newAction->setShortcut(QKeySequence::New);
    QAction *openAction = m_fileMenu->addAction(icon(QStyle::SP_DialogOpenButton), tr("&Open…"), this,
                                                [this] { openDialog(); });
    openAction->setShortcut(QKeySequence::Open);
    m_recentMenu = m_fileMenu->addMenu(tr("Open &Recent"));
    QAction *saveAction =
        m_fileMenu->addAction(icon(QStyle::SP_DialogSaveButton), tr("&Save"), this, [this] { save(); });
    saveAction->setShortcut(QKeySequence::Save);
    QAction *saveAsAction = m_fileMenu->addAction(tr("Save &As…"), this, [this] { saveAsDialog(); });
    saveAsAction->setShortcut(QKeySequence::SaveAs);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(tr("&Connect to Cluster…"), this, [this] {
        if (auto *cluster = ClusterWindow::connectDialog(this))
            connect(cluster, &ClusterWindow::openScenarioRequested, this, [this](const QString &path) {
                if (maybeSave())
                    openFile(path);
                activateWindow();
            });
    });
    m_fileMenu->addSeparator();
    QAction *quitAction = m_fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);
    quitAction->setMenuRole(QAction::QuitRole);

    m_editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction *undoAction = m_undoGroup->createUndoAction(this, tr("&Undo"));
    undoAction->setShortcut(QKeySequence::Undo);
    undoAction->setIcon(icon(QStyle::SP_ArrowBack));
    QAction *redoAction = m_undoGroup->createRedoAction(this, tr("&Redo"));
    redoAction->setShortcut(QKeySequence::Redo);
    redoAction->setIcon(icon(QStyle::SP_ArrowForward));
    m_editMenu->addAction(undoAction);
    m_editMenu->addAction(redoAction);
    m_editMenu->addSeparator();
    QAction *deleteAction = m_editMenu->addAction(tr("&Delete"), this, &MainWindow::deleteSelection);
    deleteAction->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    QAction *selectAllAction = m_editMenu->addAction(tr("Select &All"), this, [this] {
        if (GraphView *v = activeView()) {
            for (QGraphicsItem *item : v->graphScene()->items())
                if (item->flags() & QGraphicsItem::ItemIsSelectable)
                    item->setSelected(true);
        }
    });
    selectAllAction->setShortcut(QKeySequence::SelectAll);
    m_editMenu->addSeparator();
    QAction *decoupleAction = m_editMenu->addAction(tr("De&couple"), this, &MainWindow::decouple);
    decoupleAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    decoupleAction->setToolTip(
        tr("Turn the tight architecture's service-to-service calls into topics with publish "
           "and subscribe edges in the decoupled architecture"));

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *zoomInAction = m_viewMenu->addAction(tr("Zoom &In"), this, [this] {
        for (GraphView *v : std::as_const(m_views))
            v->zoomIn();
    });
    zoomInAction->setShortcut(QKeySequence::ZoomIn);
    QAction *zoomOutAction = m_viewMenu->addAction(tr("Zoom &Out"), this, [this] {
        for (GraphView *v : std::as_const(m_views))
            v->zoomOut();
    });
    zoomOutAction->setShortcut(QKeySequence::ZoomOut);
    QAction *fitAction = m_viewMenu->addAction(tr("&Fit to Window"), this, &MainWindow::fitAll);
    fitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    m_viewMenu->addSeparator();
    m_stackedAction = m_viewMenu->addAction(tr("&Stack Architectures Vertically"));
    m_stackedAction->setCheckable(true);
    m_stackedAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(m_stackedAction, &QAction::toggled, this,
            [this](bool stacked) { setSplitOrientation(stacked ? Qt::Vertical : Qt::Horizontal); });
    m_darkAction = m_viewMenu->addAction(tr("&Dark Theme"));
    m_darkAction->setCheckable(true);
    connect(m_darkAction, &QAction::toggled, this, &MainWindow::setDarkTheme);
    m_viewMenu->addSeparator();

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About PostOffice"), this, [this] {
        QMessageBox::about(
            this, tr("About PostOffice"),
            tr("<h3>PostOffice %1</h3><p>A simulator of event streaming for people who teach and "
               "learn it: the same online shop, tight-coupled and decoupled, side by side.</p>"
               "<p>GPL-3.0-or-later.</p>")
                .arg(QApplication::applicationVersion()));
    });

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("MainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(openAction);
    bar->addAction(saveAction);
    bar->addSeparator();
    bar->addAction(undoAction);
    bar->addAction(redoAction);
    bar->addSeparator();
    bar->addAction(fitAction);
    bar->addAction(decoupleAction);
}

QStringList MainWindow::architectures() const
{
    return m_document ? m_document->architectureNames() : QStringList();
}

GraphView *MainWindow::graphView(const QString &architecture) const
{
    for (GraphView *v : m_views) {
        if (v->graphScene()->architecture() == architecture)
            return v;
    }
    return nullptr;
}

GraphScene *MainWindow::graphScene(const QString &architecture) const
{
    GraphView *v = graphView(architecture);
    return v ? v->graphScene() : nullptr;
}

GraphView *MainWindow::activeView() const
{
    if (m_activeView)
        return m_activeView;
    return m_views.isEmpty() ? nullptr : m_views.first();
}

Qt::Orientation MainWindow::splitOrientation() const
{
    return m_splitter->orientation();
}

void MainWindow::setSplitOrientation(Qt::Orientation orientation)
{
    m_splitter->setOrientation(orientation);
    {
        const QSignalBlocker block(m_stackedAction);
        m_stackedAction->setChecked(orientation == Qt::Vertical);
    }
    // Equal shares for every canvas, then let each one frame its graph.
    m_splitter->setSizes(QList<int>(m_views.size(), 1000));
    QTimer::singleShot(0, this, &MainWindow::fitAll);
}

void MainWindow::setDocument(ScenarioDocument *document)
{
    if (m_document) {
        m_undoGroup->removeStack(m_document->undoStack());
        qDeleteAll(m_views); // scenes disconnect from the old document
        m_views.clear();
        m_document->deleteLater();
    }
    m_document = document;
    document->setParent(this);
    m_undoGroup->addStack(document->undoStack());
    m_undoGroup->setActiveStack(document->undoStack());
    m_inspector->setDocument(document);
    connect(document, &ScenarioDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(document, &ScenarioDocument::architectureAdded, this, &MainWindow::rebuildCanvases);
    connect(document, &ScenarioDocument::architectureRemoved, this, &MainWindow::rebuildCanvases);
    rebuildCanvases();
    updateTitle();
    QTimer::singleShot(0, this, &MainWindow::chooseSplitOrientation);
    emit documentChanged(document);
}

void MainWindow::rebuildCanvases()
{
    qDeleteAll(m_views);
    m_views.clear();
    m_inspector->showNothing();
    // Tight on the left (or top): the story reads "before → after".
    QStringList names = m_document->architectureNames();
    std::stable_sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        return a == QLatin1String("tight") && b != QLatin1String("tight");
    });
    for (const QString &arch : std::as_const(names)) {
        auto *scene = new GraphScene(m_document, arch);
        auto *view = new GraphView(scene, m_splitter);
        scene->setParent(view);
        scene->setConnectKind(m_palette->connectKind());
        m_splitter->addWidget(view);
        m_views.append(view);
        connect(scene, &GraphScene::statusMessage, this,
                [this](const QString &message) { statusBar()->showMessage(message, statusTimeoutMs); });
        connect(scene, &GraphScene::selectionChanged, this, [this, scene, view] {
            m_activeView = view;
            showSelection(scene);
        });
        connect(scene, &GraphScene::nodeActivated, this, [this](const QString &id) {
            m_inspector->showNode(id);
            m_inspector->focusName();
        });
    }
    m_splitter->setSizes(QList<int>(m_views.size(), 1000));
    QTimer::singleShot(0, this, &MainWindow::fitAll);
    emit canvasesChanged();
}

void MainWindow::chooseSplitOrientation()
{
    if (m_views.size() < 2)
        return;
    const QRectF content = m_views.first()->graphScene()->contentRect();
    const QSizeF area = m_splitter->size();
    if (content.isEmpty() || area.isEmpty())
        return;
    const qreal n = m_views.size();
    const qreal sideBySide = std::min(area.width() / n / content.width(), area.height() / content.height());
    const qreal stacked = std::min(area.width() / content.width(), area.height() / n / content.height());
    setSplitOrientation(stacked > sideBySide ? Qt::Vertical : Qt::Horizontal);
}

void MainWindow::showSelection(GraphScene *scene)
{
    const QStringList nodes = scene->selectedNodeIds();
    const QList<int> edges = scene->selectedEdgeIndices();
    if (nodes.size() == 1 && edges.isEmpty())
        m_inspector->showNode(nodes.first());
    else if (nodes.isEmpty() && edges.size() == 1)
        m_inspector->showEdge(scene->architecture(), edges.first());
    else
        m_inspector->showNothing();
}

void MainWindow::fitAll()
{
    for (GraphView *v : std::as_const(m_views))
        v->fitAll();
}

void MainWindow::deleteSelection()
{
    if (!m_document)
        return;
    QStringList nodes;
    std::map<QString, QList<int>> edges;
    for (GraphView *v : std::as_const(m_views)) {
        for (const QString &id : v->graphScene()->selectedNodeIds()) {
            if (!nodes.contains(id))
                nodes << id;
        }
        const QList<int> selected = v->graphScene()->selectedEdgeIndices();
        if (!selected.isEmpty())
            edges[v->graphScene()->architecture()] = selected;
    }
    if (nodes.isEmpty() && edges.empty()) {
        statusBar()->showMessage(tr("Nothing selected to delete"), statusTimeoutMs);
        return;
    }
    m_document->removeItems(nodes, edges);
}

void MainWindow::decouple()
{
    if (!m_document)
        return;
    const QString refused = m_document->decouple();
    statusBar()->showMessage(refused.isEmpty()
                                 ? tr("Decoupled: every service-to-service call now goes through a topic "
                                      "in the decoupled architecture")
                                 : refused,
                             statusTimeoutMs);
}

void MainWindow::setDarkTheme(bool dark)
{
    Theme::apply(dark ? Theme::Mode::Dark : Theme::Mode::Light);
    {
        const QSignalBlocker block(m_darkAction);
        m_darkAction->setChecked(dark);
    }
    for (GraphView *v : std::as_const(m_views)) {
        v->resetCachedContent();
        // Cards are cached as pixmaps: their colours must be repainted.
        for (QGraphicsItem *item : v->graphScene()->items())
            item->update();
        v->viewport()->update();
    }
}

void MainWindow::updateTitle()
{
    if (!m_document)
        return;
    setWindowTitle(tr("%1[*] — PostOffice").arg(m_document->displayName()));
    setWindowModified(m_document->isModified());
}

void MainWindow::newScenario()
{
    app::Scenario s;
    s.name = tr("Untitled");
    for (const QString &name : {QStringLiteral("tight"), QStringLiteral("decoupled")}) {
        app::ArchitectureSpec arch;
        arch.name = name;
        s.architectures.push_back(arch);
    }
    setDocument(new ScenarioDocument(std::move(s), this));
    statusBar()->showMessage(tr("New scenario: add nodes from the palette"), statusTimeoutMs);
}

bool MainWindow::openFile(const QString &path, QString *error)
{
    QString why;
    ScenarioDocument *doc = ScenarioDocument::open(path, &why, this);
    if (!doc) {
        const QString where = tr("Cannot open %1").arg(QDir::toNativeSeparators(path));
        statusBar()->showMessage(where, statusTimeoutMs);
        if (error) {
            *error = why;
        } else {
            // Where the file is on top, every problem the loader found (file, JSON path, what was
            // expected) below.
            QMessageBox box(QMessageBox::Warning, tr("Cannot open scenario"), where, QMessageBox::Ok, this);
            box.setInformativeText(why);
            box.exec();
        }
        return false;
    }
    setDocument(doc);
    if (!path.startsWith(u':'))
        addRecentFile(doc->filePath());
    statusBar()->showMessage(tr("Opened %1").arg(doc->displayName()), statusTimeoutMs);
    return true;
}

bool MainWindow::saveTo(const QString &path, QString *error)
{
    QString why;
    if (!m_document || !m_document->save(path, &why)) {
        statusBar()->showMessage(tr("Not saved: %1").arg(why), statusTimeoutMs);
        if (error)
            *error = why;
        return false;
    }
    addRecentFile(m_document->filePath());
    updateTitle();
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), statusTimeoutMs);
    return true;
}

bool MainWindow::save()
{
    if (!m_document)
        return false;
    if (m_document->filePath().isEmpty())
        return saveAsDialog();
    QString error;
    if (saveTo(m_document->filePath(), &error))
        return true;
    QMessageBox::warning(this, tr("Cannot save scenario"), error);
    return false;
}

bool MainWindow::saveAsDialog()
{
    const QString suggested =
        m_document->filePath().isEmpty()
            ? QDir::home().filePath(m_document->displayName().toLower().replace(u' ', u'-') +
                                    app::ScenarioLocator::SavedSuffix)
            : m_document->filePath();
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save Scenario As"), suggested, tr("Scenarios (*.json)"));
    if (path.isEmpty())
        return false;
    QString error;
    if (saveTo(path, &error))
        return true;
    QMessageBox::warning(this, tr("Cannot save scenario"), error);
    return false;
}

void MainWindow::openDialog()
{
    if (!maybeSave())
        return;
    const QString dir =
        m_recentFiles.isEmpty() ? QDir::homePath() : QFileInfo(m_recentFiles.first()).absolutePath();
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Scenario"), dir, tr("Scenarios (*.json)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::maybeSave()
{
    if (!m_document || !m_document->isModified())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"), tr("%1 has unsaved changes. Save them?").arg(m_document->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::addRecentFile(const QString &path)
{
    m_recentFiles.removeAll(path);
    m_recentFiles.prepend(path);
    while (m_recentFiles.size() > maxRecentFiles)
        m_recentFiles.removeLast();
    updateRecentMenu();
    QSettings().setValue(QStringLiteral("recentFiles"), m_recentFiles);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    for (const QString &path : std::as_const(m_recentFiles)) {
        m_recentMenu
            ->addAction(QFileInfo(path).fileName(), this,
                        [this, path] {
                            if (maybeSave())
                                openFile(path);
                        })
            ->setToolTip(path);
    }
    m_recentMenu->setEnabled(!m_recentFiles.isEmpty());
}

void MainWindow::readSettings()
{
    QSettings settings;
    m_recentFiles = settings.value(QStringLiteral("recentFiles")).toStringList();
    updateRecentMenu();
    if (!restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray()))
        resize(1600, 900);
    restoreState(settings.value(QStringLiteral("windowState")).toByteArray());
    setDarkTheme(settings.value(QStringLiteral("darkTheme"), false).toBool());
    setSplitOrientation(settings.value(QStringLiteral("stacked"), false).toBool() ? Qt::Vertical
                                                                                  : Qt::Horizontal);
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("windowState"), saveState());
    settings.setValue(QStringLiteral("recentFiles"), m_recentFiles);
    settings.setValue(QStringLiteral("darkTheme"), Theme::mode() == Theme::Mode::Dark);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    writeSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (std::any_of(urls.begin(), urls.end(), isScenarioUrl))
        event->acceptProposedAction();
    else
        event->ignore();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        if (!isScenarioUrl(url))
            continue;
        event->acceptProposedAction();
        if (maybeSave())
            openFile(url.toLocalFile());
        return;
    }
    event->ignore();
}

} // namespace postoffice::ui
