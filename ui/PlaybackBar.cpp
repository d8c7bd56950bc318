#include "PlaybackBar.h"

#include "ClockText.h"
#include "TimelineStrip.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace postoffice::ui {

PlaybackBar::PlaybackBar(QWidget *parent) : QWidget(parent)
{
    auto makeButton = [this](QStyle::StandardPixmap icon, const QString &text, const QString &tip) {
        auto *b = new QToolButton(this);
        b->setIcon(style()->standardIcon(icon));
        b->setText(text);
        b->setToolTip(tip);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setAutoRaise(false);
        return b;
    };
    m_play = makeButton(QStyle::SP_MediaPlay, tr("Play"), tr("Play / pause (Space)"));
    m_play->setObjectName(QStringLiteral("playButton"));
    m_step = makeButton(QStyle::SP_ArrowForward, tr("Step"), tr("One simulated second further"));
    m_step->setObjectName(QStringLiteral("stepButton"));
    connect(m_play, &QToolButton::clicked, this,
            [this] { m_playing ? emit pauseRequested() : emit playRequested(); });
    connect(m_step, &QToolButton::clicked, this, &PlaybackBar::stepRequested);

    m_previousEvent = makeButton(QStyle::SP_MediaSkipBackward, tr("Previous event"),
                                 tr("Back to the previous fault, rebalance or leader change"));
    m_previousEvent->setObjectName(QStringLiteral("previousEventButton"));
    m_nextEvent = makeButton(QStyle::SP_MediaSkipForward, tr("Next event"),
                             tr("On to the next fault, rebalance or leader change (the menu chooses which)"));
    m_nextEvent->setObjectName(QStringLiteral("nextEventButton"));
    auto *kinds = new QMenu(this);
    kinds->setTitle(tr("Stop at"));
    kinds->setToolTipsVisible(true);
    const std::pair<app::SimEventKind, QString> names[] = {
        {app::SimEventKind::FaultStart, tr("Faults starting")},
        {app::SimEventKind::FaultEnd, tr("Faults ending")},
        {app::SimEventKind::Rebalance, tr("Consumer-group rebalances")},
        {app::SimEventKind::LeaderChange, tr("Partition leader changes")},
        {app::SimEventKind::RecordsLost, tr("Records lost")},
        {app::SimEventKind::BreakerOpen, tr("Circuit breakers opening")},
        {app::SimEventKind::BreakerClosed, tr("Circuit breakers closing")}};
    for (const auto &[kind, name] : names) {
        QAction *a = kinds->addAction(name);
        a->setCheckable(true);
        a->setChecked(true);
        m_kindActions.emplace_back(kind, a);
    }
    m_nextEvent->setMenu(kinds);
    m_nextEvent->setPopupMode(QToolButton::MenuButtonPopup);
    connect(m_previousEvent, &QToolButton::clicked, this, &PlaybackBar::previousEventRequested);
    connect(m_nextEvent, &QToolButton::clicked, this, &PlaybackBar::nextEventRequested);

    m_until = new QLineEdit(this);
    m_until->setPlaceholderText(tr("h:mm:ss"));
    m_until->setToolTip(tr("Run as fast as possible until this simulated time, then pause"));
    m_until->setMaximumWidth(90);
    m_runUntil = makeButton(QStyle::SP_MediaSeekForward, tr("Run until"), m_until->toolTip());
    connect(m_runUntil, &QToolButton::clicked, this, &PlaybackBar::requestRunUntil);
    connect(m_until, &QLineEdit::returnPressed, this, &PlaybackBar::requestRunUntil);

    m_speed = new QComboBox(this);
    m_speed->setObjectName(QStringLiteral("speedCombo"));
    for (double s : speedPresets())
        m_speed->addItem(s == 0 ? tr("as fast as possible") : QStringLiteral("%1×").arg(s), s);
    m_speed->setToolTip(tr("Simulated seconds per real second"));
    connect(m_speed, &QComboBox::activated, this,
            [this](int) { emit speedRequested(m_speed->currentData().toDouble()); });

    m_clock = new QLabel(this);
    m_clock->setObjectName(QStringLiteral("simClock"));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(font().pointSizeF() * 1.5);
    mono.setBold(true);
    m_clock->setFont(mono);
    m_clock->setToolTip(tr("Simulated time / run length"));

    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(6, 4, 6, 0);
    controls->addWidget(m_play);
    controls->addWidget(m_step);
    controls->addSpacing(12);
    controls->addWidget(m_previousEvent);
    controls->addWidget(m_nextEvent);
    controls->addSpacing(12);
    controls->addWidget(m_until);
    controls->addWidget(m_runUntil);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Speed:"), this));
    controls->addWidget(m_speed);
    controls->addStretch();
    controls->addWidget(m_clock);

    m_timeline = new TimelineStrip(this);
    connect(m_timeline, &TimelineStrip::seekRequested, this, &PlaybackBar::seekRequested);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 4);
    outer->setSpacing(2);
    outer->addLayout(controls);
    outer->addWidget(m_timeline);

    setSpeed(1.0);
    setClock(0.0);
}

