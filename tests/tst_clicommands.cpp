// The CLI's command table (cli/commandtable.h): every entry complete, names
// unique, the usage text made from it, dispatch of names it does not hold;
// and the --map keys the real CLI names, made from the field-role table.

#include "cli/commandtable.h"
#include "cli/exitstatus.h"
#include "core/text.h"
#include "import/fieldmapping.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "clirunner.h"

#include <string>
#include <string_view>

using ea::cli::Command;

namespace {

// Runs of spaces and line ends as one space: wrapped text reads as written.
QString simplified(const std::string &text)
{
    return QString::fromStdString(text).simplified();
}

} // namespace

class TestCliCommands : public QObject
{
    Q_OBJECT

private slots:
    void everyCommandIsComplete_data();
    void everyCommandIsComplete();
    void namesAreUnique();
    void findCommand_data();
    void findCommand();
    void usageListsEveryCommand();
    void usageFitsItsColumns();
    void dispatchRefusesNamesOutsideTheTable_data();
    void dispatchRefusesNamesOutsideTheTable();
    void mapKeysComeFromTheRoleTable();
};

void TestCliCommands::everyCommandIsComplete_data()
{
    QTest::addColumn<int>("index");
    QVERIFY(!ea::cli::commands().empty());
    for (std::size_t k = 0; k < ea::cli::commands().size(); ++k)
        QTest::addRow("%s", std::string(ea::cli::commands()[k].name).c_str()) << int(k);
}

void TestCliCommands::everyCommandIsComplete()
{
    QFETCH(int, index);
    const Command &command = ea::cli::commands()[std::size_t(index)];
    QVERIFY(!command.name.empty());
    // One word that cannot be taken for an option.
    QVERIFY(command.name.find(' ') == std::string_view::npos);
    QVERIFY(!command.name.starts_with('-'));
    QVERIFY(!command.synopsis.empty());
    QVERIFY(!command.summary.empty());
    QVERIFY(command.summary.ends_with('.'));
    QVERIFY(command.run != nullptr);
}

void TestCliCommands::namesAreUnique()
{
    QSet<QString> names;
    for (const Command &command : ea::cli::commands()) {
        const QString name = ea::toQString(command.name);
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.insert(name);
    }
}

void TestCliCommands::findCommand_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("found");

    for (const Command &command : ea::cli::commands())
        QTest::addRow("%s", std::string(command.name).c_str())
            << ea::toQString(command.name) << true;
    QTest::addRow("empty") << QString() << false;
    QTest::addRow("prefix") << QStringLiteral("mar") << false;
    QTest::addRow("longer") << QStringLiteral("marksx") << false;
    QTest::addRow("other case") << QStringLiteral("CLASSIFY") << false;
    QTest::addRow("global option") << QStringLiteral("--help") << false;
}

void TestCliCommands::findCommand()
{
    QFETCH(QString, name);
    QFETCH(bool, found);

    const Command *command = ea::cli::findCommand(name);
    QCOMPARE(command != nullptr, found);
    if (command)
        QCOMPARE(ea::toQString(command->name), name);
}

void TestCliCommands::usageListsEveryCommand()
{
    const std::string usage = ea::cli::usageText();
    QVERIFY(usage.starts_with("Usage: egress-auditor-cli COMMAND [OPTIONS] [ARGS...]\n"));
    const QString text = simplified(usage);
    for (const Command &command : ea::cli::commands()) {
        // Each command starts a line with its synopsis, its summary after it.
        const std::string line
            = "\n  " + std::string(command.name) + ' ' + std::string(command.synopsis);
        QVERIFY2(usage.find(line) != std::string::npos, line.c_str());
        const QString entry = ea::toQString(command.name) + QLatin1Char(' ')
            + ea::toQString(command.synopsis) + QLatin1Char(' ') + ea::toQString(command.summary);
        QVERIFY2(text.contains(entry), qPrintable(entry));
    }
    for (const char *option : {"\n  -h, --help ", "\n  -v, --version "})
        QVERIFY2(usage.find(option) != std::string::npos, option);
}

void TestCliCommands::usageFitsItsColumns()
{
    // Summaries start in one column and wrap before 70 characters.
    const QStringList lines = QString::fromStdString(ea::cli::usageText()).split(QLatin1Char('\n'));
    int summaries = 0;
    for (const QString &line : lines) {
        QVERIFY2(line.size() <= 70, qPrintable(line));
        if (line.startsWith(QLatin1String("  ")) && line.size() > 25 && line.at(24) == u' '
            && line.at(25) != u' ')
            ++summaries;
    }
    // Every command and both global options have a line with a summary
    // there; the long summaries have more.
    QVERIFY(summaries >= int(ea::cli::commands().size()) + 2);
}

void TestCliCommands::dispatchRefusesNamesOutsideTheTable_data()
{
    QTest::addColumn<QStringList>("arguments");

    const QString program = QStringLiteral("egress-auditor-cli");
    QTest::addRow("no command") << QStringList {program};
    QTest::addRow("unknown") << QStringList {program, QStringLiteral("frobnicate")};
    QTest::addRow("other case") << QStringList {program, QStringLiteral("Classify")};
    QTest::addRow("unknown option") << QStringList {program, QStringLiteral("--bogus")};
}

void TestCliCommands::dispatchRefusesNamesOutsideTheTable()
{
    QFETCH(QStringList, arguments);
    // The usage text goes to stderr; only the status is checked here.
    QCOMPARE(ea::cli::dispatch(arguments), ea::cli::kExitUsage);
}

void TestCliCommands::mapKeysComeFromTheRoleTable()
{
    QStringList ids;
    for (std::size_t k = 0; k < ea::kFieldRoleCount; ++k)
        ids.append(ea::toQString(ea::fieldRoleId(ea::FieldRole(k))));
    const QString keys = ids.join(QStringLiteral(", "));

    const ea::test::Run help
        = ea::test::runCli({QStringLiteral("import"), QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    const QString helpText = QString::fromUtf8(help.out).simplified();
    QVERIFY2(
        helpText.contains(QStringLiteral("Use COLUMN for K, one of %1 (repeatable).").arg(keys)),
        help.out.constData());

    const QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const ea::test::Run bad
        = ea::test::runCli({QStringLiteral("import"), QStringLiteral("--case"),
                            dir.filePath(QStringLiteral("c.eacase")), QStringLiteral("--map"),
                            QStringLiteral("bogus=x"), dir.filePath(QStringLiteral("x.csv"))});
    QCOMPARE(bad.exitCode, ea::cli::kExitUsage);
    QCOMPARE(QString::fromUtf8(bad.err),
             QStringLiteral("egress-auditor-cli: --map expects K=COLUMN with K one of %1; got "
                            "'bogus=x'\n")
                 .arg(keys));
}

QTEST_GUILESS_MAIN(TestCliCommands)
#include "tst_clicommands.moc"
