// DestinationsPage, reading its rows: the load of a case (its first rows,
// then the whole table) and the quick filter's process:/host:/source: id sets, all
// on pool threads. The widgets, drill-down and menus are in
// destinationspage.cpp.

#include "destinationspage.h"

#include "background.h"
#include "casesession.h"
#include "destinationsmodel.h"
#include "tableviews.h"

#include "review/destinationorder.h"
#include "review/destinationsnapshot.h"
#include "storage/casequeries.h"
#include "storage/marks.h"

#include <QLabel>
#include <QLineEdit>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ea {

namespace {

// Rows read for the first screen of a case being opened: after the toggles
// hide internal and reviewed ones, enough remain to fill a tall window
// (fewer when most of the busiest are internal; never wrong ones).
constexpr int kFirstRows = 2000;

} // namespace

void DestinationsPage::reload()
{
    if (!m_session.isOpen()) {
        m_loadRequest.invalidate();
        m_loading = false;
        m_model->clear();
        m_shownCase.clear();
        showDrillDown();
        return;
    }
    m_loading = true;
    const LatestRequest::Ticket generation = m_loadRequest.next();
    const QString casePath = m_session.path();
    // The rows, their review, sort and order, all on the pool thread: the
    // GUI thread only swaps them in. process:/host:/source: terms are run again
    // after the load (they depend on the events).
    std::shared_ptr<const MarkIndex> marks = m_session.markIndex();
    DestinationsModel::LoadRequest request = m_model->loadRequest();
    // process:/host:/source: terms depend on the events: without their id sets they
    // match no row (never rows the filter does not select) until
    // applyFilterNow() has read the sets again.
    const DestinationFilter &filter = request.view.filter;
    const bool needsIds = filter.needsIdSets();
    if (needsIds)
        request.view.sets = {};
    // A case not shown yet: its first rows first (a fraction of a second
    // where the whole table takes one or more), read beside the full load.
    if (!needsIds && (casePath != m_shownCase || !m_model->snapshot())) {
        m_session.run(
            [marks, request](CaseQueries &queries) {
                Result<DestinationsModel::Loaded> result;
                Result<std::shared_ptr<const DestinationSnapshot>> read
                    = readFirstRows(queries, request.sort, kFirstRows);
                if (!read.ok()) {
                    result.error = read.error;
                } else if (read.value) {
                    result.value = DestinationsModel::load(std::move(read.value), marks, request);
                    result.value.partial = true;
                }
                return result;
            },
            this,
            [this, generation, casePath](Result<DestinationsModel::Loaded> result) {
                // Late (the full load is in), failed (the full load will say
                // why) or no such read for the sort: nothing to show.
                if (!m_loadRequest.isCurrent(generation) || !m_loading || !result.ok()
                    || !result.value.snapshot)
                    return;
                // The case is shown now: a row chosen among its first rows
                // stays chosen when the whole table lands.
                m_shownCase = casePath;
                m_model->setLoaded(std::move(result.value));
                if (m_model->snapshot() && m_model->snapshot()->anyTimesZoneUnknown())
                    widenColumns(
                        m_table,
                        {DestinationsModel::FirstSeenColumn, DestinationsModel::LastSeenColumn},
                        zoneUnknownSample());
                showDrillDown();
                updateCounts();
            });
    }
    m_session.run(
        [marks, request](CaseQueries &queries) {
            Result<DestinationsModel::Loaded> result;
            Result<std::shared_ptr<const DestinationSnapshot>> read
                = DestinationSnapshot::read(queries);
            if (!read.ok()) {
                result.error = read.error;
                return result;
            }
            result.value = DestinationsModel::load(std::move(read.value), marks, request);
            queries.releaseCacheMemory();
            releaseFreePages();
            return result;
        },
        this,
        [this, generation, casePath, needsIds](Result<DestinationsModel::Loaded> result) {
            if (!m_loadRequest.isCurrent(generation))
                return;
            m_loading = false;
            if (!result.ok()) {
                Q_EMIT errorOccurred(result.error.message());
                return;
            }
            // The selection as it is now (it may have moved while the rows
            // loaded); only within the same case.
            const std::optional<std::int64_t> current
                = casePath == m_shownCase ? currentDestination() : std::nullopt;
            m_shownCase = casePath;
            m_model->setLoaded(std::move(result.value));
            if (m_model->snapshot() && m_model->snapshot()->anyTimesZoneUnknown())
                widenColumns(
                    m_table,
                    {DestinationsModel::FirstSeenColumn, DestinationsModel::LastSeenColumn},
                    zoneUnknownSample());
            if (needsIds)
                applyFilterNow();
            if (!current || !selectDestination(*current, false))
                showDrillDown(); // a reset leaves no current row: clear it
            updateCounts();
            Q_EMIT loaded();
        });
}

bool DestinationsPage::isPartial() const
{
    return m_model->isPartial();
}

bool DestinationsPage::isLoading() const
{
    return m_loading || m_filterPending || m_drillPending > 0 || m_model->isBusy();
}

void DestinationsPage::applyFilterNow()
{
    m_debounce.stop();
    DestinationFilter filter = DestinationFilter::parse(m_filter->text().toStdString());
    const QString error = filter.error().message();
    m_filterError->setText(error);
    m_filterError->setVisible(!error.isEmpty());
    m_filter->setToolTip(error);
    const LatestRequest::Ticket generation = m_filterRequest.next();
    if (!filter.needsIdSets()) {
        m_filterPending = false;
        setFilter(std::move(filter), {});
        return;
    }
    if (m_session.isImporting()) {
        // process:, host: and source: read the events, which the import is writing:
        // the reload after the import applies the filter.
        m_filterPending = false;
        return;
    }
    // process:, host: and source: need the events: ask SQLite off the GUI thread.
    m_filterPending = true;
    // A copy for the worker (the reply takes the filter itself).
    auto terms = std::make_shared<const DestinationFilter>(filter);
    m_session.run(
        [terms](CaseQueries &queries) {
            RowsResult<DestinationFilter::IdSets> result;
            Result<DestinationFilter::IdSets> sets = terms->readIdSets(queries);
            if (!sets.ok())
                result.error = std::move(sets.error);
            else
                result.value.push_back(std::move(sets.value));
            return result;
        },
        this,
        [this, generation,
         filter = std::move(filter)](RowsResult<DestinationFilter::IdSets> result) mutable {
            if (!m_filterRequest.isCurrent(generation))
                return; // the analyst typed on meanwhile
            m_filterPending = false;
            if (!result.ok() || result.value.empty()) {
                // Without its id sets the filter matches nothing: never the
                // old filter's rows under the new text.
                m_filterError->setText(result.error.message());
                m_filterError->setVisible(true);
                setFilter(std::move(filter), {});
                return;
            }
            setFilter(std::move(filter), std::move(result.value.front()));
        });
}

void DestinationsPage::setFilter(DestinationFilter filter, DestinationFilter::IdSets sets)
{
    DestinationView view = m_model->view();
    view.filter = std::move(filter);
    view.sets = std::move(sets);
    m_model->setView(std::move(view));
}

} // namespace ea
