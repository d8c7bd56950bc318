#pragma once

// Text must read on the card or panel it is drawn on in both palettes, from the back of a
// training room. Colours that carry meaning (a group's colour, lag's red, a status) are designed
// for the light palette; on the dark one they are lightened just enough, and on the light one
// darkened just enough, to reach WCAG's contrast ratio for normal text (4.5:1), keeping their hue.

#include <QColor>

namespace postoffice::ui {

class InkContrast
{
public:
    // WCAG 2 contrast ratio of two opaque colours, 1 (same) to 21 (black on white).
    static double ratio(const QColor &a, const QColor &b);
    // `ink` itself when it already reads on `background`; else the nearest lighter (on a dark
    // background) or darker (on a light one) colour of its hue that does.
    static QColor readable(const QColor &ink, const QColor &background, double minRatio = normalText);

    // The word on a coloured pill: white as designed where it reads (4.5:1), else black or white,
    // whichever reads better on `fill`.
    static QColor textOn(const QColor &fill);

    static constexpr double normalText = 4.5;

private:
    static double luminance(const QColor &c);
};

} // namespace postoffice::ui