std::vector<app::SimEventKind> PlaybackBar::eventKinds() const
{
    std::vector<app::SimEventKind> kinds;
    for (const auto &[kind, action] : m_kindActions)
        if (action->isChecked())
            kinds.push_back(kind);
    return kinds;
}

void PlaybackBar::setEventKindChecked(app::SimEventKind kind, bool checked)
{
    for (const auto &[k, action] : m_kindActions)
        if (k == kind)
            action->setChecked(checked);
}

const QList<double> &PlaybackBar::speedPresets()
{
    static const QList<double> presets = {0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 0};
    return presets;
}

void PlaybackBar::setScenario(const app::Scenario &scenario, double duration_s)
{
    m_duration_s = duration_s;
    m_timeline->setTimeline(duration_s, scenario.faults, scenario.narration);
    setClock(0.0);
}

void PlaybackBar::setClock(double t_s)
{
    m_clock_s = t_s;
    m_clock->setText(clockText());
    m_timeline->setClock(t_s);
}

QString PlaybackBar::clockText() const
{
    return QStringLiteral("%1 / %2").arg(ClockText::format(m_clock_s), ClockText::format(m_duration_s));
}

void PlaybackBar::setPlaying(bool playing)
{
    m_playing = playing;
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_play->setText(playing ? tr("Pause") : tr("Play"));
}

void PlaybackBar::setSpeed(double factor)
{
    int best = 0;
    for (int i = 0; i < m_speed->count(); ++i) {
        const double s = m_speed->itemData(i).toDouble();
        const double b = m_speed->itemData(best).toDouble();
        // "As fast as possible" matches only 0; otherwise the nearest preset on a log scale.
        if (factor == 0
                ? s == 0
                : s > 0 && (b == 0 || std::abs(std::log(s / factor)) < std::abs(std::log(b / factor))))
            best = i;
    }
    m_speed->setCurrentIndex(best);
}

double PlaybackBar::speed() const
{
    return m_speed->currentData().toDouble();
}

void PlaybackBar::requestRunUntil()
{
    bool ok = false;
    const double t = ClockText::parse(m_until->text(), &ok);
    if (!ok || t <= m_clock_s) {
        m_until->setStyleSheet(QStringLiteral("QLineEdit { border: 2px solid #C62828; }"));
        m_until->setToolTip(
            ok ? tr("%1 is not ahead of the clock").arg(m_until->text())
               : tr("\"%1\" is not a time; write h:mm:ss, mm:ss or seconds").arg(m_until->text()));
        return;
    }
    m_until->setStyleSheet(QString());
    m_until->setToolTip(tr("Run as fast as possible until this simulated time, then pause"));
    emit runUntilRequested(t);
}

} // namespace postoffice::ui
