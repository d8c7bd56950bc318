// The group APIs' messages byte for byte: each request and response round trips at every version
// served, a few are checked against bytes written out by hand from Kafka's message definitions, the
// consumer protocol's subscription and assignment payloads decode, and garbage handed to the
// coordinator is answered (or refused) without a crash.

#include "tst_wire_group_client.h"

#include <QtTest>

#include <random>

using namespace postoffice::broker;
using postoffice::broker::test::GroupWire;

namespace {

std::vector<std::uint8_t> bytesOf(std::initializer_list<int> values)
{
    std::vector<std::uint8_t> out;
    for (int v : values)
        out.push_back(std::uint8_t(v));
    return out;
}

// Appends Kafka STRING bytes (int16 length + text) for hand-written expectations.
void str(std::vector<std::uint8_t> &out, const std::string &s)
{
    out.push_back(std::uint8_t(s.size() >> 8));
    out.push_back(std::uint8_t(s.size()));
    out.insert(out.end(), s.begin(), s.end());
}
void i32(std::vector<std::uint8_t> &out, std::int32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(std::uint8_t(std::uint32_t(v) >> shift));
}
void i16(std::vector<std::uint8_t> &out, std::int16_t v)
{
    out.push_back(std::uint8_t(std::uint16_t(v) >> 8));
    out.push_back(std::uint8_t(v));
}
void i64(std::vector<std::uint8_t> &out, std::int64_t v)
{
    for (int shift = 56; shift >= 0; shift -= 8)
        out.push_back(std::uint8_t(std::uint64_t(v) >> shift));
}

// Encodes at `version`, decodes, and checks the decoded value equals `expected` (the original with
// the fields that version lacks at their defaults), that every byte was read, and that encoding the
// decoded value gives the same bytes.
template<typename T, typename Encode, typename Decode>
bool roundTrips(const T &value, const T &expected, std::int16_t version, Encode encode, Decode decode,
                QString *why)
{
    WireWriter w;
    encode(w, version, value);
    WireReader in(w.buffer());
    T decoded;
    if (!decode(in, version, decoded)) {
        *why = QStringLiteral("v%1 does not decode").arg(version);
        return false;
    }
    if (!in.atEnd()) {
        *why = QStringLiteral("v%1 leaves %2 bytes unread").arg(version).arg(in.remaining());
        return false;
    }
    if (!(decoded == expected)) {
        *why = QStringLiteral("v%1 decodes to something else").arg(version);
        return false;
    }
    WireWriter again;
    encode(again, version, decoded);
    if (again.buffer() != w.buffer()) {
        *why = QStringLiteral("v%1 re-encodes differently").arg(version);
        return false;
    }
    return true;
}

#define ROUND_TRIP(value, expected, version, encode, decode)                                                 \
    do {                                                                                                     \
        QString why;                                                                                         \
        QVERIFY2(roundTrips(value, expected, version, encode, decode, &why), qPrintable(why));               \
    } while (false)

} // namespace

class TestWireGroupMessages : public QObject
{
    Q_OBJECT

private slots:
    void joinGroupRoundTrips()
    {
        JoinGroupRequest req{"orders-app",
                             45000,
                             300000,
                             "rdkafka-1",
                             "pod-3",
                             "consumer",
                             {{"range", bytesOf({0, 1, 2})}, {"roundrobin", {}}}};
        JoinGroupResponse resp{7,
                               ErrorCode::None,
                               4,
                               "range",
                               "rdkafka-1",
                               "rdkafka-2",
                               {{"rdkafka-1", "pod-3", bytesOf({9})}, {"rdkafka-2", std::nullopt, {}}}};
        for (std::int16_t v = kJoinGroupMinVersion; v <= kJoinGroupMaxVersion; ++v) {
            JoinGroupRequest expReq = req;
            if (v < 1)
                expReq.rebalanceTimeoutMs = -1;
            if (v < 5)
                expReq.groupInstanceId.reset();
            ROUND_TRIP(req, expReq, v, encodeJoinGroupRequest, decodeJoinGroupRequest);
            JoinGroupResponse expResp = resp;
            if (v < 2)
                expResp.throttleTimeMs = 0;
            if (v < 5)
                for (auto &m : expResp.members)
                    m.groupInstanceId.reset();
            ROUND_TRIP(resp, expResp, v, encodeJoinGroupResponse, decodeJoinGroupResponse);
        }
    }

