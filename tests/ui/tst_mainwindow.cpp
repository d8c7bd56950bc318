// The main window around the editor: every shipped scenario opens with one item per node and
// edge, the title tracks unsaved changes, files dropped on the window open, settings persist,
// panels from other parts of the app dock in, and the canvas renders something readable.

#include "ChartsPanel.h"
#include "EdgeItem.h"
#include "EditorTestSupport.h"
#include "GraphScene.h"
#include "GraphView.h"
#include "LiveChart.h"
#include "LiveRunBinder.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "ModalDriver.h"
#include "NodeItem.h"
#include "PresenterMode.h"
#include "ScenarioDocument.h"
#include "Theme.h"
#include "TopicNodeItem.h"

#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QScrollArea>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace postoffice;
using namespace postoffice::ui;

namespace {

QStringList shippedScenarios()
{
    QStringList paths;
    const QDir dir(QStringLiteral(POSTOFFICE_SOURCE_DIR "/scenarios"));
    for (const QString &file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        if (!file.endsWith(QLatin1String(".schema.json")))
            paths << dir.filePath(file);
    }
    return paths;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void opensEachShippedScenario_data();
    void opensEachShippedScenario();
    void defaultScenarioIsBuiltIn();
    void saveAsSuggestsTheScenarioFileType();
    void titleShowsNameAndUnsavedChanges();
    void openErrorKeepsDocument();
    void brokenScenarioShowsWhyAndKeepsDocument_data();
    void brokenScenarioShowsWhyAndKeepsDocument();
    void droppedScenarioFileOpens();
    void splitToggleAndThemeAndRecentFilesPersist();
    void wideGraphsStack();
    void addPanelDocksAndListsInViewMenu();
    void decoupleOnTightOnlyAddsCanvas();
    void liveStateApiDrawsOnTheCanvas();
    void rendersReadableCanvas();
    void fitsA1280x720Screen_data();
    void fitsA1280x720Screen();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("PostOfficeTests");
    QCoreApplication::setApplicationName("tst_mainwindow");
}

void TestMainWindow::init()
{
    QSettings().clear();
}

void TestMainWindow::opensEachShippedScenario_data()
{
    QTest::addColumn<QString>("path");
    const QStringList paths = shippedScenarios();
    QVERIFY2(!paths.isEmpty(), "no scenario in scenarios/");
    for (const QString &p : paths)
        QTest::newRow(qPrintable(QFileInfo(p).completeBaseName())) << p;
}

void TestMainWindow::opensEachShippedScenario()
{
    QFETCH(QString, path);
    MainWindow w;
    QSignalSpy changed(&w, &MainWindow::documentChanged);
    QString error;
    QVERIFY2(w.openFile(path, &error), qPrintable(error));
    QCOMPARE(changed.size(), 1);
    const app::Scenario &s = w.currentDocument()->scenario();
    QCOMPARE(w.graphViews().size(), qsizetype(s.architectures.size()));
    for (const app::ArchitectureSpec &arch : s.architectures) {
        GraphScene *scene = w.graphScene(arch.name);
        QVERIFY2(scene, qPrintable(arch.name));
        QCOMPARE(scene->nodeItems().size(), qsizetype(s.nodes.size()));
        for (const app::NodeSpec &n : s.nodes) {
            QVERIFY2(scene->nodeItem(n.id), qPrintable(n.id));
            QCOMPARE(scene->nodeItem(n.id)->pos(), n.pos);
            QCOMPARE(scene->topicItem(n.id) != nullptr, n.kind == app::NodeKind::Topic);
        }
        QCOMPARE(scene->edgeItems().size(), arch.edges.size());
        for (std::size_t i = 0; i < arch.edges.size(); ++i) {
            const EdgeItem *e = scene->edgeItem(int(i));
            QCOMPARE(e->source()->nodeId(), arch.edges[i].from);
            QCOMPARE(e->target()->nodeId(), arch.edges[i].to);
            QCOMPARE(e->kind(), arch.edges[i].kind);
            QVERIFY(e->path().length() > 0);
        }
    }
    if (s.architecture("tight"))
        QCOMPARE(w.graphViews().first()->graphScene()->architecture(), QStringLiteral("tight"));

    if (const QByteArray dir = qgetenv("POSTOFFICE_SCREENSHOT_DIR"); !dir.isEmpty()) {
        w.resize(1600, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTest::qWait(50); // the split orientation and fit are applied on the next event loop pass
        QVERIFY(
            w.grab().save(QString::fromLocal8Bit(dir) + "/" + QFileInfo(path).completeBaseName() + ".png"));
    }
}

void TestMainWindow::defaultScenarioIsBuiltIn()
{
    if (!QFile::exists(POSTOFFICE_SOURCE_DIR "/scenarios/notification-outage.json"))
        QFAIL("scenarios/notification-outage.json is not shipped");
    MainWindow w;
    QString error;
    QVERIFY2(w.openFile(MainWindow::defaultScenario(), &error), qPrintable(error));
    QVERIFY(w.currentDocument()->filePath().isEmpty()); // a shipped file is saved elsewhere, via Save As
    QVERIFY(w.windowTitle().contains(w.currentDocument()->displayName()));
    QVERIFY(w.graphScene("tight") && w.graphScene("decoupled"));
}

void TestMainWindow::saveAsSuggestsTheScenarioFileType()
{
    // A shipped scenario is saved elsewhere: Save As offers the user's home folder and a name
    // ending in .postoffice.json, which the installed MIME type opens in PostOffice.
    MainWindow w;
    QString error;
    QVERIFY2(w.openFile(MainWindow::defaultScenario(), &error), qPrintable(error));
    QAction *saveAs = nullptr;
    for (QAction *a : w.fileMenu()->actions())
        if (a->text() == tr("Save &As…"))
            saveAs = a;
    QVERIFY(saveAs);
    uitest::ModalDriver driver;
    QStringList offered;
    driver.expect([&offered](QWidget *modal) {
        auto *dialog = qobject_cast<QFileDialog *>(modal);
        if (!dialog)
            return false;
        offered = dialog->selectedFiles();
        dialog->reject();
        return true;
    });
    saveAs->trigger();
    QVERIFY(driver.allHandled());
    QCOMPARE(offered, QStringList{QDir::home().filePath("notification-outage.postoffice.json")});
    QVERIFY(w.currentDocument()->filePath().isEmpty());
}

void TestMainWindow::titleShowsNameAndUnsavedChanges()
{
    MainWindow w;
    w.setDocument(new ScenarioDocument(uitest::shopScenario()));
    QCOMPARE(w.windowTitle(), QStringLiteral("Editor shop[*] — PostOffice"));
    QVERIFY(!w.isWindowModified());
    w.currentDocument()->addNode(app::NodeKind::Producer, {});
    QVERIFY(w.isWindowModified());
    w.currentDocument()->undoStack()->undo();
    QVERIFY(!w.isWindowModified());
}

void TestMainWindow::openErrorKeepsDocument()
{
    MainWindow w;
    w.setDocument(new ScenarioDocument(uitest::shopScenario()));
    ScenarioDocument *before = w.currentDocument();
    QString error;
    QVERIFY(!w.openFile("/nonexistent/nowhere.json", &error));
    QVERIFY2(error.contains("nowhere.json"), qPrintable(error));
    QCOMPARE(w.currentDocument(), before);
    QCOMPARE(w.graphViews().size(), 2);
}

void TestMainWindow::brokenScenarioShowsWhyAndKeepsDocument_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected"); // the loader's first message: file, JSON path, problem
    const QDir dir(QStringLiteral(POSTOFFICE_FIXTURES_DIR "/broken"));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY2(!files.isEmpty(), "no broken scenario in tests/fixtures/broken");
    for (const QString &file : files) {
        QFile expected(dir.filePath(QFileInfo(file).completeBaseName() + QStringLiteral(".expected")));
        QVERIFY2(expected.open(QIODevice::ReadOnly), qPrintable(expected.fileName()));
        const QString first = QString::fromUtf8(expected.readAll()).section(u'\n', 0, 0);
        QTest::newRow(qPrintable(file)) << dir.filePath(file) << first;
    }
}

void TestMainWindow::brokenScenarioShowsWhyAndKeepsDocument()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    MainWindow w;
    w.setDocument(new ScenarioDocument(uitest::shopScenario()));
    ScenarioDocument *before = w.currentDocument();
    const QString title = w.windowTitle();

