#pragma once

// Kafka does not name a topic's producers: this card stands in for all of them, showing the
// records per second appended to the topic (its ingress, from the high watermarks' growth).

#include "ClusterCardItem.h"

namespace postoffice::ui {

class ClusterIngressItem : public ClusterCardItem
{
public:
    enum { Type = UserType + 43 };
    explicit ClusterIngressItem(const QString &topic);
    int type() const override { return Type; }

    QString topicName() const { return m_topic; }
    void setRate(double perS);
    double rate() const { return m_rate; }
    QString rateText() const;

    static constexpr qreal width = 168.0;
    static constexpr qreal height = 78.0;

protected:
    void paintBody(QPainter *painter, const QRectF &card) override;

private:
    QString m_topic;
    double m_rate;
};

} // namespace postoffice::ui
