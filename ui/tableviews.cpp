#include "tableviews.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

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
    keepHeaderOutOfSelection(view);
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

} // namespace ea
