// ImportDialog over the fixtures in tests/data, driven through its real
// widgets (offscreen): what it shows for a file, how a column choice becomes a
// mapping override, and when Import is allowed.

#include "importdialog.h"
#include "testutils.h"

#include "core/filehash.h"
#include "import/fieldmapping.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

#include "fifowatchdog.h"

using namespace ea;
using namespace ea::test;

namespace {

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

QComboBox *roleBox(const ImportDialog &dialog, FieldRole role)
{
    return dialog.findChild<QComboBox *>(
        QStringLiteral("role_")
        + QString::fromLatin1(fieldRoleId(role).data(), qsizetype(fieldRoleId(role).size())));
}

QPushButton *importButton(const ImportDialog &dialog)
{
    return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

QPushButton *removeButton(const ImportDialog &dialog)
{
    for (QPushButton *button : dialog.findChildren<QPushButton *>()) {
        if (button->text() == QStringLiteral("&Remove file"))
            return button;
    }
    return nullptr;
}

// The labels the analyst can see now (the dialog is shown).
QStringList visibleLabels(const ImportDialog &dialog)
{
    QStringList texts;
    for (const QLabel *label : dialog.findChildren<QLabel *>()) {
        if (label->isVisible() && !label->text().isEmpty())
            texts << label->text();
    }
    return texts;
}

bool showsText(const ImportDialog &dialog, const QString &text)
{
    const QStringList labels = visibleLabels(dialog);
    return std::any_of(labels.begin(), labels.end(),
                       [&](const QString &label) { return label.contains(text); });
}

QStringList comboTexts(const QComboBox *box)
{
    QStringList texts;
    for (int k = 0; k < box->count(); ++k)
        texts << box->itemText(k);
    return texts;
}

} // namespace

class TestImportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void showsKnownCsv();
    void unknownDestinationDisablesImport();
    void chosenColumnBecomesOverride();
    void noneDropsOverride();
    void removingTheBadFileEnablesImport_data();
    void removingTheBadFileEnablesImport();
    void unrecognisedFileSaysSoPlainly();
    void mostRowsFailingIsWarned();
    void duplicateIsFoundAndCanBeImportedAgain();
    void removingTheOnlyFileDisablesImport();
    void pipeIsShownAsRefused();
    void showsFormatIds_data();
    void showsFormatIds();

private:
    std::unique_ptr<ImportDialog> open(const QStringList &files);
};

void TestImportDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EgressAuditorTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_importdialog"));
    QSettings().clear();
}

std::unique_ptr<ImportDialog> TestImportDialog::open(const QStringList &files)
{
    auto dialog = std::make_unique<ImportDialog>(files);
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog.get()))
        return nullptr;
    return dialog;
}

void TestImportDialog::showsKnownCsv()
{
    const QString path = dataPath(QStringLiteral("csv_sls_connections.csv"));
    const auto dialog = open({path});
    QVERIFY(dialog);

    QCOMPARE(dialog->preview(0).format, std::string("csv"));
    QCOMPARE(dialog->preview(0).kind, FileKind::Connections);
    QVERIFY(showsText(*dialog, QStringLiteral("format csv, connections")));
    QVERIFY(importButton(*dialog)->isEnabled());

    QComboBox *dst = roleBox(*dialog, FieldRole::Dst);
    QVERIFY(dst);
    QVERIFY(dst->isEnabled());
    QCOMPARE(dst->currentText(), QStringLiteral("dst_addr"));
    QCOMPARE(roleBox(*dialog, FieldRole::DstPort)->currentText(), QStringLiteral("dst_port"));
    // "(none)" first, then the header in file order.
    QCOMPARE(comboTexts(dst),
             QStringList({QStringLiteral("(none)"), QStringLiteral("unix_nano_timestamp"),
                          QStringLiteral("sensor_id"), QStringLiteral("process_uuid"),
                          QStringLiteral("src_addr"), QStringLiteral("src_port"),
                          QStringLiteral("dst_addr"), QStringLiteral("dst_port"),
                          QStringLiteral("protocol")}));

    const auto *sample = dialog->findChild<QTableWidget *>();
    QVERIFY(sample);
    QCOMPARE(sample->rowCount(), 5);
    QCOMPARE(sample->columnCount(), 8);
    QCOMPARE(sample->horizontalHeaderItem(5)->text(), QStringLiteral("dst_addr"));
    QCOMPARE(sample->item(0, 5)->text(), QStringLiteral("10.148.65.62"));
    QCOMPARE(sample->item(1, 5)->text(), QStringLiteral("173.138.172.23"));

    // Nothing chosen: the file goes in as the import maps it.
    const std::vector<ImportRequest> requests = dialog->requests();
    QCOMPARE(requests.size(), std::size_t(1));
    QCOMPARE(requests[0].path, path);
    QVERIFY(requests[0].options.overrides.empty());
}

