#pragma once

// The side-by-side table `postoffice run` prints at the end: one column per architecture, in the
// order the scenario lists them, one row per figure a trainer compares (orders, what the customer
// was told and how long they waited, when all the work behind an order was done, lag, drain time).
// Every column is as wide as its widest cell; with 2-4 architectures of the shipped scenarios it
// fits an 80-column terminal. Absent figures (no consumer group in a tight architecture) show as
// "-", never as 0.

#include "RunSummary.h"

#include <QString>

namespace postoffice::app {

class SummaryTable
{
public:
    static constexpr int ColumnGap = 2; // spaces between columns

    static QString format(const RunSummary &summary);
};

} // namespace postoffice::app