    void syncGroupRoundTrips()
    {
        SyncGroupRequest req{"g", 3, "m-1", "pod-1", {{"m-1", bytesOf({1, 2})}, {"m-2", {}}}};
        SyncGroupResponse resp{5, ErrorCode::RebalanceInProgress, bytesOf({0, 1, 0, 0})};
        for (std::int16_t v = kSyncGroupMinVersion; v <= kSyncGroupMaxVersion; ++v) {
            SyncGroupRequest expReq = req;
            if (v < 3)
                expReq.groupInstanceId.reset();
            ROUND_TRIP(req, expReq, v, encodeSyncGroupRequest, decodeSyncGroupRequest);
            SyncGroupResponse expResp = resp;
            if (v < 1)
                expResp.throttleTimeMs = 0;
            ROUND_TRIP(resp, expResp, v, encodeSyncGroupResponse, decodeSyncGroupResponse);
        }
    }

    void heartbeatRoundTrips()
    {
        HeartbeatRequest req{"g", 9, "m-1", "pod-1"};
        HeartbeatResponse resp{11, ErrorCode::IllegalGeneration};
        for (std::int16_t v = kHeartbeatMinVersion; v <= kHeartbeatMaxVersion; ++v) {
            HeartbeatRequest expReq = req;
            if (v < 3)
                expReq.groupInstanceId.reset();
            ROUND_TRIP(req, expReq, v, encodeHeartbeatRequest, decodeHeartbeatRequest);
            HeartbeatResponse expResp = resp;
            if (v < 1)
                expResp.throttleTimeMs = 0;
            ROUND_TRIP(resp, expResp, v, encodeHeartbeatResponse, decodeHeartbeatResponse);
        }
    }

    void leaveGroupRoundTrips()
    {
        LeaveGroupRequest req{"g", {{"m-1", std::nullopt}, {"", "pod-2"}}};
        LeaveGroupResponse resp{
            3,
            ErrorCode::None,
            {{"m-1", std::nullopt, ErrorCode::None}, {"", "pod-2", ErrorCode::UnknownMemberId}}};
        for (std::int16_t v = kLeaveGroupMinVersion; v <= kLeaveGroupMaxVersion; ++v) {
            LeaveGroupRequest expReq = req;
            if (v < 3)
                expReq.members = {{"m-1", std::nullopt}}; // one member id, nothing else
            ROUND_TRIP(req, expReq, v, encodeLeaveGroupRequest, decodeLeaveGroupRequest);
            LeaveGroupResponse expResp = resp;
            if (v < 1)
                expResp.throttleTimeMs = 0;
            if (v < 3)
                expResp.members.clear();
            ROUND_TRIP(resp, expResp, v, encodeLeaveGroupResponse, decodeLeaveGroupResponse);
        }
    }

    void offsetCommitRoundTrips()
    {
        OffsetCommitRequest req{
            "g",
            4,
            "m-1",
            "pod-1",
            86400000,
            {{"orders", {{0, 120, 7, 1700000000000, "meta"}, {1, 5, -1, -1, std::nullopt}}},
             {"payments", {{2, 0, 3, -1, ""}}}}};
        OffsetCommitResponse resp{
            2, {{"orders", {{0, ErrorCode::None}, {1, ErrorCode::OffsetMetadataTooLarge}}}}};
        for (std::int16_t v = kOffsetCommitMinVersion; v <= kOffsetCommitMaxVersion; ++v) {
            OffsetCommitRequest expReq = req;
            if (v < 1) {
                expReq.generationId = -1;
                expReq.memberId.clear();
            }
            if (v < 7)
                expReq.groupInstanceId.reset();
            if (v < 2 || v > 4)
                expReq.retentionTimeMs = -1;
            for (auto &t : expReq.topics)
                for (auto &p : t.partitions) {
                    if (v < 6)
                        p.committedLeaderEpoch = -1;
                    if (v != 1)
                        p.commitTimestamp = -1;
                }
            ROUND_TRIP(req, expReq, v, encodeOffsetCommitRequest, decodeOffsetCommitRequest);
            OffsetCommitResponse expResp = resp;
            if (v < 3)
                expResp.throttleTimeMs = 0;
            ROUND_TRIP(resp, expResp, v, encodeOffsetCommitResponse, decodeOffsetCommitResponse);
        }
    }