    // As from File ▸ Open or a drop: no caller to hand the reason to, so a message box says it.
    uitest::ModalDriver driver;
    QString shown;
    driver.expect([&shown](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        if (!box)
            return false;
        shown = box->text() + u'\n' + box->informativeText();
        box->accept();
        return true;
    });
    QVERIFY(!w.openFile(path));
    QVERIFY(driver.allHandled());
    QVERIFY2(shown.contains(path) && shown.contains(expected),
             qPrintable(shown + QStringLiteral("\nexpected: ") + expected));
    QVERIFY2(w.statusBar()->currentMessage().contains(path), qPrintable(w.statusBar()->currentMessage()));
    QCOMPARE(w.currentDocument(), before);
    QCOMPARE(w.windowTitle(), title);
    QCOMPARE(w.graphViews().size(), 2);
    QVERIFY(w.recentFiles().isEmpty()); // a file that did not open is not offered again
}

void TestMainWindow::droppedScenarioFileOpens()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("dropped.json");
    QVERIFY(app::ScenarioWriter::save(uitest::shopScenario(), path));
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy changed(&w, &MainWindow::documentChanged);

    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPoint at = w.rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(&w, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(&w, &drop);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(w.currentDocument()->filePath(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(w.recentFiles().value(0), QFileInfo(path).absoluteFilePath());

    // Not a scenario: refused at the door.
    QMimeData text;
    text.setUrls({QUrl::fromLocalFile(dir.filePath("notes.txt"))});
    QDragEnterEvent other(at, Qt::CopyAction, &text, Qt::LeftButton, {});
    QApplication::sendEvent(&w, &other);
    QVERIFY(!other.isAccepted());
}

void TestMainWindow::splitToggleAndThemeAndRecentFilesPersist()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("persist.json");
    {
        MainWindow w;
        w.setDocument(new ScenarioDocument(uitest::shopScenario()));
        QString error;
        QVERIFY2(w.saveTo(path, &error), qPrintable(error));
        w.setSplitOrientation(Qt::Vertical);
        QCOMPARE(w.findChild<QSplitter *>()->orientation(), Qt::Vertical);
        w.setSplitOrientation(Qt::Horizontal);
        QCOMPARE(w.findChild<QSplitter *>()->orientation(), Qt::Horizontal);
        w.setDarkTheme(true);
        QCOMPARE(Theme::mode(), Theme::Mode::Dark);
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 100);
        w.close(); // writes the settings
    }
    MainWindow again;
    QCOMPARE(again.recentFiles(), QStringList{QFileInfo(path).absoluteFilePath()});
    QCOMPARE(Theme::mode(), Theme::Mode::Dark);
    again.setDarkTheme(false);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 200);
}

