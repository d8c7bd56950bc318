#pragma once

// One colour per architecture, used by every view (charts, canvas captions, timeline, event log)
// so that a viewer learns "orange = tight, blue = decoupled" once and reads it everywhere.
// Okabe–Ito vermillion and blue: distinguishable for colour-blind viewers and on a projector.

#include <QColor>
#include <QString>

namespace postoffice::ui::ArchitectureStyle {

QColor color(const QString &architecture);
// "tight" → "Tight-coupled", "decoupled" → "Decoupled"; other ids as words ("decoupled-3" →
// "Decoupled 3").
QString label(const QString &architecture);

} // namespace postoffice::ui::ArchitectureStyle
