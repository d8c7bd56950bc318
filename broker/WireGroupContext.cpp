#include "WireGroupContext.h"

#include "JoinGroupMessages.h"
#include "SyncGroupMessages.h"

#include <algorithm>

namespace postoffice::broker {

WireGroupContext::WireGroupContext(WireGroupConfig config) : m_config(config) {}

void WireGroupContext::moveTo(std::int64_t nowMs)
{
    m_nowMs = std::max(m_nowMs, nowMs);
}

std::string WireGroupContext::newMemberId(const std::string &prefix)
{
    return prefix + "-" + std::to_string(++m_memberCounter);
}

void WireGroupContext::sendJoinError(const WireGroupPendingReply &to, ErrorCode error,
                                     const std::string &memberId)
{
    JoinGroupResponse r;
    r.errorCode = error;
    r.memberId = memberId;
    send(to.reply, to.version, r, encodeJoinGroupResponse);
}

void WireGroupContext::sendSyncError(const WireGroupPendingReply &to, ErrorCode error)
{
    SyncGroupResponse r;
    r.errorCode = error;
    send(to.reply, to.version, r, encodeSyncGroupResponse);
}

void WireGroupContext::report(WireGroupEvent event)
{
    event.timeMs = m_nowMs;
    m_events.push_back(std::move(event));
}

void WireGroupContext::setListener(std::function<void(const WireGroupEvent &)> listener)
{
    m_listener = std::move(listener);
}

void WireGroupContext::flush()
{
    if (m_flushing)
        return; // the outer flush delivers what a callback's nested request queued
    m_flushing = true;
    while (!m_events.empty() || !m_outbox.empty()) {
        auto events = std::exchange(m_events, {});
        for (const WireGroupEvent &e : events)
            if (m_listener)
                m_listener(e);
        auto replies = std::exchange(m_outbox, {});
        for (auto &[reply, bytes] : replies)
            if (reply)
                reply(std::move(bytes));
    }
    m_flushing = false;
}

} // namespace postoffice::broker
