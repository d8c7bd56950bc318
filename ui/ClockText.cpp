#include "ClockText.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace postoffice::ui::ClockText {

QString format(double t_s)
{
    const qint64 s = qint64(std::floor(std::max(0.0, t_s) + 1e-6));
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600)
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

double parse(const QString &text, bool *ok)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^\\s*(?:(?:(\\d+):)?(\\d{1,2}):(\\d{1,2}(?:\\.\\d+)?)|(\\d+(?:\\.\\d+)?)\\s*s?)\\s*$"));
    const QRegularExpressionMatch m = pattern.match(text);
    *ok = m.hasMatch();
    if (!*ok)
        return 0.0;
    if (!m.captured(4).isEmpty())
        return m.captured(4).toDouble();
    const double minutes = m.captured(2).toDouble();
    const double seconds = m.captured(3).toDouble();
    // Minutes above 59 only make sense without an hour field ("90:00").
    if (seconds >= 60 || (minutes >= 60 && !m.captured(1).isEmpty())) {
        *ok = false;
        return 0.0;
    }
    return m.captured(1).toDouble() * 3600 + minutes * 60 + seconds;
}

} // namespace postoffice::ui::ClockText
