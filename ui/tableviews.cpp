#include "tableviews.h"

#include <QHeaderView>
#include <QTableView>

namespace ea {

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
    return view;
}

void setColumnWidths(QTableView *view, std::initializer_list<std::pair<int, QString>> samples)
{
    const QFontMetrics metrics = view->fontMetrics();
    for (const auto &[column, sample] : samples)
        view->setColumnWidth(column, metrics.horizontalAdvance(sample) + 24);
}

} // namespace ea
