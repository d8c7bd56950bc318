#pragma once

// Answers the modal dialogs a user action opens (a QFileDialog, a QMessageBox) from inside their
// own event loop, so that a test can walk a menu path end to end. Handlers are used in order:
// each looks at the active modal widget and returns true once it has dealt with it (false: not
// the dialog it expects, e.g. a progress dialog, so it waits). A file dialog or message box that
// no handler expects is rejected and recorded, so a test fails instead of hanging.

#include <QApplication>
#include <QDialog>
#include <QFileDialog>
#include <QMessageBox>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <deque>
#include <functional>

namespace postoffice::uitest {

class ModalDriver : public QObject
{
public:
    using Handler = std::function<bool(QWidget *)>;

    ModalDriver()
    {
        // Qt's own dialogs: a platform's native one could not be driven from here.
        QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs);
        m_timer.setInterval(10);
        connect(&m_timer, &QTimer::timeout, this, &ModalDriver::poll);
        m_timer.start();
    }

    void expect(Handler handler) { m_handlers.push_back(std::move(handler)); }
    bool allHandled() const { return m_handlers.empty(); }
    // Text (or title) of dialogs nobody expected.
    QStringList unexpected() const { return m_unexpected; }

private:
    void poll()
    {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || modal == m_handled)
            return;
        if (!m_handlers.empty()) {
            if (m_handlers.front()(modal)) {
                m_handled = modal;
                m_handlers.pop_front();
            }
            return;
        }
        if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            m_unexpected << box->text();
            box->reject();
        } else if (auto *files = qobject_cast<QFileDialog *>(modal)) {
            m_unexpected << files->windowTitle();
            files->reject();
        }
    }

    QTimer m_timer;
    std::deque<Handler> m_handlers;
    QPointer<QWidget> m_handled;
    QStringList m_unexpected;
};

} // namespace postoffice::uitest
