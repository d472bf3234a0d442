#pragma once

#include "latestrequest.h"

#include <QWidget>

#include <cstdint>

class QTableView;

namespace ea {

class CaseSession;
struct RejectedRow;
template<typename Row> class RowsTableModel;

// The rows the imports refused, with file, line, reason and raw text. A
// garbage file can reject millions of rows of up to 4 KiB each: the page
// holds the first kMaxShown and counts the rest (the CLI's `rejected` lists
// them all).
class RejectedPage final : public QWidget
{
    Q_OBJECT

public:
    explicit RejectedPage(CaseSession &session, QWidget *parent = nullptr);
    ~RejectedPage() override;

    // Reads the case's rejected rows on a pool thread; empty when no case is open.
    void reload();
    [[nodiscard]] bool isLoading() const noexcept { return m_pending > 0; }
    [[nodiscard]] QTableView *view() const noexcept { return m_view; }
    // For the status bar while this tab is in view; changes with the title.
    [[nodiscard]] QString countsText() const;

Q_SIGNALS:
    // The tab title with the count: "Rejected rows (12)".
    void titleChanged(const QString &title);
    void errorOccurred(const QString &message);

private:
    CaseSession &m_session;
    RowsTableModel<RejectedRow> *m_model = nullptr;
    QTableView *m_view = nullptr;
    int m_pending = 0;
    std::int64_t m_total = 0;
    LatestRequest m_request;
};

} // namespace ea
