#include "RecordDialog.h"

#include "ClockText.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace postoffice::ui {

RecordDialog::RecordDialog(const QString &defaultPath, double now_s, double duration_s, QWidget *parent)
    : QDialog(parent), m_duration_s(duration_s)
{
    setWindowTitle(tr("Record a Clip"));
    m_path = new QLineEdit(defaultPath, this);
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &RecordDialog::browse);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    // Five minutes of the run from the clock, at 10× speed: a 30-second clip for a slide.
    const double from = std::clamp(now_s, 0.0, std::max(0.0, duration_s - 1));
    m_from = new QLineEdit(ClockText::format(from), this);
    m_to = new QLineEdit(ClockText::format(std::min(duration_s, from + 300)), this);
    for (QLineEdit *e : {m_from, m_to}) {
        e->setPlaceholderText(tr("h:mm:ss"));
        e->setMaximumWidth(120);
    }
    m_speed = new QComboBox(this);
    for (double s : {1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0})
        m_speed->addItem(tr("%1× (%2 simulated s per s of video)").arg(s).arg(s), s);
    m_speed->setCurrentIndex(m_speed->findData(10.0));
    m_fps = new QSpinBox(this);
    m_fps->setRange(1, 60);
    m_fps->setValue(25);
    m_fps->setSuffix(tr(" frames/s"));
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("File (.webm, .mp4 or .gif):"), pathRow);
    form->addRow(tr("From:"), m_from);
    form->addRow(tr("To:"), m_to);
    form->addRow(tr("Speed:"), m_speed);
    form->addRow(tr("Frame rate:"), m_fps);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Record"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_buttons);

    for (QLineEdit *e : {m_path, m_from, m_to})
        connect(e, &QLineEdit::textChanged, this, &RecordDialog::update);
    connect(m_speed, &QComboBox::currentIndexChanged, this, &RecordDialog::update);
    connect(m_fps, &QSpinBox::valueChanged, this, &RecordDialog::update);
    update();
    setMinimumWidth(560);
}

ClipRecorder::Options RecordDialog::options() const
{
    ClipRecorder::Options o;
    o.path = m_path->text().trimmed();
    bool ok = false;
    o.from_s = ClockText::parse(m_from->text(), &ok);
    if (!ok)
        o.from_s = -1;
    o.to_s = ClockText::parse(m_to->text(), &ok);
    if (!ok)
        o.to_s = -1;
    o.speed = m_speed->currentData().toDouble();
    o.fps = m_fps->value();
    return o;
}

bool RecordDialog::valid(QString *why) const
{
    const ClipRecorder::Options o = options();
    ClipRecorder::Format format;
    QString problem;
    if (!ClipRecorder::formatFor(o.path, &format))
        problem = tr("The file name must end in .webm, .mp4 or .gif.");
    else if (o.from_s < 0)
        problem = tr("\"%1\" is not a time; write h:mm:ss, mm:ss or seconds.").arg(m_from->text());
    else if (o.to_s < 0)
        problem = tr("\"%1\" is not a time; write h:mm:ss, mm:ss or seconds.").arg(m_to->text());
    else if (o.to_s <= o.from_s)
        problem = tr("The clip must end after it starts.");
    else if (o.to_s > m_duration_s)
        problem = tr("The run ends at %1.").arg(ClockText::format(m_duration_s));
    if (why)
        *why = problem;
    return problem.isEmpty();
}

void RecordDialog::update()
{
    QString why;
    const bool ok = valid(&why);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
    if (!ok) {
        m_summary->setText(why);
        return;
    }
    const ClipRecorder::Options o = options();
    const int frames = ClipRecorder::frameCount(o);
    m_summary->setText(tr("A clip of %1 s (%2 frames) of the window as it is now, %3 to %4 of the run.")
                           .arg(QString::number(double(frames) / o.fps, 'f', 1))
                           .arg(frames)
                           .arg(ClockText::format(o.from_s), ClockText::format(o.to_s)));
}

void RecordDialog::browse()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Record a Clip"), m_path->text(),
                                     tr("WebM video (*.webm);;MP4 video (*.mp4);;Animated GIF (*.gif)"));
    if (!path.isEmpty())
        m_path->setText(path);
}

} // namespace postoffice::ui
