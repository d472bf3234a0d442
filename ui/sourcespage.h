#pragma once

#include "latestrequest.h"

#include <QWidget>

class QTableView;

namespace ea {

class CaseSession;
struct SourceRow;
template<typename Row> class RowsTableModel;

// Every file imported into the case: format, counts, hash, time, and what
// the import noted about it (times read as UTC from a log that names no
// zone, times that look relative, …), so that a reopened case still says
// why its times or counts look as they do.
class SourcesPage final : public QWidget
{
    Q_OBJECT

public:
    explicit SourcesPage(CaseSession &session, QWidget *parent = nullptr);
    ~SourcesPage() override;

    // Reads the case's sources on a pool thread; empty when no case is open.
    void reload();
    // Makes room in the Imported column for times as now shown (UTC or local).
    void widenTimeColumns();
    [[nodiscard]] bool isLoading() const noexcept { return m_pending > 0; }
    [[nodiscard]] QTableView *view() const noexcept { return m_view; }
    // The sources as last read (the import dialog compares new files with them).
    [[nodiscard]] std::vector<SourceRow> rows() const;
    // For the status bar while this tab is in view; changes with the title.
    [[nodiscard]] QString countsText() const;

    // The Notes column.
    static constexpr int kNotesColumn = 2;
    static constexpr int kImportedColumn = 8;

Q_SIGNALS:
    // The tab title with the number of notes: "S&ources (2 notes)".
    void titleChanged(const QString &title);
    void errorOccurred(const QString &message);

private:
    CaseSession &m_session;
    RowsTableModel<SourceRow> *m_model = nullptr;
    QTableView *m_view = nullptr;
    int m_pending = 0;
    qsizetype m_notes = 0;
    LatestRequest m_request;
};

} // namespace ea