void TestImportDialog::unknownDestinationDisablesImport()
{
    const auto dialog = open({dataPath(QStringLiteral("import_cli_unmapped.csv"))});
    QVERIFY(dialog);
    QVERIFY(!dialog->preview(0).error.isNull());
    // Said in the dialog's words (the CLI's says --map dst=COLUMN).
    const QString shown = dialog->messageText();
    QVERIFY2(shown.contains(QStringLiteral("Choose it under Columns (Destination address)")),
             qPrintable(shown));
    QVERIFY2(!shown.contains(QStringLiteral("--")), qPrintable(shown));
    QVERIFY2(showsText(*dialog, shown), qPrintable(visibleLabels(*dialog).join(u'|')));
    QVERIFY(!importButton(*dialog)->isEnabled());
    QVERIFY(!dialog->isImportable(0));
    QCOMPARE(roleBox(*dialog, FieldRole::Dst)->currentText(), QStringLiteral("(none)"));
    // The analyst can still choose: the boxes stay enabled on a refused file,
    // with the first rows to choose by.
    QVERIFY(roleBox(*dialog, FieldRole::Dst)->isEnabled());
    QVERIFY(dialog->preview(0).sampleRows.size() >= 2);
    const auto *sample = dialog->findChild<QTableWidget *>();
    QCOMPARE(sample->rowCount(), int(dialog->preview(0).sampleRows.size()));
    QCOMPARE(sample->columnCount(), int(dialog->preview(0).columns.size()));
    // Role boxes explain themselves without the command line's syntax.
    QVERIFY(!roleBox(*dialog, FieldRole::Dst)->toolTip().contains(QStringLiteral("--map")));
}

void TestImportDialog::chosenColumnBecomesOverride()
{
    const auto dialog = open({dataPath(QStringLiteral("import_cli_unmapped.csv"))});
    QVERIFY(dialog);
    const QString error = dialog->preview(0).error.message();
    QVERIFY(!error.isEmpty());

    // Choose the column in the real combo box, as the analyst would.
    QComboBox *dst = roleBox(*dialog, FieldRole::Dst);
    const int peer = dst->findText(QStringLiteral("peer"));
    QVERIFY(peer > 0);
    dst->setFocus();
    dst->setCurrentIndex(peer);

    QVERIFY2(dialog->preview(0).error.message().isEmpty(),
             qPrintable(dialog->preview(0).error.message()));
    QVERIFY(!showsText(*dialog, error));
    QVERIFY(importButton(*dialog)->isEnabled());
    // The box keeps the choice after the preview is refreshed.
    QCOMPARE(roleBox(*dialog, FieldRole::Dst)->currentText(), QStringLiteral("peer"));

    std::vector<ImportRequest> requests = dialog->requests();
    QCOMPARE(requests.size(), std::size_t(1));
    QCOMPARE(requests[0].options.overrides.size(), std::size_t(1));
    QCOMPARE(requests[0].options.overrides[0].role, FieldRole::Dst);
    QCOMPARE(fromStd(requests[0].options.overrides[0].column), QStringLiteral("peer"));

    // The same through the keyboard API, for another role; case-insensitive.
    QVERIFY(dialog->setColumn(FieldRole::DstPort, QStringLiteral("PEER_PORT")));
    QVERIFY(!dialog->setColumn(FieldRole::Src, QStringLiteral("no_such_column")));
    requests = dialog->requests();
    QCOMPARE(requests[0].options.overrides.size(), std::size_t(2));
    QCOMPARE(requests[0].options.overrides[1].role, FieldRole::DstPort);
    QCOMPARE(fromStd(requests[0].options.overrides[1].column), QStringLiteral("peer_port"));

    // Choosing another column for a role replaces its override, not adds one.
    QVERIFY(dialog->setColumn(FieldRole::DstPort, QStringLiteral("when")));
    requests = dialog->requests();
    QCOMPARE(requests[0].options.overrides.size(), std::size_t(2));
    QCOMPARE(fromStd(requests[0].options.overrides[1].column), QStringLiteral("when"));
}

