// The graph editor driven like a user drives it: real mouse events mapped from scene to
// viewport coordinates (QtNodes' test habit), assertions on the model, not on pixels.

#include "EdgeItem.h"
#include "EditorTestSupport.h"
#include "GraphScene.h"
#include "GraphView.h"
#include "InspectorWidget.h"
#include "MainWindow.h"
#include "NodeItem.h"
#include "PaletteWidget.h"
#include "ScenarioDocument.h"

#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace postoffice;
using namespace postoffice::ui;

class TestEditor : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void clickPaletteAddsNode();
    void dropFromPaletteAddsNodeWhereDropped();
    void dragFromPortConnectsAndUndoRedoSaveReload();
    void refusedEdgeShowsStatusAndKeepsModel_data();
    void refusedEdgeShowsStatusAndKeepsModel();
    void dragMovesNodeInBothCanvases();
    void rubberBandSelectsAndDeleteRemoves();
    void doubleClickRenames();
    void inspectorEditsAreUndoable();
    void decoupleThenUndoRestoresCanvases();

private:
    GraphView *view(const QString &arch) const { return m_window->graphView(arch); }
    ScenarioDocument *doc() const { return m_window->currentDocument(); }
    QPoint toViewport(GraphView *v, QPointF scenePos) const { return v->mapFromScene(scenePos); }
    QPointF portOf(GraphView *v, const QString &id) const;
    void drag(GraphView *v, QPointF fromScene, QPointF toScene);

    std::unique_ptr<MainWindow> m_window;
};

void TestEditor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("PostOfficeTests");
    QCoreApplication::setApplicationName("tst_editor");
}

