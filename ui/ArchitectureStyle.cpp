#include "ArchitectureStyle.h"

#include <QHash>

namespace postoffice::ui::ArchitectureStyle {

QColor color(const QString &architecture)
{
    if (architecture == QLatin1String("tight"))
        return QColor(0xD5, 0x5E, 0x00);
    if (architecture == QLatin1String("decoupled"))
        return QColor(0x00, 0x72, 0xB2);
    // Further architectures (consumer-scaling's decoupled-3, decoupled-7...) take the rest of the
    // Okabe–Ito set in the order they are first shown, so that up to four extra ones never share
    // a colour; a name keeps its colour for the whole session.
    static const QColor others[] = {QColor(0x00, 0x9E, 0x73), QColor(0xCC, 0x79, 0xA7),
                                    QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9)};
    static QHash<QString, qsizetype> order;
    const qsizetype index = order.value(architecture, order.size());
    order.insert(architecture, index);
    return others[std::size_t(index) % std::size(others)];
}

QString label(const QString &architecture)
{
    if (architecture == QLatin1String("tight"))
        return QStringLiteral("Tight-coupled");
    if (architecture == QLatin1String("decoupled"))
        return QStringLiteral("Decoupled");
    // Further architectures are ids such as "decoupled-3" or "decoupled_acks1"; on a legend or a
    // canvas caption they read as words, matching the two named ones: "Decoupled 3".
    QString words = architecture;
    words.replace(QLatin1Char('-'), QLatin1Char(' ')).replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!words.isEmpty())
        words[0] = words[0].toUpper();
    return words;
}

} // namespace postoffice::ui::ArchitectureStyle