void TestImportDialog::noneDropsOverride()
{
    const auto dialog = open({dataPath(QStringLiteral("import_cli_unmapped.csv"))});
    QVERIFY(dialog);
    QVERIFY(dialog->setColumn(FieldRole::Dst, QStringLiteral("peer")));
    QVERIFY(importButton(*dialog)->isEnabled());

    QVERIFY(dialog->setColumn(FieldRole::Dst, QString()));
    QCOMPARE(roleBox(*dialog, FieldRole::Dst)->currentText(), QStringLiteral("(none)"));
    // The override is gone: the file is refused again, so it is not asked for.
    QCOMPARE(dialog->preview(0).mapping[FieldRole::Dst], -1);
    QVERIFY(dialog->requests().empty());
    QVERIFY(!dialog->preview(0).error.message().isEmpty());
    QVERIFY(showsText(*dialog, dialog->messageText()));
    QVERIFY(!importButton(*dialog)->isEnabled());
}

void TestImportDialog::removingTheBadFileEnablesImport_data()
{
    QTest::addColumn<int>("badRow");
    QTest::addRow("bad file second") << 1;
    QTest::addRow("bad file first") << 0;
}

void TestImportDialog::removingTheBadFileEnablesImport()
{
    QFETCH(int, badRow);
    const QString good = dataPath(QStringLiteral("csv_sls_connections.csv"));
    const QString bad = dataPath(QStringLiteral("import_cli_unmapped.csv"));
    const auto dialog = open(badRow == 0 ? QStringList {bad, good} : QStringList {good, bad});
    QVERIFY(dialog);
    // One bad file does not hold the other back: it is left out, and the
    // button says so.
    QVERIFY(importButton(*dialog)->isEnabled());
    QCOMPARE(importButton(*dialog)->text(), QStringLiteral("&Import 1 of 2 files"));
    QCOMPARE(dialog->requests().size(), std::size_t(1));
    QCOMPARE(dialog->requests()[0].path, good);

    // Select the bad file in the list with the mouse, then Remove file.
    auto *list = dialog->findChild<QListWidget *>();
    QVERIFY(list);
    QCOMPARE(list->count(), 2);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualItemRect(list->item(badRow)).center());
    QCOMPARE(list->currentRow(), badRow);
    QCOMPARE(roleBox(*dialog, FieldRole::Dst)->currentText(), QStringLiteral("(none)"));
    QTest::mouseClick(removeButton(*dialog), Qt::LeftButton);

    QCOMPARE(list->count(), 1);
    QCOMPARE(list->item(0)->text(), QStringLiteral("csv_sls_connections.csv"));
    QVERIFY(importButton(*dialog)->isEnabled());
    QCOMPARE(importButton(*dialog)->text(), QStringLiteral("&Import"));
    const std::vector<ImportRequest> requests = dialog->requests();
    QCOMPARE(requests.size(), std::size_t(1));
    QCOMPARE(requests[0].path, good);
    QVERIFY(requests[0].options.overrides.empty());
    QCOMPARE(dialog->preview(0).path, good);
    QVERIFY(dialog->preview(0).error.message().isEmpty());
    // The remaining file is the one shown, with its own mapping.
    QCOMPARE(roleBox(*dialog, FieldRole::Dst)->currentText(), QStringLiteral("dst_addr"));
    QVERIFY(showsText(*dialog, QStringLiteral("csv_sls_connections.csv")));
}

