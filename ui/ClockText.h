#pragma once

// Simulated time as people read it on the playback bar, the timeline, the event log and the
// captions: h:mm:ss. Parsing accepts what people type into "run until".

#include <QString>

namespace postoffice::ui::ClockText {

QString format(double t_s);
// "1:30:00", "90:00", "5400" or "5400s" → seconds; *ok false for anything else.
double parse(const QString &text, bool *ok);

} // namespace postoffice::ui::ClockText
