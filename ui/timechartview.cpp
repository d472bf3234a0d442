#include "timechartview.h"

#include <QMouseEvent>
#include <QRubberBand>
#include <QValueAxis>

#include <algorithm>

namespace ea {

namespace {

constexpr int kMinimumDragPixels = 4;

QValueAxis *horizontalAxis(QChart *chart)
{
    const QList<QAbstractAxis *> axes = chart->axes(Qt::Horizontal);
    return axes.isEmpty() ? nullptr : qobject_cast<QValueAxis *>(axes.first());
}

} // namespace

TimeChartView::TimeChartView(QChart *chart, QWidget *parent)
    : QChartView(chart, parent)
    , m_band(new QRubberBand(QRubberBand::Rectangle, viewport()))
{
    setRubberBand(QChartView::NoRubberBand);
    setMouseTracking(true);
}

QRect TimeChartView::plotRect() const
{
    const QRectF area = chart()->mapToScene(chart()->plotArea()).boundingRect();
    return mapFromScene(area).boundingRect();
}

std::optional<qreal> TimeChartView::valueAt(const QPoint &viewPos) const
{
    const QValueAxis *axis = horizontalAxis(chart());
    const QRect plot = plotRect();
    if (!axis || plot.width() <= 0 || viewPos.x() < plot.left() || viewPos.x() > plot.right())
        return std::nullopt;
    const qreal fraction = qreal(viewPos.x() - plot.left()) / qreal(plot.width());
    return axis->min() + fraction * (axis->max() - axis->min());
}

QPoint TimeChartView::positionOf(qreal value) const
{
    const QValueAxis *axis = horizontalAxis(chart());
    const QRect plot = plotRect();
    if (!axis || axis->max() <= axis->min())
        return plot.center();
    const qreal fraction = (value - axis->min()) / (axis->max() - axis->min());
    return {plot.left() + int(fraction * plot.width()), plot.center().y()};
}

void TimeChartView::mousePressEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (event->button() == Qt::LeftButton && valueAt(pos)) {
        m_originX = pos.x();
        const QRect plot = plotRect();
        m_band->setGeometry(QRect(pos.x(), plot.top(), 1, plot.height()));
        m_band->show();
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void TimeChartView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_originX) {
        const QRect plot = plotRect();
        const int x = std::clamp(event->position().toPoint().x(), plot.left(), plot.right());
        m_band->setGeometry(QRect(std::min(*m_originX, x), plot.top(), std::abs(x - *m_originX) + 1,
                                  plot.height()));
        event->accept();
        return;
    }
    QChartView::mouseMoveEvent(event);
}

void TimeChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_originX || event->button() != Qt::LeftButton) {
        QChartView::mouseReleaseEvent(event);
        return;
    }
    m_band->hide();
    const QRect plot = plotRect();
    const int endX = std::clamp(event->position().toPoint().x(), plot.left(), plot.right());
    const int startX = *m_originX;
    m_originX.reset();
    event->accept();
    if (std::abs(endX - startX) < kMinimumDragPixels)
        return;
    const std::optional<qreal> a = valueAt(QPoint(startX, plot.center().y()));
    const std::optional<qreal> b = valueAt(QPoint(endX, plot.center().y()));
    if (a && b)
        Q_EMIT spanSelected(std::min(*a, *b), std::max(*a, *b));
}

} // namespace ea
