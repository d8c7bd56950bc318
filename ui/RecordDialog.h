#pragma once

// File ▸ Record…: where the clip goes (its name's ending picks WebM, MP4 or GIF), the span of
// simulated time it films, how fast the run plays in it and its frame rate, with the clip's
// resulting length and frame count shown as they are chosen.

#include "ClipRecorder.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace postoffice::ui {

class RecordDialog : public QDialog
{
    Q_OBJECT
public:
    // now_s: the clip starts there by default; duration_s: the run's length.
    RecordDialog(const QString &defaultPath, double now_s, double duration_s, QWidget *parent = nullptr);

    // The options as entered; valid() says whether they can be recorded, and if not, why().
    ClipRecorder::Options options() const;
    bool valid(QString *why = nullptr) const;

    QLineEdit *pathEdit() const { return m_path; }
    QLineEdit *fromEdit() const { return m_from; }
    QLineEdit *toEdit() const { return m_to; }
    QComboBox *speedBox() const { return m_speed; }
    QSpinBox *fpsBox() const { return m_fps; }
    QLabel *summary() const { return m_summary; }

private:
    void browse();
    void update();

    double m_duration_s;
    QLineEdit *m_path = nullptr;
    QLineEdit *m_from = nullptr;
    QLineEdit *m_to = nullptr;
    QComboBox *m_speed = nullptr;
    QSpinBox *m_fps = nullptr;
    QLabel *m_summary = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace postoffice::ui