    void offsetFetchRoundTrips()
    {
        OffsetFetchRequest req{"g",
                               std::vector<OffsetFetchRequestTopic>{{"orders", {0, 1, 2}}, {"payments", {}}}};
        OffsetFetchRequest all{"g", std::nullopt};
        OffsetFetchResponse resp{
            4,
            {{"orders", {{0, 120, 7, "meta", ErrorCode::None}, {1, -1, -1, "", ErrorCode::None}}}},
            ErrorCode::CoordinatorLoadInProgress};
        for (std::int16_t v = kOffsetFetchMinVersion; v <= kOffsetFetchMaxVersion; ++v) {
            ROUND_TRIP(req, req, v, encodeOffsetFetchRequest, decodeOffsetFetchRequest);
            // Null topics exist from v2; before, "no topics" is an empty array.
            OffsetFetchRequest expAll = all;
            if (v < 2)
                expAll.topics = std::vector<OffsetFetchRequestTopic>{};
            ROUND_TRIP(all, expAll, v, encodeOffsetFetchRequest, decodeOffsetFetchRequest);
            OffsetFetchResponse expResp = resp;
            if (v < 3)
                expResp.throttleTimeMs = 0;
            if (v < 2)
                expResp.errorCode = ErrorCode::None;
            if (v < 5)
                for (auto &t : expResp.topics)
                    for (auto &p : t.partitions)
                        p.committedLeaderEpoch = -1;
            ROUND_TRIP(resp, expResp, v, encodeOffsetFetchResponse, decodeOffsetFetchResponse);
        }
    }

    void describeGroupsRoundTrips()
    {
        DescribeGroupsRequest req{{"g", "h"}, true};
        DescribeGroupsResponse resp{
            6,
            {{ErrorCode::None,
              "g",
              "Stable",
              "consumer",
              "range",
              {{"m-1", "pod-1", "client-a", "/10.0.0.1", bytesOf({0, 1}), bytesOf({0, 1, 0, 0, 0, 0})}},
              328},
             {ErrorCode::None, "h", "Dead", "", "", {}, 328}}};
        for (std::int16_t v = kDescribeGroupsMinVersion; v <= kDescribeGroupsMaxVersion; ++v) {
            DescribeGroupsRequest expReq = req;
            if (v < 3)
                expReq.includeAuthorizedOperations = false;
            ROUND_TRIP(req, expReq, v, encodeDescribeGroupsRequest, decodeDescribeGroupsRequest);
            DescribeGroupsResponse expResp = resp;
            if (v < 1)
                expResp.throttleTimeMs = 0;
            for (auto &g : expResp.groups) {
                if (v < 3)
                    g.authorizedOperations = std::numeric_limits<std::int32_t>::min();
                if (v < 4)
                    for (auto &m : g.members)
                        m.groupInstanceId.reset();
            }
            ROUND_TRIP(resp, expResp, v, encodeDescribeGroupsResponse, decodeDescribeGroupsResponse);
        }
    }

    void listGroupsRoundTrips()
    {
        ListGroupsResponse resp{8, ErrorCode::None, {{"g", "consumer"}, {"offsets-only", ""}}};
        for (std::int16_t v = kListGroupsMinVersion; v <= kListGroupsMaxVersion; ++v) {
            ROUND_TRIP(ListGroupsRequest{}, ListGroupsRequest{}, v, encodeListGroupsRequest,
                       decodeListGroupsRequest);
            ListGroupsResponse expResp = resp;
            if (v < 1)
                expResp.throttleTimeMs = 0;
            ROUND_TRIP(resp, expResp, v, encodeListGroupsResponse, decodeListGroupsResponse);
        }
    }

    void versionsOutsideTheRangeAreRefused()
    {
        const std::vector<std::uint8_t> some(64, 0);
        WireReader a(some), b(some), c(some), d(some);
        JoinGroupRequest j;
        QVERIFY(!decodeJoinGroupRequest(a, kJoinGroupMaxVersion + 1, j));
        OffsetCommitRequest oc;
        QVERIFY(!decodeOffsetCommitRequest(b, -1, oc));
        OffsetFetchRequest of;
        QVERIFY(!decodeOffsetFetchRequest(c, kOffsetFetchMaxVersion + 1, of));
        ListGroupsRequest l;
        QVERIFY(!decodeListGroupsRequest(d, kListGroupsMaxVersion + 1, l));
    }

