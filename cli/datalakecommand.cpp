#include "cli/commandline.h"
#include "cli/commands.h"
#include "cli/exitstatus.h"
#include "cli/output.h"
#include "export/datalakequery.h"
#include "storage/casedatabase.h"
#include "storage/marks.h"

#include <QCommandLineParser>

#include <string>

namespace ea::cli {

int runDataLakeQuery(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Write an SQL query (on stdout) that runs this audit where a fleet's connections are\n"
        "kept: the SLS connections table in Trino or Amazon Athena (engine version 3). It\n"
        "classifies every destination against the IANA special-purpose blocks of both\n"
        "families, applies the case's marks (internal ones left out) and returns the\n"
        "external destinations per destination, port, process and sensor with columns\n"
        "dst_addr,dst_port,process_uuid,sensor_id,category,status,connections,\n"
        "first_seen_ns,last_seen_ns. The case is only read."));
    const QCommandLineOption dialect(QStringLiteral("dialect"),
                                     QStringLiteral("trino (the default) or athena."),
                                     QStringLiteral("D"), QStringLiteral("trino"));
    parser.addOption(dialect);
    const QCommandLineOption map(QStringLiteral("map"),
                                 QStringLiteral("Read NAME for K, one of table, time, sensor, "
                                                "process, dst, port (repeatable); table may be "
                                                "catalog.schema.table."),
                                 QStringLiteral("K=NAME"));
    parser.addOption(map);
    if (const int s = parseCaseCommand(parser, QStringLiteral("datalake-query"), arguments); s >= 0)
        return s;
    if (const int s = refuseArguments(parser, QStringLiteral("datalake-query")); s >= 0)
        return s;

    ea::DataLakeDialect engine = ea::DataLakeDialect::Trino;
    const QByteArray dialectBytes = parser.value(dialect).toUtf8();
    if (!ea::dataLakeDialectFromId(utf8View(dialectBytes), engine)) {
        printErr(QStringLiteral("egress-auditor-cli: --dialect expects trino or athena; got '%1'\n")
                     .arg(parser.value(dialect)));
        return kExitUsage;
    }
    ea::DataLakeColumns columns;
    QStringList keys;
    for (const QString &value : parser.values(map)) {
        const qsizetype eq = value.indexOf(QLatin1Char('='));
        const QByteArray key = value.left(eq).toUtf8();
        // Two names for one column is a typo, not a choice.
        if (eq > 0 && keys.contains(value.left(eq))) {
            printErr(QStringLiteral("egress-auditor-cli: --map %1 is given twice\n")
                         .arg(value.left(eq)));
            return kExitUsage;
        }
        keys << value.left(eq);
        const QByteArray name = eq >= 0 ? value.mid(eq + 1).toUtf8() : QByteArray();
        const ea::Error error = eq > 0
            ? ea::DataLakeQuery::setColumn(columns, utf8View(key), utf8View(name))
            : ea::Error(QStringLiteral("expected K=NAME"), ea::Error::Code::Invalid);
        if (!error.isNull()) {
            printErr(
                QStringLiteral("egress-auditor-cli: --map '%1': %2\n").arg(value, error.message()));
            return kExitUsage;
        }
    }

    std::unique_ptr<ea::CaseDatabase> db = openCase(parser, ea::CaseDatabase::OpenMode::ReadOnly);
    if (!db)
        return kExitFailed;
    const ea::RowsResult<ea::Mark> marks = ea::Marks(*db).marks();
    if (!marks.ok())
        return fail(marks.error.message());
    std::string out = ea::DataLakeQuery::build(engine, columns, marks.value);
    writeOut(out);
    return kExitOk;
}

} // namespace ea::cli
