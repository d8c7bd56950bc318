#pragma once

// A broker of a watched cluster: its id and address, up or down (the simulator's "down" look:
// red frame, hatched), and a "controller" tag on the one that is.

#include "ClusterCardItem.h"

#include "ClusterObservation.h"

namespace postoffice::ui {

class ClusterBrokerItem : public ClusterCardItem
{
public:
    enum { Type = UserType + 40 };
    explicit ClusterBrokerItem(int id);
    int type() const override { return Type; }

    int brokerId() const { return m_id; }
    bool isUp() const { return m_up; }
    bool isController() const { return m_controller; }
    void setBroker(const app::BrokerObservation &broker, bool controller);

    static constexpr qreal width = 176.0;
    static constexpr qreal height = 74.0;

protected:
    void paintBody(QPainter *painter, const QRectF &card) override;

private:
    int m_id;
    bool m_up = true;
    bool m_controller = false;
};

} // namespace postoffice::ui
