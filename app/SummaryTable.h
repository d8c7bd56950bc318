#pragma once

// The side-by-side table `postoffice run` prints at the end: one column per architecture, one
// row per figure a trainer compares (orders, failures, latency percentiles, lag, drain time).
// Absent figures (no consumer group in a tight architecture) show as "-", never as 0.

#include "RunSummary.h"

#include <QString>

namespace postoffice::app {

class SummaryTable
{
public:
    static QString format(const RunSummary &summary);
};

} // namespace postoffice::app
