#include "InkContrast.h"

#include <cmath>

namespace postoffice::ui {

double InkContrast::luminance(const QColor &c)
{
    const auto linear = [](double v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    const QColor rgb = c.toRgb();
    return 0.2126 * linear(rgb.redF()) + 0.7152 * linear(rgb.greenF()) + 0.0722 * linear(rgb.blueF());
}

double InkContrast::ratio(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor InkContrast::textOn(const QColor &fill)
{
    const QColor white(Qt::white), black(Qt::black);
    return ratio(white, fill) >= normalText || ratio(white, fill) >= ratio(black, fill) ? white : black;
}

QColor InkContrast::readable(const QColor &ink, const QColor &background, double minRatio)
{
    if (ratio(ink, background) >= minRatio)
        return ink;
    // Mix towards white (dark background) or black (light one) in small steps: the first mix
    // that reads is the one closest to the colour meant.
    const bool darkBackground = luminance(background) < 0.18;
    const QColor target = darkBackground ? QColor(Qt::white) : QColor(Qt::black);
    const QColor from = ink.toRgb();
    QColor mixed = from;
    for (int step = 1; step <= 20; ++step) {
        const double t = step / 20.0;
        mixed = QColor::fromRgbF(float(from.redF() * (1 - t) + target.redF() * t),
                                 float(from.greenF() * (1 - t) + target.greenF() * t),
                                 float(from.blueF() * (1 - t) + target.blueF() * t));
        if (ratio(mixed, background) >= minRatio)
            break;
    }
    return mixed;
}

} // namespace postoffice::ui