    // Bytes written out by hand from Kafka's JSON message definitions, so that an encoder and decoder
    // that agree with each other but not with Kafka would be caught.
    void joinGroupV0AndV5MatchKafkasLayout()
    {
        std::vector<std::uint8_t> v0;
        str(v0, "g");
        i32(v0, 30000); // SessionTimeoutMs
        str(v0, "");    // MemberId
        str(v0, "consumer");
        i32(v0, 1);
        str(v0, "range");
        i32(v0, 2);
        v0.push_back(0xAA);
        v0.push_back(0xBB);
        JoinGroupRequest req{"g", 30000, 45000, "", "pod", "consumer", {{"range", bytesOf({0xAA, 0xBB})}}};
        WireWriter w0;
        encodeJoinGroupRequest(w0, 0, req);
        QCOMPARE(w0.buffer(), v0);

        std::vector<std::uint8_t> v5;
        str(v5, "g");
        i32(v5, 30000);
        i32(v5, 45000); // RebalanceTimeoutMs (v1+)
        str(v5, "");
        str(v5, "pod"); // GroupInstanceId (v5+)
        str(v5, "consumer");
        i32(v5, 1);
        str(v5, "range");
        i32(v5, 2);
        v5.push_back(0xAA);
        v5.push_back(0xBB);
        WireWriter w5;
        encodeJoinGroupRequest(w5, 5, req);
        QCOMPARE(w5.buffer(), v5);

        // The v5 response: throttle, error, generation, protocol, leader, member id, members with
        // a nullable instance id.
        std::vector<std::uint8_t> r5;
        i32(r5, 0);
        i16(r5, 79); // MEMBER_ID_REQUIRED
        i32(r5, -1);
        str(r5, "");
        str(r5, "");
        str(r5, "rdkafka-1");
        i32(r5, 1);
        str(r5, "rdkafka-1");
        i16(r5, -1); // null GroupInstanceId
        i32(r5, 0);
        WireReader in(r5);
        JoinGroupResponse resp;
        QVERIFY(decodeJoinGroupResponse(in, 5, resp));
        QVERIFY(in.atEnd());
        QCOMPARE(resp.errorCode, ErrorCode::MemberIdRequired);
        QCOMPARE(resp.memberId, std::string("rdkafka-1"));
        QCOMPARE(resp.members.size(), std::size_t(1));
        QVERIFY(!resp.members[0].groupInstanceId);
    }

    void offsetMessagesMatchKafkasLayout()
    {
        // OffsetCommit v2: group, generation, member, retention (v2-4), topics[name, partitions[index,
        // offset, metadata]].
        std::vector<std::uint8_t> c2;
        str(c2, "g");
        i32(c2, 3);
        str(c2, "m");
        i64(c2, -1);
        i32(c2, 1);
        str(c2, "t");
        i32(c2, 1);
        i32(c2, 0);
        i64(c2, 42);
        i16(c2, -1); // null metadata
        OffsetCommitRequest commit{"g", 3, "m", std::nullopt, -1, {{"t", {{0, 42, -1, -1, std::nullopt}}}}};
        WireWriter w;
        encodeOffsetCommitRequest(w, 2, commit);
        QCOMPARE(w.buffer(), c2);

        // OffsetFetch v2 with null topics: the group and a -1 array length.
        std::vector<std::uint8_t> f2;
        str(f2, "g");
        i32(f2, -1);
        WireReader in(f2);
        OffsetFetchRequest fetch;
        QVERIFY(decodeOffsetFetchRequest(in, 2, fetch));
        QVERIFY(!fetch.topics);
        // ...which v1 does not allow.
        WireReader in1(f2);
        QVERIFY(!decodeOffsetFetchRequest(in1, 1, fetch));

        // OffsetFetch v5 response: throttle, topics[name, partitions[index, offset, leader epoch,
        // metadata, error]], error.
        std::vector<std::uint8_t> r5;
        i32(r5, 0);
        i32(r5, 1);
        str(r5, "t");
        i32(r5, 1);
        i32(r5, 4);
        i64(r5, -1);
        i32(r5, -1);
        str(r5, "");
        i16(r5, 0);
        i16(r5, 0);
        OffsetFetchResponse resp{0, {{"t", {{4, -1, -1, "", ErrorCode::None}}}}, ErrorCode::None};
        WireWriter rw;
        encodeOffsetFetchResponse(rw, 5, resp);
        QCOMPARE(rw.buffer(), r5);
    }

