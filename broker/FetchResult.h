#pragma once

#include "ErrorCode.h"
#include "RecordView.h"

#include <cstdint>
#include <vector>

namespace postoffice::broker {

// What a consumer fetch returns. Records are views into the log (see RecordView for how long they
// stay valid). Reuse one FetchResult across fetches to keep its vector's capacity.
struct FetchResult
{
    ErrorCode error = ErrorCode::None;
    std::vector<RecordView> records;
    std::int64_t highWatermark = -1;  // consumers see offsets below this only
    std::int64_t logStartOffset = -1; // fetching below this is OffsetOutOfRange
    std::int64_t logEndOffset = -1;
};

} // namespace postoffice::broker
