#pragma once

namespace ea {

class CsvWriter;
struct DestinationRow;
struct SeedRow;

// The destinations list as CSV: a contract read by scripts, so the columns
// and value spellings never change.
//   address,expanded,family,category,external,status,connections,processes,
//   hosts,ports,first_seen,last_seen,note,bytes_out,bytes_in,direction,lists,
//   country,asn,as_org
// bytes_out, bytes_in and direction came with case format 5, after the
// columns scripts already read: bytes as exact decimal counts, empty when no
// event named them; direction outbound, inbound or both, empty when unknown
// (an older case). lists came with format 7: the known lists that hold the
// address, "name: label" joined with "; ", empty for none. country, asn
// and as_org came with format 9: who holds the address by the MaxMind-format
// databases the case looked it up in (ISO 3166 code, AS number, AS
// organisation), empty when unknown.
// `address` is canonical; times are ISO 8601 UTC with a Z; booleans true/false.
void writeDestinationsHeader(CsvWriter &csv);
void writeDestinationRow(CsvWriter &csv, const DestinationRow &row);

// The data-lake query's columns: expanded_address,dst_addr,process_uuid.
void writeSeedHeader(CsvWriter &csv);
void writeSeedRow(CsvWriter &csv, const SeedRow &row);

} // namespace ea