    void leaveAndDescribeMatchKafkasLayout()
    {
        // LeaveGroup v3 request: group, members[member id, nullable instance id].
        std::vector<std::uint8_t> l3;
        str(l3, "g");
        i32(l3, 1);
        str(l3, "m-1");
        i16(l3, -1);
        WireWriter w;
        encodeLeaveGroupRequest(w, 3, {"g", {{"m-1", std::nullopt}}});
        QCOMPARE(w.buffer(), l3);

        // DescribeGroups v3 request ends with IncludeAuthorizedOperations; v4 response members carry
        // the instance id between member id and client id.
        std::vector<std::uint8_t> d4;
        i32(d4, 0);
        i32(d4, 1);
        i16(d4, 0);
        str(d4, "g");
        str(d4, "Stable");
        str(d4, "consumer");
        str(d4, "range");
        i32(d4, 1);
        str(d4, "m-1");
        str(d4, "pod");
        str(d4, "client");
        str(d4, "/127.0.0.1");
        i32(d4, 0);
        i32(d4, 0);
        i32(d4, std::numeric_limits<std::int32_t>::min());
        DescribeGroupsResponse resp{0,
                                    {{ErrorCode::None,
                                      "g",
                                      "Stable",
                                      "consumer",
                                      "range",
                                      {{"m-1", "pod", "client", "/127.0.0.1", {}, {}}}}}};
        WireWriter dw;
        encodeDescribeGroupsResponse(dw, 4, resp);
        QCOMPARE(dw.buffer(), d4);
    }

    void consumerProtocolPayloads()
    {
        // A v0 subscription as old clients send it: version, topics, user data.
        std::vector<std::uint8_t> v0;
        i16(v0, 0);
        i32(v0, 2);
        str(v0, "orders");
        str(v0, "payments");
        i32(v0, -1); // null user data
        WireGroupSubscription s;
        QVERIFY(WireGroupConsumerProtocol::decodeSubscription(v0, s));
        QCOMPARE(s.topics, (std::vector<std::string>{"orders", "payments"}));
        QVERIFY(!s.userData);

        // v3 with owned partitions, generation and rack; and a future version read with v3's layout.
        WireGroupSubscription v3{3, {"orders"}, bytesOf({1}), {{"orders", {0, 2}}}, 7, "rack-a"};
        WireGroupSubscription back;
        QVERIFY(WireGroupConsumerProtocol::decodeSubscription(
            WireGroupConsumerProtocol::encodeSubscription(v3), back));
        QCOMPARE(back, v3);
        std::vector<std::uint8_t> future = WireGroupConsumerProtocol::encodeSubscription(v3);
        future[1] = 9;
        future.push_back(0x42); // a field v9 added
        QVERIFY(WireGroupConsumerProtocol::decodeSubscription(future, back));
        QCOMPARE(back.topics, std::vector<std::string>{"orders"});

        WireGroupAssignment a{1, {{"orders", {0, 1}}, {"payments", {3}}}, std::nullopt};
        WireGroupAssignment aBack;
        QVERIFY(WireGroupConsumerProtocol::decodeAssignment(WireGroupConsumerProtocol::encodeAssignment(a),
                                                            aBack));
        QCOMPARE(aBack, a);
        // Truncated or empty payloads are refused, not guessed at.
        QVERIFY(!WireGroupConsumerProtocol::decodeAssignment(bytesOf({0}), aBack));
        QVERIFY(!WireGroupConsumerProtocol::decodeSubscription(bytesOf({0, 0, 0, 0, 0, 9}), back));
    }

