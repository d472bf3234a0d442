#pragma once

#include <QString>

#include <initializer_list>
#include <utility>

class QAbstractItemModel;
class QLabel;
class QTableView;
class QWidget;

namespace ea {

// The GUI's tables look and behave alike: whole-row selection, movable
// columns, fixed row height (so a million rows need no measuring), sorting.
[[nodiscard]] QTableView *makeTableView(QWidget *parent, const QString &objectName,
                                        QAbstractItemModel *model, bool sortable = true);
// Gives the horizontal header a selection of its own, always empty, so that
// painting it after a select-all costs the columns, not the rows.
void keepHeaderOutOfSelection(QTableView *view);
// A caption above a view, as one widget for a splitter. Its access key
// (&x) focuses the view; `label`, when given, receives the caption so that
// its text can change (a drill-down names what it shows).
[[nodiscard]] QWidget *captioned(const QString &caption, QWidget *view, QWidget *parent,
                                 QLabel **label = nullptr);
// Default column widths from sample texts (the widest value a column usually
// holds), before any saved layout is restored over them.
void setColumnWidths(QTableView *view, std::initializer_list<std::pair<int, QString>> samples);

} // namespace ea
