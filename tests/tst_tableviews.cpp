// The GUI's table views (ui/tableviews): what they cost to paint at audit
// sizes, counted in model calls rather than timed.

#include "tableviews.h"

#include <QAbstractTableModel>
#include <QApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QTableView>
#include <QTest>

using namespace ea;

namespace {

constexpr int kRows = 300'000;

// A large table that counts how often a view asks for its flags: a view
// that walks every row on a repaint asks kRows times or more.
class CountingModel : public QAbstractTableModel
{
public:
    mutable long flagsCalls = 0;

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : kRows;
    }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : 8;
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        return role == Qt::DisplayRole ? QVariant(index.row() * 10 + index.column()) : QVariant();
    }
    Qt::ItemFlags flags(const QModelIndex &index) const override
    {
        ++flagsCalls;
        return QAbstractTableModel::flags(index);
    }
};

} // namespace

class TestTableViews : public QObject
{
    Q_OBJECT

private:
    static long paintAfterSelectAll(QTableView &view, CountingModel &model)
    {
        view.resize(900, 500);
        view.grab();
        model.flagsCalls = 0;
        view.selectAll();
        view.grab(); // paints the table and both headers
        return model.flagsCalls;
    }

private slots:
    void selectAllPaintsInVisibleRows()
    {
        CountingModel model;
        QWidget parent;
        QTableView *view = makeTableView(&parent, QStringLiteral("table"), &model);
        const long calls = paintAfterSelectAll(*view, model);
        // Every row is selected, through the view's own selection model.
        QItemSelectionModel *selection = view->selectionModel();
        QVERIFY(selection->isRowSelected(0));
        QVERIFY(selection->isRowSelected(kRows - 1));
        QCOMPARE(selection->selection().size(), 1);
        // And the repaint asked about the rows on screen, not all of them.
        QVERIFY2(calls < kRows / 10, qPrintable(QStringLiteral("%1 flags() calls").arg(calls)));
        // The header's selection is its own and stays empty.
        QVERIFY(view->horizontalHeader()->selectionModel() != selection);
        QVERIFY(!view->horizontalHeader()->selectionModel()->hasSelection());
    }

    void plainViewWalksEveryRow()
    {
        // What keepHeaderOutOfSelection() avoids, shown on this Qt: a plain
        // table's header asks for the flags of every row of every column it
        // paints. If a later Qt stops doing so, the helper is no longer needed.
        CountingModel model;
        QTableView view;
        view.setModel(&model);
        view.setSelectionBehavior(QAbstractItemView::SelectRows);
        const long calls = paintAfterSelectAll(view, model);
        if (calls < kRows)
            QSKIP("this Qt's header no longer walks the rows after a select-all");
        QVERIFY(calls >= kRows);
    }
};

QTEST_MAIN(TestTableViews)
#include "tst_tableviews.moc"
