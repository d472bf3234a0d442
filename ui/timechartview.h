#pragma once

#include <QChartView>

#include <optional>

class QRubberBand;

namespace ea {

// A chart view over a time axis where dragging across the plot picks a span
// (the view's own rubber band would zoom instead). The span is reported in
// the values of the chart's horizontal axis, which must be a QValueAxis (or a
// QCategoryAxis, which is one).
class TimeChartView final : public QChartView
{
    Q_OBJECT

public:
    explicit TimeChartView(QChart *chart, QWidget *parent = nullptr);

    // The horizontal axis value under a point of the view; none outside the
    // plot area or without a value axis.
    [[nodiscard]] std::optional<qreal> valueAt(const QPoint &viewPos) const;
    // The view point of a horizontal axis value, vertically centred in the plot.
    [[nodiscard]] QPoint positionOf(qreal value) const;

Q_SIGNALS:
    // from < to; drags narrower than a few pixels are clicks, not spans.
    void spanSelected(qreal from, qreal to);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    [[nodiscard]] QRect plotRect() const; // the plot area in view coordinates

    QRubberBand *m_band = nullptr;
    std::optional<int> m_originX;
};

} // namespace ea
