#pragma once

#include <QString>

#include <initializer_list>
#include <utility>

class QAbstractItemModel;
class QAbstractItemView;
class QModelIndex;
class QLabel;
class QTableView;
class QWidget;

namespace ea {

// The GUI's tables look and behave alike: whole-row selection, movable
// columns, fixed row height (so a million rows need no measuring), sorting.
[[nodiscard]] QTableView *makeTableView(QWidget *parent, const QString &objectName,
                                        QAbstractItemModel *model, bool sortable = true);
// What hovering a cell shows: the model's own tooltip when it has one, else
// the full text when the cell shows it cut ("2001:db8:…"), else nothing.
// Every view makeTableView() builds shows it.
[[nodiscard]] QString cellToolTip(const QAbstractItemView &view, const QModelIndex &index);
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
// Widens each column that is narrower than `sample` needs (never narrows: a
// width the analyst chose stays when it is wide enough).
void widenColumns(QTableView *view, std::initializer_list<int> columns, const QString &sample);
// A time as the views now show it (UTC or local, timedisplay.h; of unknown
// zone when asked), for sizing time columns.
[[nodiscard]] QString timeWidthSample(bool zoneUnknown = false);

} // namespace ea
