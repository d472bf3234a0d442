// Times the pieces of the destinations table's work on a real case, one at a
// time on this thread: reading the snapshot, the marks, each sort, the review,
// and the shown rows of the default view. Not a test: it prints numbers.
// Usage: bench_order CASE.eacase [REPEATS]
// (gui_benchmark times the same work end to end through the main window.)

#include "review/destinationorder.h"
#include "review/destinationsnapshot.h"
#include "storage/casedatabase.h"
#include "storage/casequeries.h"
#include "storage/marks.h"

#include <QCoreApplication>
#include <QTextStream>

#include <chrono>
#include <ctime>
#include <functional>

using namespace ea;

namespace {

double cpuSeconds()
{
    timespec t {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

// The first run (as the table meets it: fresh memory) and the best of
// repeats, wall and CPU (CPU of the same run).
void time(QTextStream &out, const char *what, int repeats, const std::function<void()> &work)
{
    double firstWall = 0;
    double firstCpu = 0;
    double bestWall = 1e9;
    double cpuOfBest = 0;
    for (int k = 0; k < repeats; ++k) {
        const double cpu0 = cpuSeconds();
        const auto t0 = std::chrono::steady_clock::now();
        work();
        const double wall
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const double cpu = cpuSeconds() - cpu0;
        if (k == 0) {
            firstWall = wall;
            firstCpu = cpu;
        }
        if (wall < bestWall) {
            bestWall = wall;
            cpuOfBest = cpu;
        }
    }
    out << QStringLiteral("| %1 | %2 | %3 | %4 | %5 |\n")
               .arg(QString::fromUtf8(what), -30)
               .arg(firstWall * 1000, 7, 'f', 1)
               .arg(firstCpu * 1000, 7, 'f', 1)
               .arg(bestWall * 1000, 7, 'f', 1)
               .arg(cpuOfBest * 1000, 7, 'f', 1);
    out.flush();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        QTextStream(stderr) << "usage: bench_order CASE.eacase [REPEATS]\n";
        return 2;
    }
    const int repeats = args.size() > 2 ? std::max(1, args[2].toInt()) : 5;
    CaseDatabase::Result opened = CaseDatabase::open(args[1], CaseDatabase::OpenMode::ReadOnly);
    if (!opened) {
        QTextStream(stderr) << "bench_order: " << opened.error.message() << '\n';
        return 1;
    }
    CaseQueries queries(*opened.database);
    std::shared_ptr<const DestinationSnapshot> snapshot;
    out << "| step | first: wall ms | CPU ms | best of " << repeats
        << ": wall ms | CPU ms |\n|---|---|---|---|---|\n";
    time(out, "read snapshot", 1, [&] {
        Result<std::shared_ptr<const DestinationSnapshot>> read
            = DestinationSnapshot::read(queries);
        if (read.ok())
            snapshot = std::move(read.value);
    });
    if (!snapshot) {
        QTextStream(stderr) << "bench_order: cannot read the destinations\n";
        return 1;
    }
    out << "(" << snapshot->size() << " destinations, snapshot "
        << double(snapshot->bytes()) / double(std::max<std::size_t>(snapshot->size(), 1))
        << " B each)\n";
    const auto marks = std::make_shared<const MarkIndex>();
    std::shared_ptr<const DestinationReview> review;
    time(out, "review (no marks)", repeats,
         [&] { review = std::make_shared<const DestinationReview>(*snapshot, marks); });
    // A case that holds marks (a million rows marked): reading them, which a
    // case switch does on the writer thread, and the review with them.
    Marks caseMarks(*opened.database);
    std::shared_ptr<const MarkIndex> index;
    time(out, "read the case's marks into the index", repeats, [&] {
        Result<MarkIndex> read = caseMarks.index();
        if (read.ok())
            index = std::make_shared<const MarkIndex>(std::move(read.value));
    });
    if (index && !index->marks().empty()) {
        out << "(" << index->marks().size() << " marks)\n";
        time(out, "review (the case's marks)", repeats,
             [&] { review = std::make_shared<const DestinationReview>(*snapshot, index); });
    }
    const struct
    {
        const char *name;
        DestinationSort sort;
    } sorts[] = {
        {"sort Address ascending", {DestinationField::Address, false}},
        {"sort Connections descending", {DestinationField::Connections, true}},
        {"sort Ports ascending", {DestinationField::Ports, false}},
        {"sort First seen ascending", {DestinationField::FirstSeen, false}},
        {"sort Category ascending", {DestinationField::Category, false}},
    };
    RowIds sorted;
    for (const auto &s : sorts)
        time(out, s.name, repeats, [&] { sorted = sortedRows(*snapshot, *review, s.sort); });
    const DestinationView view; // the default: external, reviewed hidden
    DestinationOrder order;
    time(out, "shown rows, default view", repeats,
         [&] { order = shownRows(*snapshot, *review, sorted, view); });
    DestinationView all;
    all.showAll = true;
    all.hideReviewed = false;
    time(out, "shown rows, all destinations", repeats,
         [&] { order = shownRows(*snapshot, *review, sorted, all); });
    return 0;
}
