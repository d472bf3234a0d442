// LatestRequest: only the answer to the latest request is used.

#include <QTest>

#include "latestrequest.h"

using namespace ea;

class TestLatestRequest : public QObject
{
    Q_OBJECT

private slots:
    void newRequestMakesEarlierStale()
    {
        LatestRequest request;
        const auto first = request.next();
        QVERIFY(request.isCurrent(first));
        const auto second = request.next();
        QVERIFY(!request.isCurrent(first));
        QVERIFY(request.isCurrent(second));
        QCOMPARE(request.current(), second);
    }

    void invalidateDropsEveryAnswer()
    {
        LatestRequest request;
        const auto ticket = request.next();
        request.invalidate();
        QVERIFY(!request.isCurrent(ticket));
        // A request that joins the current state (a page of the same list)
        // stays valid until the next invalidate().
        const auto page = request.current();
        QVERIFY(request.isCurrent(page));
        request.invalidate();
        QVERIFY(!request.isCurrent(page));
    }
};

QTEST_APPLESS_MAIN(TestLatestRequest)
#include "tst_latestrequest.moc"
