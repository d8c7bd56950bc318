#include "SimEvent.h"

namespace postoffice::app {

QString simEventKindName(SimEventKind kind)
{
    switch (kind) {
    case SimEventKind::FaultStart:
        return QStringLiteral("fault_start");
    case SimEventKind::FaultEnd:
        return QStringLiteral("fault_end");
    case SimEventKind::Narration:
        return QStringLiteral("narration");
    case SimEventKind::Rebalance:
        return QStringLiteral("rebalance");
    case SimEventKind::LeaderChange:
        return QStringLiteral("leader_change");
    case SimEventKind::IsrChange:
        return QStringLiteral("isr_change");
    case SimEventKind::RecordsLost:
        return QStringLiteral("records_lost");
    case SimEventKind::BreakerOpen:
        return QStringLiteral("breaker_open");
    case SimEventKind::BreakerClosed:
        return QStringLiteral("breaker_closed");
    }
    return QStringLiteral("unknown");
}

} // namespace postoffice::app
