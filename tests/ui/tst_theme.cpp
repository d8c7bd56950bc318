// Node health on the canvas is told apart without colour (border line and fill pattern differ for
// every pair of states) and with colour for viewers who see it, in both palettes.
#include "Theme.h"

#include <QTest>

#include <cmath>

using namespace postoffice;
using ui::Theme;

class TestTheme : public QObject
{
    Q_OBJECT
private slots:
    void healthStatesDifferWithoutColour();
    void healthColoursDifferInLightness();
};

namespace {

const app::NodeHealth states[] = {app::NodeHealth::Ok, app::NodeHealth::Slow, app::NodeHealth::Down,
                                  app::NodeHealth::Failing};

} // namespace

void TestTheme::healthStatesDifferWithoutColour()
{
    for (app::NodeHealth a : states)
        for (app::NodeHealth b : states) {
            if (a == b)
                continue;
            QVERIFY(Theme::healthName(a) != Theme::healthName(b));
            const bool sameShape = Theme::healthBorderStyle(a) == Theme::healthBorderStyle(b) &&
                                   Theme::healthFillPattern(a) == Theme::healthFillPattern(b);
            QVERIFY2(!sameShape, qPrintable(Theme::healthName(a) + " ~ " + Theme::healthName(b)));
        }
    QCOMPARE(Theme::healthFillPattern(app::NodeHealth::Ok), Qt::NoBrush);
    QCOMPARE(Theme::healthBorderStyle(app::NodeHealth::Ok), Qt::SolidLine);
}

void TestTheme::healthColoursDifferInLightness()
{
    // The alarm states differ in luminance, which a red-green colour-blind viewer still sees,
    // in both palettes; every state has its own colour.
    const auto luminance = [](app::NodeHealth h) {
        const QColor c = Theme::healthColor(h);
        return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF();
    };
    for (Theme::Mode mode : {Theme::Mode::Light, Theme::Mode::Dark}) {
        Theme::apply(mode);
        for (app::NodeHealth a : states)
            for (app::NodeHealth b : states)
                if (a != b)
                    QVERIFY(Theme::healthColor(a) != Theme::healthColor(b));
        const app::NodeHealth alarms[] = {app::NodeHealth::Slow, app::NodeHealth::Failing,
                                          app::NodeHealth::Down};
        for (app::NodeHealth a : alarms)
            for (app::NodeHealth b : alarms)
                if (a != b)
                    QVERIFY2(std::abs(luminance(a) - luminance(b)) > 0.08,
                             qPrintable(Theme::healthName(a) + " ~ " + Theme::healthName(b)));
    }
    Theme::apply(Theme::Mode::Light);
}

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
