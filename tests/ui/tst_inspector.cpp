// The inspector: its empty-state text is never clipped in the dock, at the dock's minimum width
// and with presenter mode's larger font; selecting a node replaces it with the node's form, and
// its spin boxes commit one undoable change per edit.
#include "LiveRunTestSupport.h"

#include "InspectorWidget.h"
#include "ScenarioDocument.h"

#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTest>
#include <QUndoStack>

using namespace postoffice;

class TestInspector : public QObject
{
    Q_OBJECT
private slots:
    void emptyStateFits_data();
    void emptyStateFits();
    void nodeFormReplacesHint();
    void spinEditIsOneUndoStep();
};

void TestInspector::emptyStateFits_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<double>("fontScale");
    QTest::newRow("dock minimum") << 240 << 1.0;
    QTest::newRow("typical dock") << 300 << 1.0;
    QTest::newRow("presenter font") << 300 << 1.45;
}

void TestInspector::emptyStateFits()
{
    QFETCH(int, width);
    QFETCH(double, fontScale);
    ui::InspectorWidget inspector;
    QFont f = inspector.font();
    f.setPointSizeF(f.pointSizeF() * fontScale);
    inspector.setFont(f);
    // As short as the dock gets: the widget's own minimum height.
    inspector.resize(width, 10);
    inspector.show();
    inspector.resize(width, inspector.minimumSizeHint().height());
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    QLabel *hint = inspector.hint();
    QVERIFY(hint->isVisible());
    QVERIFY(hint->heightForWidth(hint->width()) > hint->fontMetrics().height()); // it wraps here
    QVERIFY2(hint->height() >= hint->heightForWidth(hint->width()),
             qPrintable(QStringLiteral("hint %1 px high, needs %2")
                            .arg(hint->height())
                            .arg(hint->heightForWidth(hint->width()))));
    QVERIFY(inspector.rect().contains(hint->geometry()));
}

void TestInspector::nodeFormReplacesHint()
{
    ui::ScenarioDocument doc(uitest::loadShipped("notification-outage"));
    ui::InspectorWidget inspector;
    inspector.setDocument(&doc);
    inspector.show();
    inspector.showNode("notification");
    QVERIFY(!inspector.hint()->isVisible());
    QVERIFY(inspector.nameEdit());
    inspector.showNothing();
    QVERIFY(inspector.hint()->isVisible());
    QVERIFY(!inspector.nameEdit());
}

void TestInspector::spinEditIsOneUndoStep()
{
    ui::ScenarioDocument doc(uitest::loadShipped("notification-outage"));
    ui::InspectorWidget inspector;
    inspector.setDocument(&doc);
    inspector.showNode("notification");
    const int workers = doc.node("notification")->workers;
    QSpinBox *spin = nullptr;
    for (QSpinBox *s : inspector.findChildren<QSpinBox *>())
        if (s->value() == workers && s->minimum() == 1)
            spin = s;
    QVERIFY(spin);
    const int before = doc.undoStack()->count();
    spin->setValue(workers + 3);
    QCOMPARE(doc.node("notification")->workers, workers + 3);
    QCOMPARE(doc.undoStack()->count(), before + 1);
    spin->setValue(workers + 3); // same value: no new step
    QCOMPARE(doc.undoStack()->count(), before + 1);
    doc.undoStack()->undo();
    QCOMPARE(doc.node("notification")->workers, workers);
    QCOMPARE(spin->value(), workers); // the form follows the document
}

QTEST_MAIN(TestInspector)
#include "tst_inspector.moc"
