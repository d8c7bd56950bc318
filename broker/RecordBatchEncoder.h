#pragma once

// Encodes record batch v2 (magic 2): the 61-byte header, the varint-framed records, optionally
// compressed as a whole, and the CRC-32C. Fetch responses are written with it straight from the
// log's RecordViews; tests and clients write Records or RecordRefs.

#include "Record.h"
#include "RecordCompression.h"
#include "RecordView.h"
#include "WireWriter.h"

#include <cstdint>
#include <span>

namespace postoffice::broker {

// Options of an encoded batch beyond its records.
struct BatchOptions
{
    Compression compression = Compression::None;
    std::int64_t producerId = -1;
    std::int16_t producerEpoch = -1;
    std::int32_t baseSequence = -1;
    std::int32_t partitionLeaderEpoch = -1;
    bool logAppendTime = false; // message.timestamp.type=LogAppendTime: maxTimestamp is the broker's
    std::int64_t logAppendTimeMs = -1;
    bool transactional = false;
};

// One batch of records starting at baseOffset (fetch responses, and tests/clients). RecordViews
// carry their offsets (compacted logs have gaps); Records and RecordRefs get consecutive offsets.
void encodeRecordBatch(WireWriter &out, std::int64_t baseOffset, std::span<const RecordView> records,
                       Compression compression = Compression::None, std::int64_t producerId = -1,
                       std::int16_t producerEpoch = -1, std::int32_t baseSequence = -1);
void encodeRecordBatch(WireWriter &out, std::int64_t baseOffset, std::span<const Record> records,
                       Compression compression = Compression::None, std::int64_t producerId = -1,
                       std::int16_t producerEpoch = -1, std::int32_t baseSequence = -1);
void encodeRecordBatch(WireWriter &out, std::int64_t baseOffset, std::span<const RecordRef> records,
                       Compression compression = Compression::None, std::int64_t producerId = -1,
                       std::int16_t producerEpoch = -1, std::int32_t baseSequence = -1);
void encodeRecordBatch(WireWriter &out, std::int64_t baseOffset, std::span<const RecordView> records,
                       const BatchOptions &options);
void encodeRecordBatch(WireWriter &out, std::int64_t baseOffset, std::span<const Record> records,
                       const BatchOptions &options);
void encodeRecordBatch(WireWriter &out, std::int64_t baseOffset, std::span<const RecordRef> records,
                       const BatchOptions &options);

} // namespace postoffice::broker
