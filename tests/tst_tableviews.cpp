// The GUI's table views (ui/tableviews): what they cost to paint at audit
// sizes, counted in model calls rather than timed.

#include "tableviews.h"

#include <QAbstractTableModel>
#include <QApplication>
#include <QHeaderView>
#include <QHelpEvent>
#include <QItemSelectionModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QToolTip>

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
    void cutCellsShowTheirFullText()
    {
        QStandardItemModel model(2, 2);
        const QString address = QStringLiteral("2001:db8:ffff:ffff:ffff:ffff:ffff:1234");
        model.setItem(0, 0, new QStandardItem(address));
        model.setItem(1, 0, new QStandardItem(QStringLiteral("1.1.1.1")));
        auto *own = new QStandardItem(QStringLiteral("/usr/bin/curl"));
        own->setToolTip(QStringLiteral("curl -s https://example.com"));
        model.setItem(0, 1, own);
        QWidget parent;
        QTableView *view = makeTableView(&parent, QStringLiteral("table"), &model);
        view->resize(600, 300);
        const int narrow = view->fontMetrics().horizontalAdvance(QStringLiteral("2001:db8:ff"));
        view->setColumnWidth(0, narrow);
        parent.show();
        QVERIFY(QTest::qWaitForWindowExposed(&parent));
        // Cut: the whole text; shown whole: nothing to add.
        QCOMPARE(cellToolTip(*view, model.index(0, 0)), address);
        QCOMPARE(cellToolTip(*view, model.index(1, 0)), QString());
        // The model's own tooltip wins.
        QCOMPARE(cellToolTip(*view, model.index(0, 1)),
                 QStringLiteral("curl -s https://example.com"));
        view->setColumnWidth(0, 4 * view->fontMetrics().horizontalAdvance(address));
        QCOMPARE(cellToolTip(*view, model.index(0, 0)), QString());
        // And the view's delegate shows it on hover.
        view->setColumnWidth(0, narrow);
        const QPoint at = view->visualRect(model.index(0, 0)).center();
        QHelpEvent help(QEvent::ToolTip, at, view->viewport()->mapToGlobal(at));
        QCoreApplication::sendEvent(view->viewport(), &help);
        QTRY_COMPARE(QToolTip::text(), address);
    }

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
