// libFuzzer target for the group coordinator as Kafka clients reach it: the input is a sequence of
// requests (api, version, body) with clock steps between them, so the fuzzer explores both the
// decoders and the group state machine. Every request must be answered exactly once (now, or when
// its join phase ends) with bytes that decode at its version; anything else aborts.
//
// Raw bytes seldom decode into a JoinGroup, so `make fuzz` starts from tests/fixtures/wire/group-corpus:
// whole conversations in this format (member ids are predictable: "fuzz-1", "fuzz-2", ... or the
// group.instance.id plus the counter) that the fuzzer then mutates.

#include "DescribeGroupsMessages.h"
#include "HeartbeatMessages.h"
#include "JoinGroupMessages.h"
#include "LeaveGroupMessages.h"
#include "ListGroupsMessages.h"
#include "ManualClock.h"
#include "OffsetCommitMessages.h"
#include "OffsetFetchMessages.h"
#include "SyncGroupMessages.h"
#include "WireGroupCoordinator.h"

#include <cstdlib>
#include <memory>
#include <vector>

using namespace postoffice::broker;

namespace {

struct Sent
{
    std::int16_t key = 0;
    std::int16_t version = 0;
    int calls = 0;
    std::vector<std::uint8_t> bytes;
};

bool decodes(const Sent &s)
{
    WireReader in(s.bytes);
    bool ok = false;
    switch (s.key) {
    case 8: {
        OffsetCommitResponse r;
        ok = decodeOffsetCommitResponse(in, s.version, r);
        break;
    }
    case 9: {
        OffsetFetchResponse r;
        ok = decodeOffsetFetchResponse(in, s.version, r);
        break;
    }
    case 11: {
        JoinGroupResponse r;
        ok = decodeJoinGroupResponse(in, s.version, r);
        break;
    }
    case 12: {
        HeartbeatResponse r;
        ok = decodeHeartbeatResponse(in, s.version, r);
        break;
    }
    case 13: {
        LeaveGroupResponse r;
        ok = decodeLeaveGroupResponse(in, s.version, r);
        break;
    }
    case 14: {
        SyncGroupResponse r;
        ok = decodeSyncGroupResponse(in, s.version, r);
        break;
    }
    case 15: {
        DescribeGroupsResponse r;
        ok = decodeDescribeGroupsResponse(in, s.version, r);
        break;
    }
    case 16: {
        ListGroupsResponse r;
        ok = decodeListGroupsResponse(in, s.version, r);
        break;
    }
    }
    return ok && in.atEnd();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const std::int16_t keys[] = {8, 9, 11, 12, 13, 14, 15, 16};
    ManualClock clock;
    WireGroupConfig config;
    config.initialRebalanceDelayMs = data && size > 0 ? (data[0] & 1) * 3000 : 0;
    config.minSessionTimeoutMs = 0; // let short sessions through, to reach expiries
    WireGroupCoordinator coordinator(clock, config);
    std::vector<std::shared_ptr<Sent>> sent;

    // Record: [api index] [version] [clock step] [body length] [body...]
    std::size_t pos = 1;
    while (pos + 4 <= size) {
        const std::int16_t key = keys[data[pos] % 8];
        const std::int16_t version = std::int16_t(data[pos + 1] % 9);
        const std::int64_t step = std::int64_t(data[pos + 2]) * 100;
        std::size_t length = data[pos + 3];
        pos += 4;
        if (length > size - pos)
            length = size - pos;
        auto s = std::make_shared<Sent>();
        s->key = key;
        s->version = version;
        const bool handled = coordinator.handle(key, version, {data + pos, length}, "fuzz", "/127.0.0.1",
                                                [s](std::vector<std::uint8_t> r) {
                                                    if (++s->calls > 1)
                                                        std::abort();
                                                    s->bytes = std::move(r);
                                                });
        if (handled)
            sent.push_back(s);
        pos += length;
        clock.advanceMs(step);
        coordinator.advance(clock.nowMs());
        (void)coordinator.groups();
    }
    // Every join phase, sync wait and session ends within a day of simulated time.
    for (int i = 0; i < 1000; ++i) {
        const auto due = coordinator.nextDeadlineMs();
        if (!due)
            break;
        clock.setMs(*due);
        coordinator.advance(clock.nowMs());
    }
    for (const auto &s : sent)
        if (s->calls != 1 || !decodes(*s))
            std::abort();
    return 0;
}