void TestImportDialog::removingTheOnlyFileDisablesImport()
{
    const auto dialog = open({dataPath(QStringLiteral("csv_sls_connections.csv"))});
    QVERIFY(dialog);
    QVERIFY(importButton(*dialog)->isEnabled());
    QTest::mouseClick(removeButton(*dialog), Qt::LeftButton);
    QVERIFY(dialog->requests().empty());
    QVERIFY(!importButton(*dialog)->isEnabled());
    QCOMPARE(roleBox(*dialog, FieldRole::Dst)->count(), 0);
}

// A FIFO dropped on the dialog neither blocks it (opening one for reading waits
// for a writer) nor gets imported: it is refused like any unreadable file.
void TestImportDialog::pipeIsShownAsRefused()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fifo = dir.filePath(QStringLiteral("pipe.csv"));
    QVERIFY(makeFifo(fifo));
    FifoWatchdog watchdog(fifo);
    const auto dialog = open({fifo, dataPath(QStringLiteral("csv_sls_connections.csv"))});
    QVERIFY2(!watchdog.finish(), "the dialog blocked opening the FIFO");
    QVERIFY(dialog);
    const QString error = dialog->preview(0).error.message();
    QVERIFY2(error.contains(QStringLiteral("pipe")), qPrintable(error));
    QVERIFY2(showsText(*dialog, error), qPrintable(visibleLabels(*dialog).join(u'|')));
    QCOMPARE(importButton(*dialog)->text(), QStringLiteral("&Import 1 of 2 files"));
    QVERIFY(!dialog->isImportable(0));
    QTest::mouseClick(removeButton(*dialog), Qt::LeftButton);
    QVERIFY(importButton(*dialog)->isEnabled());
    QCOMPARE(importButton(*dialog)->text(), QStringLiteral("&Import"));
}

void TestImportDialog::unrecognisedFileSaysSoPlainly()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString prose = dir.filePath(QStringLiteral("notes.txt"));
    QFile file(prose);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("hello world\nthis is prose, not a log\n");
    file.close();
    const auto dialog = open({prose});
    QVERIFY(dialog);
    const QString shown = dialog->messageText();
    QVERIFY2(shown.startsWith(QStringLiteral("Egress Auditor does not recognise this file (")),
             qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("It will not be imported.")), qPrintable(shown));
    QVERIFY(!importButton(*dialog)->isEnabled());
}

// A time column chosen as the port, and a port column chosen as the
// destination: warned before the import, which stays possible.
void TestImportDialog::mostRowsFailingIsWarned()
{
    const auto dialog = open({dataPath(QStringLiteral("csv_sls_connections.csv"))});
    QVERIFY(dialog);
    QCOMPARE(dialog->warningText(), QString());
    QVERIFY(dialog->setColumn(FieldRole::DstPort, QStringLiteral("unix_nano_timestamp")));
    QVERIFY2(dialog->warningText().contains(
                 QStringLiteral("The port column \"unix_nano_timestamp\" holds no port")),
             qPrintable(dialog->warningText()));
    QVERIFY(importButton(*dialog)->isEnabled());
    QVERIFY(dialog->setColumn(FieldRole::DstPort, QStringLiteral("dst_port")));
    QCOMPARE(dialog->warningText(), QString());

    QVERIFY(dialog->setColumn(FieldRole::Dst, QStringLiteral("dst_port")));
    const QString warning = dialog->warningText();
    QVERIFY2(warning.contains(QStringLiteral("rows would be rejected, e.g. line 2: invalid "
                                             "destination address")),
             qPrintable(warning));
    QVERIFY(showsText(*dialog, warning));
    QVERIFY(importButton(*dialog)->isEnabled());
}

