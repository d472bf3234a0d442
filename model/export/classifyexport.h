#pragma once

#include <string_view>

namespace ea {

class Classifier;
class CsvWriter;

// The `egress-auditor-cli classify` output: a contract read by scripts, so the
// column names and value spellings never change.
//   input,valid,family,canonical,expanded,category,external,block,reason
void writeClassifyHeader(CsvWriter &csv);
// One row for one input text; for an invalid input only input, valid=false
// and reason are filled.
void writeClassifyRow(CsvWriter &csv, std::string_view input, const Classifier &classifier);
// The row of an input refused before parsing (e.g. a line too long to read),
// shaped like an invalid input's row.
void writeClassifyErrorRow(CsvWriter &csv, std::string_view input, std::string_view reason);

} // namespace ea