void TestEditor::init()
{
    m_window = std::make_unique<MainWindow>();
    m_window->setDocument(new ScenarioDocument(uitest::shopScenario()));
    m_window->resize(1600, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->fitAll();
    QCOMPARE(m_window->graphViews().size(), 2);
}

void TestEditor::cleanup()
{
    m_window.reset();
}

QPointF TestEditor::portOf(GraphView *v, const QString &id) const
{
    NodeItem *item = v->graphScene()->nodeItem(id);
    return item->mapToScene(item->portRect().center());
}

void TestEditor::drag(GraphView *v, QPointF fromScene, QPointF toScene)
{
    QWidget *vp = v->viewport();
    const QPoint a = toViewport(v, fromScene);
    const QPoint b = toViewport(v, toScene);
    QTest::mousePress(vp, Qt::LeftButton, {}, a);
    // Several steps, as a hand does: the scene sees a drag, not a jump.
    for (int i = 1; i <= 4; ++i)
        QTest::mouseMove(vp, a + (b - a) * i / 4);
    QTest::mouseRelease(vp, Qt::LeftButton, {}, b);
}

void TestEditor::clickPaletteAddsNode()
{
    QSignalSpy added(doc(), &ScenarioDocument::nodeAdded);
    const std::size_t before = doc()->scenario().nodes.size();
    QTest::mouseClick(m_window->palette()->tile(app::NodeKind::Service), Qt::LeftButton);
    QCOMPARE(added.size(), 1);
    const QString id = added.first().first().toString();
    QCOMPARE(doc()->scenario().nodes.size(), before + 1);
    // Both canvases mirror the shared nodes.
    QVERIFY(view("tight")->graphScene()->nodeItem(id));
    QVERIFY(view("decoupled")->graphScene()->nodeItem(id));
    QVERIFY(m_window->statusBar()->currentMessage().contains(id));
    doc()->undoStack()->undo();
    QVERIFY(!view("tight")->graphScene()->nodeItem(id));
}

void TestEditor::dropFromPaletteAddsNodeWhereDropped()
{
    GraphView *v = view("decoupled");
    const QPoint at = toViewport(v, QPointF(400, 560));
    QMimeData mime;
    mime.setData(GraphView::nodeKindMimeType(), "topic");
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(v->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(v->viewport(), &drop);
    const app::NodeSpec *topic = doc()->node("topic");
    QVERIFY(topic);
    QCOMPARE(topic->kind, app::NodeKind::Topic);
    QVERIFY2(QLineF(topic->pos, QPointF(400, 560)).length() < 2.0 / v->zoom() + 1,
             qPrintable(QString("dropped at %1,%2").arg(topic->pos.x()).arg(topic->pos.y())));
}

void TestEditor::dragFromPortConnectsAndUndoRedoSaveReload()
{
    GraphView *tight = view("tight");
    QSignalSpy edgeAdded(doc(), &ScenarioDocument::edgeAdded);
    QSignalSpy edgeRemoved(doc(), &ScenarioDocument::edgeRemoved);
    drag(tight, portOf(tight, "notification"), doc()->node("analytics")->pos);

    QCOMPARE(edgeAdded.size(), 1);
    QCOMPARE(edgeAdded.first().at(0).toString(), QStringLiteral("tight"));
    const auto &edges = doc()->architecture("tight")->edges;
    QCOMPARE(edges.size(), std::size_t(4));
    QCOMPARE(edges.back().kind, app::EdgeKind::Call);
    QCOMPARE(edges.back().from, QStringLiteral("notification"));
    QCOMPARE(edges.back().to, QStringLiteral("analytics"));
    QCOMPARE(tight->graphScene()->edgeItems().size(), std::size_t(4));
    QCOMPARE(tight->graphScene()->edgeItem(3)->target()->nodeId(), QStringLiteral("analytics"));
    QCOMPARE(view("decoupled")->graphScene()->edgeItems().size(), std::size_t(3));
    QVERIFY(m_window->isWindowModified());

    doc()->undoStack()->undo();
    QCOMPARE(edgeRemoved.size(), 1);
    QCOMPARE(tight->graphScene()->edgeItems().size(), std::size_t(3));
    QVERIFY(!m_window->isWindowModified());
    doc()->undoStack()->redo();
    QCOMPARE(tight->graphScene()->edgeItems().size(), std::size_t(4));

    QTemporaryDir dir;
    const QString path = dir.filePath("edited.json");
    QString error;
    QVERIFY2(m_window->saveTo(path, &error), qPrintable(error));
    QVERIFY(!m_window->isWindowModified());
    const QByteArray saved = uitest::canonical(doc()->scenario());
    QVERIFY2(m_window->openFile(path, &error), qPrintable(error));
    QCOMPARE(uitest::canonical(doc()->scenario()), saved);
    QCOMPARE(view("tight")->graphScene()->edgeItems().size(), std::size_t(4));
    QCOMPARE(view("tight")->graphScene()->nodeItems().size(), doc()->scenario().nodes.size());
}

void TestEditor::refusedEdgeShowsStatusAndKeepsModel_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<int>("kind"); // -1: automatic
    QTest::addColumn<QString>("reason");
    QTest::newRow("subscribe service→service")
        << "order-service"
        << "analytics" << int(app::EdgeKind::Subscribe) << "subscribe reads from a topic";
    QTest::newRow("call cycle") << "inventory"
                                << "order-service" << -1 << "cycle of synchronous calls";
}

void TestEditor::refusedEdgeShowsStatusAndKeepsModel()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(int, kind);
    QFETCH(QString, reason);
    m_window->palette()->setConnectKind(kind < 0 ? std::nullopt
                                                 : std::optional<app::EdgeKind>(app::EdgeKind(kind)));
    const QByteArray before = uitest::canonical(doc()->scenario());
    QSignalSpy edgeAdded(doc(), &ScenarioDocument::edgeAdded);
    GraphView *tight = view("tight");
    drag(tight, portOf(tight, from), doc()->node(to)->pos);
    QCOMPARE(edgeAdded.size(), 0);
    QCOMPARE(uitest::canonical(doc()->scenario()), before);
    QCOMPARE(doc()->undoStack()->count(), 0);
    const QString status = m_window->statusBar()->currentMessage();
    QVERIFY2(status.startsWith("Refused") && status.contains(reason), qPrintable(status));
}

void TestEditor::dragMovesNodeInBothCanvases()
{
    GraphView *tight = view("tight");
    const QPointF start = doc()->node("analytics")->pos;
    // Grab the card left of its centre (away from the port) and drag it down.
    const QPointF grab = start + QPointF(-40, 0);
    drag(tight, grab, grab + QPointF(0, 120));
    const QPointF moved = doc()->node("analytics")->pos;
    QVERIFY2(moved.y() > start.y() + 100 && qAbs(moved.x() - start.x()) < 3,
             qPrintable(QString("moved to %1,%2").arg(moved.x()).arg(moved.y())));
    QCOMPARE(doc()->undoStack()->count(), 1);
    QCOMPARE(view("decoupled")->graphScene()->nodeItem("analytics")->pos(), moved);
    doc()->undoStack()->undo();
    QCOMPARE(doc()->node("analytics")->pos, start);
    QCOMPARE(tight->graphScene()->nodeItem("analytics")->pos(), start);
}

