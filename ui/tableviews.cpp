#include "tableviews.h"

#include "statuspresentation.h"

#include <QHeaderView>
#include <QHelpEvent>
#include <QItemSelectionModel>
#include <QLabel>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolTip>
#include <QVBoxLayout>

namespace ea {

namespace {

// Tooltips for cut cells (cellToolTip()); the painting is QStyledItemDelegate's.
class FullTextTipDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override
    {
        if (event->type() != QEvent::ToolTip || !view || !index.isValid())
            return QStyledItemDelegate::helpEvent(event, view, option, index);
        const QString tip = cellToolTip(*view, index);
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(event->globalPos(), tip, view, view->visualRect(index));
        return true;
    }
};

} // namespace

QString cellToolTip(const QAbstractItemView &view, const QModelIndex &index)
{
    const QVariant own = index.data(Qt::ToolTipRole);
    if (own.isValid() && !own.toString().isEmpty())
        return own.toString();
    const QString text = index.data(Qt::DisplayRole).toString();
    if (text.isEmpty())
        return {};
    // The width the style gives the text, as the delegate lays it out.
    QStyleOptionViewItem option;
    option.initFrom(&view);
    option.rect = view.visualRect(index);
    option.font = view.font();
    option.fontMetrics = view.fontMetrics();
    option.features |= QStyleOptionViewItem::HasDisplay;
    option.text = text;
    if (!index.data(Qt::DecorationRole).isNull())
        option.features |= QStyleOptionViewItem::HasDecoration;
    const QStyle *style = view.style();
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &option, &view);
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, &view) + 1;
    const int available = textRect.width() - 2 * margin;
    return option.fontMetrics.horizontalAdvance(text) > available ? text : QString();
}

QTableView *makeTableView(QWidget *parent, const QString &objectName, QAbstractItemModel *model,
                          bool sortable)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setSortingEnabled(sortable);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setSectionsMovable(true);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setStretchLastSection(true);
    keepHeaderOutOfSelection(view);
    view->setItemDelegate(new FullTextTipDelegate(view));
    return view;
}

void keepHeaderOutOfSelection(QTableView *view)
{
    // Qt 6.4's QHeaderView asks QItemSelectionModel::isColumnSelected() for
    // every section it paints, whether or not it highlights sections, and
    // that calls flags() on every row of the column: after Ctrl+A on 900k
    // rows, 150 ms of painting. A selection model of the header's own, which
    // never holds a selection, answers at once. Table and selection are
    // untouched; call again after QTableView::setModel().
    QHeaderView *header = view->horizontalHeader();
    header->setSelectionModel(new QItemSelectionModel(view->model(), header));
}

QWidget *captioned(const QString &caption, QWidget *view, QWidget *parent, QLabel **label)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *text = new QLabel(caption, box);
    text->setBuddy(view); // Alt+letter in the caption focuses the view
    layout->addWidget(text);
    if (label)
        *label = text;
    layout->addWidget(view);
    return box;
}

void setColumnWidths(QTableView *view, std::initializer_list<std::pair<int, QString>> samples)
{
    const QFontMetrics metrics = view->fontMetrics();
    for (const auto &[column, sample] : samples)
        view->setColumnWidth(column, metrics.horizontalAdvance(sample) + 24);
}

void widenColumns(QTableView *view, std::initializer_list<int> columns, const QString &sample)
{
    const int width = view->fontMetrics().horizontalAdvance(sample) + 24;
    for (const int column : columns) {
        if (view->columnWidth(column) < width)
            view->setColumnWidth(column, width);
    }
}

QString timeWidthSample(bool zoneUnknown)
{
    return displayTime(std::int64_t(1'732'000'000'123'000'000), zoneUnknown);
}

} // namespace ea
