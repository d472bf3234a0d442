// The quick filter's one read of the case: the destinations its process:,
// host: and source: terms name (DestinationFilter::readIdSets(), on a pool
// thread). Apart from destinationfilter.cpp, which parses and matches
// without touching the case.

#include "review/destinationfilter.h"

namespace ea {

Result<DestinationFilter::IdSets> DestinationFilter::readIdSets(CaseQueries &queries) const
{
    Result<IdSets> result;
    const auto add
        = [&result](RowsResult<std::int64_t> ids, std::vector<std::vector<std::int64_t>> &into) {
              if (!ids.ok()) {
                  result.error = std::move(ids.error);
                  return false;
              }
              into.push_back(std::move(ids.value));
              return true;
          };
    for (const std::string &text : m_processTexts) {
        if (!add(queries.destinationIdsWithProcess(text), result.value.process))
            return result;
    }
    for (const std::string &text : m_hostTexts) {
        if (!add(queries.destinationIdsWithHost(text), result.value.host))
            return result;
    }
    for (const Cidr &block : m_sourceBlocks) {
        if (!add(queries.destinationIdsWithSource(block), result.value.source))
            return result;
    }
    return result;
}

} // namespace ea
