#pragma once

#include "address/cidr.h"
#include "core/error.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ea {

// The files a known list is read from:
//  - Text: one address or CIDR block per line; '#' starts a comment (a whole
//    line or the rest of one); blank lines are skipped.
//  - Csv: a header naming an address or block column (cidr, network, prefix,
//    ip_prefix, subnet, range, address, ip, addr, ip_address) and optionally a
//    label column (label, name, description, comment, tag, service); without
//    such a header, the first column is the block and the second the label.
//  - Aws: ip-ranges.json (prefixes[].ip_prefix, ipv6_prefixes[].ipv6_prefix
//    with service and region); the label is "AWS <service> <region>".
//  - Azure: Service Tags JSON (values[].properties.addressPrefixes); the
//    label is the tag's name ("Storage.JapanEast").
//  - Google: cloud.json (prefixes[].ipv4Prefix / ipv6Prefix with service and
//    scope); the label is "Google <service> <scope>".
// Auto tells them apart by content. The files are untrusted: every line or
// entry that is no block (or a block with host bits set, or a zone) is
// counted and reported with its line and reason, and the rest is kept.
//
// A block listed twice keeps one label: in the JSON formats the label of the
// smallest group that names it, where the providers' superset groups (AWS's
// AMAZON, Azure's AzureCloud and AzureCloud.<region>, which list every block
// of the other groups again) lose to any other: the narrower name says more.
// In text and CSV the first label wins.
enum class KnownListFormat : std::uint8_t { Auto, Text, Csv, Aws, Azure, Google };

[[nodiscard]] std::string_view knownListFormatId(KnownListFormat format) noexcept;
// "auto", "text", "csv", "aws", "azure", "google"; false when none.
[[nodiscard]] bool knownListFormatFromId(std::string_view id, KnownListFormat &format) noexcept;

struct KnownListFile
{
    Q_DECLARE_TR_FUNCTIONS(ea::KnownListFile)

public:
    struct Problem
    {
        std::int64_t line = 0; // 1-based; 0 in JSON, where the reason names the entry
        QString reason;
    };

    KnownListFormat format = KnownListFormat::Auto; // the one read
    std::string version; // the provider's (syncToken, createDate, changeNumber), or empty
    std::vector<LabelledBlock> entries; // distinct blocks, in file order
    std::int64_t duplicates = 0; // blocks listed again (not in entries)
    std::vector<Problem> problems; // the first kMaxProblems, in file order
    std::int64_t rejected = 0; // all of them
    Error error; // the file as a whole could not be read: nothing in entries

    [[nodiscard]] bool ok() const noexcept { return error.isNull(); }

    static constexpr std::size_t kMaxProblems = 1000;
    // More blocks than any provider publishes (AWS: ~10,000; Azure: ~60,000;
    // the largest IOC feeds: a few hundred thousand) are refused: every block
    // costs memory when read and at each look-up of the case.
    static constexpr std::size_t kMaxEntries = 2'000'000;
    // Provider range files are a few megabytes; a larger file is refused.
    static constexpr qint64 kMaxFileSize = 256LL * 1024 * 1024;

    // Reads the file (a regular file only).
    [[nodiscard]] static KnownListFile read(const QString &path,
                                            KnownListFormat format = KnownListFormat::Auto);
    // Parses bytes already read; name is used in messages.
    [[nodiscard]] static KnownListFile parse(std::string_view bytes, KnownListFormat format,
                                             const QString &name);
};

} // namespace ea
