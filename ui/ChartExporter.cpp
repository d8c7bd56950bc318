#include "ChartExporter.h"

#include "LiveChart.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QImage>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QSvgGenerator>
#include <QValueAxis>

namespace postoffice::ui {

bool ChartExporter::write(LiveChart &view, const QString &path, QString *error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("svg") && suffix != QLatin1String("png")) {
        if (error)
            *error = LiveChart::tr("%1: unknown chart format \"%2\" (use .png or .svg)").arg(path, suffix);
        return false;
    }
    QChart *chart = view.chart();
    const bool named = view.architecturesInLegend();
    view.setArchitecturesInLegend(true);
    view.timeAxis()->setLabelsVisible(true);
    chart->legend()->layout()->activate();
    chart->layout()->invalidate();
    chart->layout()->activate();
    view.refresh();
    const QSize size = view.size().expandedTo(QSize(800, 450));
    bool ok = true;
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(chart->title());
        QPainter painter;
        ok = painter.begin(&svg);
        if (ok) {
            chart->scene()->render(&painter, QRectF(QPointF(0, 0), size), chart->sceneBoundingRect());
            painter.end();
        } else if (error) {
            *error = LiveChart::tr("%1: cannot write SVG").arg(path);
        }
    } else {
        QImage image(size * 2, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(2.0);
        image.fill(view.palette().color(QPalette::Base));
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        chart->scene()->render(&painter, QRectF(QPointF(0, 0), size), chart->sceneBoundingRect());
        painter.end();
        ok = image.save(path, "PNG");
        if (!ok && error)
            *error = LiveChart::tr("%1: cannot write PNG").arg(path);
    }
    view.timeAxis()->setLabelsVisible(view.timeLabelsVisible());
    if (!named)
        view.setArchitecturesInLegend(false);
    chart->layout()->invalidate();
    return ok;
}

void ChartExporter::offer(LiveChart &view, const QPoint &globalPos)
{
    QMenu menu(&view);
    QAction *png = menu.addAction(LiveChart::tr("Export chart as PNG…"));
    QAction *svg = menu.addAction(LiveChart::tr("Export chart as SVG…"));
    QAction *chosen = menu.exec(globalPos);
    if (!chosen)
        return;
    const bool isSvg = chosen == svg;
    Q_UNUSED(png);
    const QString path = QFileDialog::getSaveFileName(
        &view, LiveChart::tr("Export chart"),
        view.chart()->title() + (isSvg ? QStringLiteral(".svg") : QStringLiteral(".png")),
        isSvg ? LiveChart::tr("SVG image (*.svg)") : LiveChart::tr("PNG image (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!view.exportTo(path, &error))
        QMessageBox::warning(&view, LiveChart::tr("Export chart"), error);
}

} // namespace postoffice::ui
