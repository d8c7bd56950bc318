// The palette dock on a short screen (a 720p projector, presenter mode's large font): its content
// scrolls at full height instead of being squeezed until wrapped text is clipped.
#include "PaletteWidget.h"

#include <QLabel>
#include <QScrollArea>
#include <QTest>

using namespace postoffice;

class TestPalette : public QObject
{
    Q_OBJECT
private slots:
    void shortDockScrollsInsteadOfClipping_data();
    void shortDockScrollsInsteadOfClipping();
};

void TestPalette::shortDockScrollsInsteadOfClipping_data()
{
    QTest::addColumn<double>("fontScale");
    QTest::newRow("normal font") << 1.0;
    QTest::newRow("presenter font") << 1.45;
}

void TestPalette::shortDockScrollsInsteadOfClipping()
{
    QFETCH(double, fontScale);
    ui::PaletteWidget palette;
    QFont f = palette.font();
    f.setPointSizeF(f.pointSizeF() * fontScale);
    palette.setFont(f);
    palette.resize(180, 200);
    palette.show();
    QVERIFY(QTest::qWaitForWindowExposed(&palette));
    auto *scroll = palette.findChild<QScrollArea *>("paletteScroll");
    QVERIFY(scroll);
    QWidget *content = scroll->widget();
    QVERIFY(content->height() >= content->minimumSizeHint().height());
    QVERIFY(content->height() > scroll->viewport()->height()); // it scrolls
    // Every wrapped label is as tall as its text needs at its width.
    for (QLabel *label : content->findChildren<QLabel *>())
        if (label->wordWrap())
            QVERIFY2(label->height() >= label->heightForWidth(label->width()), qPrintable(label->text()));
}

QTEST_MAIN(TestPalette)
#include "tst_palette.moc"
