#include "ConnectClusterDialog.h"

#include "InkContrast.h"
#include "RdkafkaClient.h"
#include "Theme.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

namespace postoffice::ui {

namespace {

bool secretRow(const QModelIndex &index)
{
    return app::WatchConfig::isSecret(index.sibling(index.row(), 0).data().toString().trimmed());
}

QString shown(const QModelIndex &index, const QString &text)
{
    return index.column() == 1
               ? ConnectClusterDialog::shownValue(index.sibling(index.row(), 0).data().toString(), text)
               : text;
}

// Shows a secret property's value as dots and edits it in a password field.
class SecretValueDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->text = shown(index, option->text);
    }
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
        if (auto *line = qobject_cast<QLineEdit *>(editor); line && index.column() == 1 && secretRow(index))
            line->setEchoMode(QLineEdit::Password);
        return editor;
    }
};

} // namespace

ConnectClusterDialog::ConnectClusterDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Connect to Cluster"));
    auto *form = new QFormLayout;
    m_bootstrap = new QLineEdit(this);
    m_bootstrap->setObjectName(QStringLiteral("bootstrap"));
    m_bootstrap->setPlaceholderText(QStringLiteral("localhost:9092,kafka2:9092"));
    form->addRow(tr("&Bootstrap servers:"), m_bootstrap);
    m_interval = new QDoubleSpinBox(this);
    m_interval->setRange(0.1, 3600);
    m_interval->setDecimals(1);
    m_interval->setSingleStep(0.5);
    m_interval->setValue(1.0);
    m_interval->setSuffix(tr(" s"));
    form->addRow(tr("&Poll every:"), m_interval);
    m_groups = new QLineEdit(this);
    m_groups->setObjectName(QStringLiteral("groups"));
    m_groups->setPlaceholderText(tr("group-a, group-b (only if the cluster does not list them)"));
    form->addRow(tr("Also watch &groups:"), m_groups);

    m_properties = new QTableWidget(0, 2, this);
    m_properties->setObjectName(QStringLiteral("properties"));
    m_properties->setHorizontalHeaderLabels({tr("Client property"), tr("Value")});
    m_properties->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_properties->verticalHeader()->hide();
    m_properties->setItemDelegate(new SecretValueDelegate(m_properties));
    m_properties->setMinimumHeight(140);
    // A key typed as secret masks the value already there.
    connect(m_properties, &QTableWidget::itemChanged, m_properties, [this](QTableWidgetItem *item) {
        if (item->column() == 0)
            m_properties->viewport()->update();
    });
    auto *add = new QPushButton(tr("&Add"), this);
    auto *remove = new QPushButton(tr("&Remove"), this);
    auto *load = new QPushButton(tr("&Load File…"), this);
    connect(add, &QPushButton::clicked, this, [this] {
        addProperty(QString(), QString());
        m_properties->editItem(m_properties->item(m_properties->rowCount() - 1, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_properties->currentRow() >= 0)
            m_properties->removeRow(m_properties->currentRow());
    });
    connect(load, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Load Client Properties"), QString(),
                                         tr("Properties (*.properties *.conf *.cfg);;All files (*)"));
        if (!path.isEmpty())
            loadPropertiesFile(path);
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    buttons->addWidget(load);

    auto *hint = new QLabel(tr("Passed to librdkafka as they are: security.protocol, sasl.mechanism, "
                               "sasl.username, sasl.password, ssl.ca.location… Secret values are masked "
                               "and never stored."),
                            this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    QFont bold; // only the weight: the size follows the dialog's
    bold.setBold(true);
    m_problem->setFont(bold);
    styleProblem();
    m_problem->hide();
    // A problem said is about what was there: editing clears it until Connect checks again.
    connect(m_bootstrap, &QLineEdit::textEdited, m_problem, &QWidget::hide);
    connect(m_properties, &QTableWidget::itemChanged, m_problem, &QWidget::hide);

    auto *box = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_connect = box->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    m_connect->setDefault(true);
    connect(box, &QDialogButtonBox::accepted, this, &ConnectClusterDialog::accept);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Client properties:"), this));
    layout->addWidget(m_properties, 1);
    layout->addLayout(buttons);
    layout->addWidget(hint);
    layout->addWidget(m_problem);
    layout->addWidget(box);
    resize(560, 440);
}

QString ConnectClusterDialog::shownValue(const QString &key, const QString &value)
{
    return app::WatchConfig::isSecret(key.trimmed()) && !value.isEmpty() ? QStringLiteral("••••••••") : value;
}

QString ConnectClusterDialog::displayedValue(int row) const
{
    // The function the table's delegate paints with.
    const QModelIndex index = m_properties->model()->index(row, 1);
    return shown(index, index.data().toString());
}

void ConnectClusterDialog::addProperty(const QString &key, const QString &value)
{
    const int row = m_properties->rowCount();
    m_properties->insertRow(row);
    m_properties->setItem(row, 0, new QTableWidgetItem(key));
    m_properties->setItem(row, 1, new QTableWidgetItem(value));
}

void ConnectClusterDialog::setConfig(const app::WatchConfig &config)
{
    m_bootstrap->setText(config.bootstrap);
    m_interval->setValue(config.intervalMs / 1000.0);
    m_groups->setText(config.extraGroups.join(QStringLiteral(", ")));
    m_properties->setRowCount(0);
    for (const auto &[key, value] : config.properties)
        addProperty(key, value);
}

app::WatchConfig ConnectClusterDialog::config() const
{
    app::WatchConfig c;
    c.bootstrap = m_bootstrap->text().trimmed();
    c.intervalMs = qRound(m_interval->value() * 1000);
    for (const QString &g : m_groups->text().split(u',', Qt::SkipEmptyParts))
        if (!g.trimmed().isEmpty() && !c.extraGroups.contains(g.trimmed()))
            c.extraGroups << g.trimmed();
    for (int r = 0; r < m_properties->rowCount(); ++r) {
        const QString key = m_properties->item(r, 0) ? m_properties->item(r, 0)->text().trimmed() : QString();
        const QString value = m_properties->item(r, 1) ? m_properties->item(r, 1)->text() : QString();
        if (!key.isEmpty())
            c.properties.emplace_back(key, value);
    }
    return c;
}

QString ConnectClusterDialog::problem() const
{
    const app::WatchConfig c = config();
    if (const auto p = app::WatchConfig::bootstrapProblem(c.bootstrap))
        return QString(*p).replace(QStringLiteral("--bootstrap expects"), tr("Bootstrap servers expect"));
    if (const auto p = app::RdkafkaClient::configProblem(c))
        return *p;
    return {};
}

bool ConnectClusterDialog::loadPropertiesFile(const QString &path)
{
    app::WatchConfig c;
    if (const auto p = c.loadProperties(path)) {
        m_problem->setText(*p);
        m_problem->show();
        return false;
    }
    for (const auto &[key, value] : c.properties)
        addProperty(key, value);
    m_problem->hide();
    return true;
}

void ConnectClusterDialog::accept()
{
    const QString p = problem();
    if (!p.isEmpty()) {
        m_problem->setText(p);
        m_problem->show();
        return;
    }
    QDialog::accept();
}

void ConnectClusterDialog::styleProblem()
{
    QPalette ink; // nothing else set: the dialog's palette
    ink.setColor(QPalette::WindowText, InkContrast::readable(Theme::healthColor(app::NodeHealth::Down),
                                                             palette().color(QPalette::Window)));
    m_problem->setPalette(ink);
}

void ConnectClusterDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_problem)
        styleProblem();
}

} // namespace postoffice::ui