void TestEditor::rubberBandSelectsAndDeleteRemoves()
{
    GraphView *tight = view("tight");
    // Empty canvas right of the three services, then sweep over them.
    const QRectF services = tight->graphScene()->nodeItem("inventory")->sceneBoundingRect() |
                            tight->graphScene()->nodeItem("analytics")->sceneBoundingRect();
    drag(tight, services.topRight() + QPointF(30, -20), services.bottomLeft() + QPointF(-20, 20));
    QCOMPARE(tight->graphScene()->selectedNodeIds(), QStringList({"analytics", "inventory", "notification"}));

    const QByteArray before = uitest::canonical(doc()->scenario());
    m_window->deleteSelection();
    QVERIFY(!doc()->node("inventory") && !doc()->node("notification") && !doc()->node("analytics"));
    QCOMPARE(tight->graphScene()->edgeItems().size(), std::size_t(1));
    QCOMPARE(view("decoupled")->graphScene()->edgeItems().size(), std::size_t(2));
    QCOMPARE(doc()->undoStack()->count(), 1);
    doc()->undoStack()->undo();
    QCOMPARE(uitest::canonical(doc()->scenario()), before);
    QCOMPARE(tight->graphScene()->edgeItems().size(), std::size_t(3));
    QCOMPARE(tight->graphScene()->edgeItem(2)->target()->nodeId(), QStringLiteral("notification"));
}

void TestEditor::doubleClickRenames()
{
    GraphView *tight = view("tight");
    const QPoint at = toViewport(tight, doc()->node("inventory")->pos + QPointF(-40, 0));
    QTest::mouseDClick(tight->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(m_window->inspector()->shownNode(), QStringLiteral("inventory"));
    QLineEdit *name = m_window->inspector()->nameEdit();
    QVERIFY(name);
    QTRY_VERIFY(name->hasFocus()); // new form rows are shown on the next event loop pass
    name->selectAll();
    QTest::keyClicks(name, "Stock");
    QTest::keyClick(name, Qt::Key_Return);
    QCOMPARE(doc()->node("inventory")->label, QStringLiteral("Stock"));
    QCOMPARE(tight->graphScene()->nodeItem("inventory")->spec().label, QStringLiteral("Stock"));
    QCOMPARE(view("decoupled")->graphScene()->nodeItem("inventory")->spec().label, QStringLiteral("Stock"));
    doc()->undoStack()->undo();
    QVERIFY(doc()->node("inventory")->label.isEmpty());
    QVERIFY(name->text().isEmpty()); // the form follows undo
}

void TestEditor::inspectorEditsAreUndoable()
{
    GraphScene *scene = view("tight")->graphScene();
    scene->nodeItem("notification")->setSelected(true);
    QCOMPARE(m_window->inspector()->shownNode(), QStringLiteral("notification"));
    auto *workers = m_window->inspector()->findChild<QSpinBox *>();
    QVERIFY(workers);
    QCOMPARE(workers->value(), 2);
    workers->setValue(5);
    QCOMPARE(doc()->node("notification")->workers, 5);
    doc()->undoStack()->undo();
    QCOMPARE(doc()->node("notification")->workers, 2);
    QCOMPARE(workers->value(), 2);
}

void TestEditor::decoupleThenUndoRestoresCanvases()
{
    const QByteArray before = uitest::canonical(doc()->scenario());
    m_window->decouple();
    GraphScene *decoupled = view("decoupled")->graphScene();
    QCOMPARE(decoupled->edgeItems().size(), doc()->architecture("decoupled")->edges.size());
    QVERIFY(decoupled->topicItem("order-placed"));
    QVERIFY(view("tight")->graphScene()->topicItem("order-placed"));
    QVERIFY(m_window->statusBar()->currentMessage().startsWith("Decoupled"));
    doc()->undoStack()->undo();
    QCOMPARE(uitest::canonical(doc()->scenario()), before);
    QVERIFY(!decoupled->nodeItem("order-placed"));
    QCOMPARE(decoupled->edgeItems().size(), std::size_t(3));
    QCOMPARE(decoupled->edgeItem(2)->spec().kind, app::EdgeKind::Subscribe);
}

QTEST_MAIN(TestEditor)
#include "tst_editor.moc"
