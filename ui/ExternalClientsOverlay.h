#pragma once

// Real Kafka clients on the served architecture's canvas, kept apart from the scenario: one
// ExternalClientItem per external producer (client.id) and per external consumer group, with a
// dashed edge to each topic it writes to or reads from. The items live in the scene but not in
// the ScenarioDocument: they are never saved, never undone, never selected; clear() takes them
// away. They sit in a row below the scenario's graph, each under its topic, so that they never
// cover a scenario node; GraphScene::contentRect() includes them so that fitting frames them.

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <map>
#include <vector>

class QGraphicsPathItem;

namespace postoffice::ui {

class ExternalClientItem;
class GraphScene;

class ExternalClientsOverlay : public QObject
{
    Q_OBJECT
public:
    struct Client
    {
        bool producer = true; // else a consumer group
        QString name;         // client.id or group id
        QStringList topics;   // written to / subscribed to
        QString subtitle;
        bool active = true;
    };

    explicit ExternalClientsOverlay(QObject *parent = nullptr);
    ~ExternalClientsOverlay() override;

    // The canvas to draw on (null: none); items on a previous canvas are removed.
    void setScene(GraphScene *scene);
    GraphScene *scene() const { return m_scene; }
    // Brings the canvas in line with `clients`; true when a card was added or removed (the view
    // may want to fit again). Positions follow the topics' cards on every call.
    bool setClients(const std::vector<Client> &clients);
    void clear();

    ExternalClientItem *item(bool producer, const QString &name) const;
    // Topics `item` is drawn connected to (topics without a card on this canvas are left out).
    QStringList connectedTopics(const ExternalClientItem *item) const;
    QList<ExternalClientItem *> items() const;

private:
    struct Entry
    {
        ExternalClientItem *card = nullptr;
        std::vector<std::pair<QString, QGraphicsPathItem *>> edges; // by topic
        QStringList topics;
    };
    void layout();
    void removeEntry(Entry &entry);

    QPointer<GraphScene> m_scene;
    std::map<std::pair<bool, QString>, Entry> m_entries; // (is consumer, name)
};

} // namespace postoffice::ui