void TestMainWindow::wideGraphsStack()
{
    MainWindow w;
    w.resize(1600, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.setSplitOrientation(Qt::Horizontal);
    w.setDocument(new ScenarioDocument(uitest::shopScenario())); // 1 000 wide, 520 high
    QTRY_COMPARE(w.splitOrientation(), Qt::Vertical);

    app::Scenario tall = uitest::shopScenario();
    for (app::NodeSpec &n : tall.nodes)
        n.pos = QPointF(n.pos.y(), n.pos.x() * 1.5); // turned on its side
    w.setDocument(new ScenarioDocument(tall));
    QTRY_COMPARE(w.splitOrientation(), Qt::Horizontal);
}

void TestMainWindow::addPanelDocksAndListsInViewMenu()
{
    MainWindow w;
    auto *panel = new QLabel("charts");
    QDockWidget *dock = w.addPanel(panel, Qt::BottomDockWidgetArea, "Live Charts");
    QCOMPARE(dock->widget(), panel);
    QCOMPARE(dock->objectName(), QStringLiteral("LiveChartsDock"));
    QCOMPARE(w.dockWidgetArea(dock), Qt::BottomDockWidgetArea);
    QVERIFY(w.viewMenu()->actions().contains(dock->toggleViewAction()));

    // A side panel taller than the space beside the canvases scrolls in its dock instead of
    // making the window taller; it keeps its width.
    auto *tall = new QLabel("faults");
    tall->setMinimumSize(300, 900);
    QDockWidget *side = w.addPanel(tall, Qt::RightDockWidgetArea, "Tall Panel");
    auto *scroll = qobject_cast<QScrollArea *>(side->widget());
    QVERIFY(scroll);
    QCOMPARE(scroll->widget(), tall);
    QVERIFY(side->minimumSizeHint().height() < 200);
    QVERIFY(side->minimumSizeHint().width() >= 300);
    QVERIFY(w.minimumSizeHint().height() < 720);
}

void TestMainWindow::decoupleOnTightOnlyAddsCanvas()
{
    app::Scenario s = uitest::shopScenario();
    std::erase_if(s.architectures, [](const app::ArchitectureSpec &a) { return a.name != "tight"; });
    MainWindow w;
    w.setDocument(new ScenarioDocument(s));
    QCOMPARE(w.graphViews().size(), 1);
    QSignalSpy canvases(&w, &MainWindow::canvasesChanged);
    w.decouple();
    QCOMPARE(canvases.size(), 1);
    QCOMPARE(w.graphViews().size(), 2);
    QCOMPARE(w.graphScene("decoupled")->edgeItems().size(), std::size_t(4));
    w.currentDocument()->undoStack()->undo();
    QCOMPARE(w.graphViews().size(), 1);
}

void TestMainWindow::liveStateApiDrawsOnTheCanvas()
{
    MainWindow w;
    w.setDocument(new ScenarioDocument(uitest::shopScenario()));
    GraphScene *scene = w.graphScene("decoupled");
    NodeItem *node = scene->nodeItem("notification");
    node->setLiveState(app::NodeHealth::Down, 12, 0, 2, 40);
    QCOMPARE(node->liveState()->health, app::NodeHealth::Down);
    QCOMPARE(node->liveState()->failures, quint64(40));

    TopicNodeItem *topic = scene->topicItem("orders");
    QVERIFY(topic);
    std::vector<app::PartitionState> parts(6);
    for (int p = 0; p < 6; ++p) {
        parts[p].partition = p;
        parts[p].log_end = 1000;
        parts[p].groups = {{"inventory", 1000}, {"notification", 800}};
    }
    topic->setPartitions(parts);
    QCOMPARE(topic->totalLag(), qint64(6 * 200));
    QCOMPARE(topic->visibleSpan(), qint64(250)); // largest lag × 1.25
    parts[0].groups[1].committed = 1000;
    topic->setPartitions(parts);
    QCOMPARE(topic->totalLag(), qint64(5 * 200));
    QCOMPARE(topic->visibleSpan(), qint64(250)); // never shrinks during a run

    EdgeItem *edge = scene->edgeItem(1);
    const qreal thin = edge->penWidth();
    edge->setFlowRate(500);
    QVERIFY(edge->penWidth() > thin + 5);
    QCOMPARE(edge->pointAt(0), edge->path().pointAtPercent(0));
    QVERIFY(edge->source()->sceneBoundingRect().adjusted(-5, -5, 5, 5).contains(edge->pointAt(0)));
    QVERIFY(edge->target()->sceneBoundingRect().adjusted(-5, -5, 5, 5).contains(edge->pointAt(1)));

    scene->clearLiveState();
    QVERIFY(!node->liveState());
    QVERIFY(topic->partitions().empty());
    QCOMPARE(edge->flowRate(), 0.0);
}

void TestMainWindow::rendersReadableCanvas()
{
    MainWindow w;
    w.setDocument(new ScenarioDocument(uitest::shopScenario()));
    w.resize(1600, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.fitAll();
    GraphScene *scene = w.graphScene("decoupled");
    scene->nodeItem("notification")->setLiveState(app::NodeHealth::Down, 0, 0, 2, 17);
    const QImage shot = w.grab().toImage();
    if (const QByteArray dir = qgetenv("POSTOFFICE_SCREENSHOT_DIR"); !dir.isEmpty())
        shot.save(QString::fromLocal8Bit(dir) + "/mainwindow-shop.png");

    // Fitting keeps cards at a readable size (≥ 60 %) for a graph of this width.
    GraphView *view = w.graphView("decoupled");
    QVERIFY2(view->zoom() >= 0.6, qPrintable(QString::number(view->zoom())));
    // The down node's card is drawn in the health colour where its border is.
    NodeItem *node = scene->nodeItem("notification");
    const QPoint border = view->mapFromScene(node->mapToScene(QPointF(node->cardRect().left() + 1, 10)));
    const QImage canvas = view->viewport()->grab().toImage();
    const QColor seen = canvas.pixelColor(border);
    const QColor down = Theme::healthColor(app::NodeHealth::Down);
    QVERIFY2(qAbs(seen.red() - down.red()) < 40 && qAbs(seen.green() - down.green()) < 40,
             qPrintable(seen.name()));
}

void TestMainWindow::fitsA1280x720Screen_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("presenter");
    for (const QString &p : shippedScenarios()) {
        const QString name = QFileInfo(p).completeBaseName();
        QTest::newRow(qPrintable(name)) << p << false;
        QTest::newRow(qPrintable(name + " presenting")) << p << true;
    }
}

void TestMainWindow::fitsA1280x720Screen()
{
    // A classroom projector's 1280×720: the whole window, with its live run's docks (playback,
    // charts, event log, faults, topic browser) and two to four canvases, lays out within it —
    // nothing cut off, no picture squeezed — and what it shows stays usable: every canvas at
    // least 64 px high and 160 px wide (a row of cards with 8-px names, tst_canvas checks the
    // names), every chart at least 96 px high (title, three value ticks, time ticks).
    QFETCH(QString, path);
    QFETCH(bool, presenter);
    const QSize screen(1280, 720);
    LiveWindow live;
    QString error;
    QVERIFY2(live.open(path, &error), qPrintable(error));
    MainWindow *w = live.window();
    w->resize(screen);
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w));
    if (presenter) {
        live.binder()->presenter()->setEnabled(true);
        w->setWindowState(Qt::WindowNoState); // full screen is the offscreen screen's size
        w->resize(screen);
    }
    QCoreApplication::processEvents(); // the split orientation is chosen on the next pass
    QCoreApplication::processEvents();

    QString layout;
    for (const QDockWidget *dock : w->findChildren<QDockWidget *>())
        if (dock->isVisible())
            layout += QStringLiteral("\n  %1: %2x%3, needs %4x%5")
                          .arg(dock->objectName())
                          .arg(dock->width())
                          .arg(dock->height())
                          .arg(dock->minimumSizeHint().width())
                          .arg(dock->minimumSizeHint().height());
    const QSize needs = w->minimumSizeHint().expandedTo(w->minimumSize());
    QVERIFY2(
        needs.width() <= screen.width() && needs.height() <= screen.height(),
        qPrintable(
            QStringLiteral("the window needs %1x%2:%3").arg(needs.width()).arg(needs.height()).arg(layout)));
    QCOMPARE(w->size(), screen);

    const QList<GraphView *> views = w->graphViews();
    QCOMPARE(views.size(), qsizetype(w->currentDocument()->scenario().architectures.size()));
    for (const GraphView *view : views)
        QVERIFY2(view->height() >= 64 && view->width() >= 160,
                 qPrintable(QStringLiteral("%1's canvas is %2x%3")
                                .arg(view->graphScene()->architecture())
                                .arg(view->width())
                                .arg(view->height())));
    const QList<LiveChart *> charts = live.binder()->charts()->findChildren<LiveChart *>();
    QCOMPARE(charts.size(), 4);
    for (const LiveChart *chart : charts)
        QVERIFY2(chart->height() >= 96 && chart->width() >= 200, qPrintable(QStringLiteral("%1 is %2x%3")
                                                                                .arg(chart->chart()->title())
                                                                                .arg(chart->width())
                                                                                .arg(chart->height())));
    qInfo("%s", qPrintable(QStringLiteral("canvases %1 px high; charts %2 px high")
                               .arg(views.first()->height())
                               .arg(charts.first()->height()) +
                           layout));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
