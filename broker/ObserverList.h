#pragma once

#include "BrokerObserver.h"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace postoffice::broker {

// The Cluster's observers, shared by the parts of the Cluster that report what they do (replication,
// elections, retention): each holds the one list rather than a copy, so an observer added later hears
// from all of them.
class ObserverList
{
public:
    void add(BrokerObserver *observer)
    {
        if (observer && std::find(m_list.begin(), m_list.end(), observer) == m_list.end())
            m_list.push_back(observer);
    }
    void remove(BrokerObserver *observer)
    {
        m_list.erase(std::remove(m_list.begin(), m_list.end(), observer), m_list.end());
    }
    bool empty() const { return m_list.empty(); }
    const std::vector<BrokerObserver *> &all() const { return m_list; }

    template<typename F> void notify(F &&hook) const
    {
        // By index: a hook may remove its own observer.
        for (std::size_t i = 0; i < m_list.size(); ++i)
            hook(m_list[i]);
    }

private:
    std::vector<BrokerObserver *> m_list;
};

} // namespace postoffice::broker
