#include "Theme.h"

#include <QApplication>
#include <QStyleFactory>

#include <array>

namespace postoffice::ui {

namespace {

bool dark()
{
    return Theme::mode() == Theme::Mode::Dark;
}

// Okabe–Ito: orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple.
constexpr std::array<QRgb, 7> okabeIto = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442,
                                          0x0072B2, 0xD55E00, 0xCC79A7};

} // namespace

void Theme::apply(Mode mode)
{
    s_mode = mode;
    if (auto *fusion = QStyleFactory::create(QStringLiteral("Fusion")))
        QApplication::setStyle(fusion);
    QApplication::setPalette(palette(mode));
}

QPalette Theme::palette(Mode mode)
{
    if (mode == Mode::Light) {
        QPalette p;
        p.setColor(QPalette::Window, QColor(0xf3f4f6));
        p.setColor(QPalette::Base, Qt::white);
        p.setColor(QPalette::AlternateBase, QColor(0xeef0f3));
        p.setColor(QPalette::Highlight, QColor(0x2f6fde));
        p.setColor(QPalette::HighlightedText, Qt::white);
        return p;
    }
    QPalette p;
    const QColor window(0x2b2d31), base(0x1e1f22), text(0xe6e6e6), disabled(0x7a7d85);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(0x56B4E9));
    p.setColor(QPalette::Highlight, QColor(0x3d7be0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Disabled, QPalette::Text, disabled);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, disabled);
    p.setColor(QPalette::Disabled, QPalette::WindowText, disabled);
    return p;
}

QColor Theme::canvasBackground()
{
    return dark() ? QColor(0x1b1c1f) : QColor(0xfafbfc);
}

QColor Theme::gridLine()
{
    return dark() ? QColor(0x2a2c31) : QColor(0xe8eaee);
}

QColor Theme::cardFill()
{
    return dark() ? QColor(0x2c2f35) : QColor(Qt::white);
}

QColor Theme::cardBorder()
{
    return dark() ? QColor(0x5a5f69) : QColor(0xb8bec8);
}

QColor Theme::text()
{
    return dark() ? QColor(0xf0f0f0) : QColor(0x1d2330);
}

QColor Theme::mutedText()
{
    return dark() ? QColor(0xa8adb7) : QColor(0x5b6472);
}

QColor Theme::selection()
{
    return dark() ? QColor(0x7fb2ff) : QColor(0x2f6fde);
}

QColor Theme::nodeKindColor(app::NodeKind kind)
{
    switch (kind) {
    case app::NodeKind::Producer:
        return QColor(0x0072B2);
    case app::NodeKind::Service:
        return QColor(0x4a5568);
    case app::NodeKind::Topic:
        return QColor(0x009E73);
    case app::NodeKind::Broker:
        return QColor(0x8c6d1f);
    case app::NodeKind::Stream:
        return QColor(0xCC79A7);
    }
    return Qt::gray;
}

QChar Theme::nodeKindLetter(app::NodeKind kind)
{
    switch (kind) {
    case app::NodeKind::Producer:
        return u'P';
    case app::NodeKind::Service:
        return u'S';
    case app::NodeKind::Topic:
        return u'T';
    case app::NodeKind::Broker:
        return u'B';
    case app::NodeKind::Stream:
        return u'λ';
    }
    return u'?';
}

QString Theme::nodeKindName(app::NodeKind kind)
{
    switch (kind) {
    case app::NodeKind::Producer:
        return QStringLiteral("producer");
    case app::NodeKind::Service:
        return QStringLiteral("service");
    case app::NodeKind::Topic:
        return QStringLiteral("topic");
    case app::NodeKind::Broker:
        return QStringLiteral("broker");
    case app::NodeKind::Stream:
        return QStringLiteral("stream");
    }
    return {};
}

QColor Theme::edgeColor(app::EdgeKind kind)
{
    switch (kind) {
    case app::EdgeKind::Call:
        return dark() ? QColor(0xc5cad3) : QColor(0x3c4452);
    case app::EdgeKind::Publish:
        return QColor(0x009E73);
    case app::EdgeKind::Subscribe:
        return dark() ? QColor(0x6cb8ef) : QColor(0x0072B2);
    }
    return Qt::gray;
}

QString Theme::edgeKindName(app::EdgeKind kind)
{
    switch (kind) {
    case app::EdgeKind::Call:
        return QStringLiteral("call");
    case app::EdgeKind::Publish:
        return QStringLiteral("publish");
    case app::EdgeKind::Subscribe:
        return QStringLiteral("subscribe");
    }
    return {};
}

QColor Theme::healthColor(app::NodeHealth health)
{
    // Slow, failing and down step down in luminance (light palette) or keep apart in it (dark
    // palette), so they differ for red-green colour-blind viewers too; shapes back them up.
    switch (health) {
    case app::NodeHealth::Ok:
        return dark() ? QColor(0x3fbf74) : QColor(0x2e9e5b);
    case app::NodeHealth::Slow:
        return dark() ? QColor(0xF0B429) : QColor(0xE69F00);
    case app::NodeHealth::Down:
        return dark() ? QColor(0xE04848) : QColor(0x9E1B1B);
    case app::NodeHealth::Failing:
        return dark() ? QColor(0xFF8A3D) : QColor(0xD55E00);
    }
    return Qt::gray;
}

QString Theme::healthName(app::NodeHealth health)
{
    switch (health) {
    case app::NodeHealth::Ok:
        return QStringLiteral("ok");
    case app::NodeHealth::Slow:
        return QStringLiteral("slow");
    case app::NodeHealth::Down:
        return QStringLiteral("down");
    case app::NodeHealth::Failing:
        return QStringLiteral("failing");
    }
    return {};
}

Qt::PenStyle Theme::healthBorderStyle(app::NodeHealth health)
{
    switch (health) {
    case app::NodeHealth::Ok:
    case app::NodeHealth::Failing:
    case app::NodeHealth::Down: // a solid frame around the hatching reads as "closed"
        return Qt::SolidLine;
    case app::NodeHealth::Slow:
        return Qt::DotLine;
    }
    return Qt::SolidLine;
}

Qt::BrushStyle Theme::healthFillPattern(app::NodeHealth health)
{
    switch (health) {
    case app::NodeHealth::Ok:
    case app::NodeHealth::Slow:
        return Qt::NoBrush;
    case app::NodeHealth::Down:
        return Qt::BDiagPattern; // struck through: "out of service"
    case app::NodeHealth::Failing:
        return Qt::Dense6Pattern;
    }
    return Qt::NoBrush;
}

QColor Theme::eventTypeColor(const QString &eventType)
{
    // qHash is seeded per process; a colour must not change between runs, so hash by hand.
    uint h = 0;
    for (QChar c : eventType)
        h = h * 31u + c.unicode();
    return QColor(okabeIto[h % okabeIto.size()]);
}

QColor Theme::groupColor(int index)
{
    // Yellow is unreadable on white: groups use the other six.
    constexpr std::array<QRgb, 6> colors = {0x0072B2, 0xD55E00, 0xCC79A7, 0x56B4E9, 0xE69F00, 0x009E73};
    return QColor(colors[static_cast<std::size_t>(index) % colors.size()]);
}

} // namespace postoffice::ui