// A file whose bytes the case holds already: found when the dialog opens,
// skipped unless the analyst asks to import it again (then forced).
void TestImportDialog::duplicateIsFoundAndCanBeImportedAgain()
{
    const QString path = dataPath(QStringLiteral("csv_sls_connections.csv"));
    const QString other = dataPath(QStringLiteral("tsv_sls_connections.tsv"));
    const FileHash hash = sha256File(path);
    QVERIFY(hash.ok());
    SourceRow source;
    source.id = 7;
    source.path = "/elsewhere/csv_sls_connections.csv";
    source.size = QFileInfo(path).size();
    source.sha256 = hash.value;
    source.importedAtNs = 1'732'000'000'000'000'000;
    SourceRow sameSizeOnly = source;
    sameSizeOnly.id = 8;
    sameSizeOnly.sha256 = std::string(64, '0');

    ImportDialog dialog({path, other}, {sameSizeOnly, source});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTRY_VERIFY(!dialog.isCheckingDuplicates());
    QVERIFY2(dialog.warningText().startsWith(
                 QStringLiteral("Already imported into this case as source 7 "
                                "(csv_sls_connections.csv, 2024-11-19T07:06:40Z).")),
             qPrintable(dialog.warningText()));
    QVERIFY(!dialog.isImportable(0));
    QVERIFY(dialog.isImportable(1));
    QCOMPARE(importButton(dialog)->text(), QStringLiteral("&Import 1 of 2 files"));
    QCOMPARE(dialog.requests().size(), std::size_t(1));
    QCOMPARE(dialog.requests()[0].path, other);
    QVERIFY(!dialog.requests()[0].options.force);

    dialog.setImportAgain(true);
    QVERIFY(dialog.isImportable(0));
    QCOMPARE(importButton(dialog)->text(), QStringLiteral("&Import"));
    const std::vector<ImportRequest> requests = dialog.requests();
    QCOMPARE(requests.size(), std::size_t(2));
    QCOMPARE(requests[0].path, path);
    QVERIFY(requests[0].options.force);
    QVERIFY(!requests[1].options.force);
}

void TestImportDialog::showsFormatIds_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("dstColumn");
    QTest::addColumn<int>("sampleRows");

    QTest::addRow("zeek tsv") << "import_zeek.log"
                              << "zeek-tsv"
                              << "id.resp_h" << -1;
    QTest::addRow("zeek ndjson") << "import_zeek.ndjson"
                                 << "zeek-json"
                                 << "id.resp_h" << -1;
    QTest::addRow("ecs ndjson") << "import_ecs.ndjson"
                                << "ecs"
                                << "destination.ip" << -1;
    QTest::addRow("tsv") << "tsv_sls_connections.tsv"
                         << "tsv"
                         << "dst_addr" << -1;
}

void TestImportDialog::showsFormatIds()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(QString, dstColumn);
    QFETCH(int, sampleRows);
    const auto dialog = open({dataPath(file)});
    QVERIFY(dialog);
    QVERIFY2(dialog->preview(0).error.message().isEmpty(),
             qPrintable(dialog->preview(0).error.message()));
    QCOMPARE(fromStd(dialog->preview(0).format), format);
    QVERIFY2(showsText(*dialog, QStringLiteral("format %1, connections").arg(format)),
             qPrintable(visibleLabels(*dialog).join(u'|')));
    QCOMPARE(roleBox(*dialog, FieldRole::Dst)->currentText(), dstColumn);
    QVERIFY(importButton(*dialog)->isEnabled());
    const auto *sample = dialog->findChild<QTableWidget *>();
    if (sampleRows >= 0)
        QCOMPARE(sample->rowCount(), sampleRows);
    else
        QVERIFY(sample->rowCount() > 0);
    // NDJSON has no columns: its first records show as written.
    if (format.endsWith(QLatin1String("json")) || format == QLatin1String("ecs")) {
        QCOMPARE(sample->columnCount(), 1);
        QCOMPARE(sample->horizontalHeaderItem(0)->text(), QStringLiteral("Record"));
        QVERIFY(sample->item(0, 0)->text().startsWith(QLatin1Char('{')));
    }
}

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
