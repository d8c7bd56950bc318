#include "PaletteWidget.h"

#include "PaletteTile.h"
#include "Theme.h"

#include <QButtonGroup>
#include <QLabel>
#include <QRadioButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace postoffice::ui {

namespace {

// QButtonGroup reserves -1 for "assign an id": automatic gets an id no EdgeKind has.
constexpr int automaticId = 100;

} // namespace

PaletteWidget::PaletteWidget(QWidget *parent) : QWidget(parent)
{
    // Content scrolls instead of being squeezed: on a 720p projector, or with presenter mode's
    // large font, the dock is shorter than the palette and wrapped text would be clipped.
    auto *content = new QWidget;
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("paletteScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(4);

    auto *nodesTitle = new QLabel(tr("<b>Add</b>"), this);
    layout->addWidget(nodesTitle);
    for (auto kind : {app::NodeKind::Producer, app::NodeKind::Service, app::NodeKind::Topic,
                      app::NodeKind::Stream, app::NodeKind::Broker}) {
        auto *tile = new PaletteTile(kind, this);
        connect(tile, &QToolButton::clicked, this, [this, kind] { emit addRequested(kind); });
        layout->addWidget(tile);
        m_tiles.append(tile);
    }

    layout->addSpacing(10);
    layout->addWidget(new QLabel(tr("<b>Connect as</b>"), this));
    m_edgeKinds = new QButtonGroup(this);
    const auto addChoice = [&](const QString &text, int id, const QString &tip) {
        auto *button = new QRadioButton(text, this);
        button->setToolTip(tip);
        m_edgeKinds->addButton(button, id);
        layout->addWidget(button);
    };
    addChoice(tr("Automatic"), automaticId,
              tr("The edge kind follows the node kinds: to a topic publish, from a topic subscribe, "
                 "else call."));
    addChoice(tr("Call (solid)"), static_cast<int>(app::EdgeKind::Call),
              tr("Synchronous request: the caller waits."));
    addChoice(tr("Publish (dashed)"), static_cast<int>(app::EdgeKind::Publish),
              tr("Write events to a topic."));
    addChoice(tr("Subscribe (dotted)"), static_cast<int>(app::EdgeKind::Subscribe),
              tr("Read a topic as a consumer group."));
    m_edgeKinds->button(automaticId)->setChecked(true);
    connect(m_edgeKinds, &QButtonGroup::idClicked, this, [this] { emit connectKindChanged(connectKind()); });

    auto *hint =
        new QLabel(tr("Drag from a node's round port (right edge) to another node to connect them."), this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addSpacing(6);
    layout->addWidget(hint);
    layout->addStretch(1);
}

QWidget *PaletteWidget::tile(app::NodeKind kind) const
{
    for (QWidget *t : m_tiles) {
        if (static_cast<PaletteTile *>(t)->kind() == kind)
            return t;
    }
    return nullptr;
}

std::optional<app::EdgeKind> PaletteWidget::connectKind() const
{
    const int id = m_edgeKinds->checkedId();
    if (id < 0 || id == automaticId)
        return std::nullopt;
    return static_cast<app::EdgeKind>(id);
}

void PaletteWidget::setConnectKind(std::optional<app::EdgeKind> kind)
{
    if (QAbstractButton *b = m_edgeKinds->button(kind ? static_cast<int>(*kind) : automaticId))
        b->setChecked(true);
    emit connectKindChanged(connectKind());
}

} // namespace postoffice::ui