    // Whatever bytes arrive, every request to the coordinator gets exactly one answer that decodes
    // at its version, or is refused (unknown version) without an answer; nothing crashes.
    void garbageIsAnsweredNeverCrashes()
    {
        WireGroupConfig config;
        config.initialRebalanceDelayMs = 0;
        GroupWire w(config);
        std::mt19937 random(12);
        struct Api
        {
            std::int16_t key, minVersion, maxVersion;
        };
        const Api apis[] = {{8, kOffsetCommitMinVersion, kOffsetCommitMaxVersion},
                            {9, kOffsetFetchMinVersion, kOffsetFetchMaxVersion},
                            {11, kJoinGroupMinVersion, kJoinGroupMaxVersion},
                            {12, kHeartbeatMinVersion, kHeartbeatMaxVersion},
                            {13, kLeaveGroupMinVersion, kLeaveGroupMaxVersion},
                            {14, kSyncGroupMinVersion, kSyncGroupMaxVersion},
                            {15, kDescribeGroupsMinVersion, kDescribeGroupsMaxVersion},
                            {16, kListGroupsMinVersion, kListGroupsMaxVersion}};
        // Valid requests to cut short: every prefix of them must be handled too.
        std::vector<std::vector<std::uint8_t>> valid;
        {
            WireWriter j;
            encodeJoinGroupRequest(j, 5, w.joinRequest("g", "", {"orders"}));
            valid.push_back(j.buffer());
            WireWriter c;
            encodeOffsetCommitRequest(c, 7,
                                      {"g", -1, "", std::nullopt, -1, {{"orders", {{0, 1, -1, -1, "x"}}}}});
            valid.push_back(c.buffer());
            WireWriter d;
            encodeDescribeGroupsRequest(d, 4, {{"g", "h"}, true});
            valid.push_back(d.buffer());
        }
        int answered = 0;
        for (const Api &api : apis) {
            for (std::int16_t v = api.minVersion; v <= api.maxVersion; ++v) {
                w.send(api.key, v, {});
                for (int i = 0; i < 300; ++i) {
                    std::vector<std::uint8_t> junk(random() % 64);
                    for (auto &b : junk)
                        b = std::uint8_t(random() % 4 == 0 ? 0xFF : random() % 256 < 128 ? 0 : random());
                    w.send(api.key, v, junk);
                }
                for (const auto &bytes : valid)
                    for (std::size_t cut = 0; cut <= bytes.size(); ++cut)
                        w.send(api.key, v,
                               std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + long(cut)));
                // A count claiming two billion elements.
                w.send(api.key, v, bytesOf({0, 1, 'g', 0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0}));
            }
        }
        // Anything still waiting (a join phase) ends with time.
        w.advanceTo(w.clock.nowMs() + 3600000);
        for (const auto &slot : w.sent) {
            QCOMPARE(slot->calls, 1);
            ++answered;
            WireReader in(slot->bytes);
            bool ok = false;
            switch (slot->apiKey) {
            case 8: {
                OffsetCommitResponse r;
                ok = decodeOffsetCommitResponse(in, slot->version, r);
                break;
            }
            case 9: {
                OffsetFetchResponse r;
                ok = decodeOffsetFetchResponse(in, slot->version, r);
                break;
            }
            case 11: {
                JoinGroupResponse r;
                ok = decodeJoinGroupResponse(in, slot->version, r);
                break;
            }
            case 12: {
                HeartbeatResponse r;
                ok = decodeHeartbeatResponse(in, slot->version, r);
                break;
            }
            case 13: {
                LeaveGroupResponse r;
                ok = decodeLeaveGroupResponse(in, slot->version, r);
                break;
            }
            case 14: {
                SyncGroupResponse r;
                ok = decodeSyncGroupResponse(in, slot->version, r);
                break;
            }
            case 15: {
                DescribeGroupsResponse r;
                ok = decodeDescribeGroupsResponse(in, slot->version, r);
                break;
            }
            case 16: {
                ListGroupsResponse r;
                ok = decodeListGroupsResponse(in, slot->version, r);
                break;
            }
            }
            QVERIFY2(ok && in.atEnd(),
                     qPrintable(QStringLiteral("api %1 v%2").arg(slot->apiKey).arg(slot->version)));
        }
        QVERIFY(answered > 10000);
        QVERIFY2(w.problems.isEmpty(), qPrintable(w.problems.join("; ")));
    }

    void aTruncatedJoinGroupIsAnInvalidRequest()
    {
        GroupWire w;
        WireWriter j;
        encodeJoinGroupRequest(j, 5, w.joinRequest("g", "", {"orders"}));
        std::vector<std::uint8_t> cut(j.buffer().begin(), j.buffer().end() - 3);
        const JoinGroupResponse r = w.joinResponse(w.send(11, 5, cut));
        QCOMPARE(r.errorCode, ErrorCode::InvalidRequest);
        QVERIFY(w.coordinator.groupIds().empty());
        w.verifyEveryRequestAnsweredOnce();
    }
};

QTEST_GUILESS_MAIN(TestWireGroupMessages)
#include "tst_wire_group_messages.moc"
