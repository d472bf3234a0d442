#include "export/classifyexport.h"

#include "address/addresstext.h"
#include "address/classifier.h"
#include "core/csvwriter.h"

namespace ea {

void writeClassifyHeader(CsvWriter &csv)
{
    for (std::string_view name : {"input", "valid", "family", "canonical", "expanded", "category",
                                  "external", "block", "reason"})
        csv.field(name);
    csv.endRow();
}

void writeClassifyRow(CsvWriter &csv, std::string_view input, const Classifier &classifier)
{
    const ParseResult parsed = parseAddress(input);
    if (!parsed.ok()) {
        writeClassifyErrorRow(csv, input, parseErrorText(parsed.error));
        return;
    }
    csv.field(input);
    const Classification c = classifier.classify(parsed.address);
    char text[kMaxAddressText];
    csv.field("true");
    csv.field(parsed.address.family == Family::IPv4 ? "ipv4" : "ipv6");
    csv.field({text, formatAddress(parsed.address, TextForm::Canonical, text)});
    csv.field({text, formatAddress(parsed.address, TextForm::Expanded, text)});
    csv.field(categoryId(c.category));
    csv.field(c.external() ? "true" : "false");
    csv.field(c.block ? c.block->prefix : std::string_view {});
    csv.field({});
    csv.endRow();
}

void writeClassifyErrorRow(CsvWriter &csv, std::string_view input, std::string_view reason)
{
    csv.field(input);
    csv.field("false");
    for (int k = 0; k < 6; ++k)
        csv.field({});
    csv.field(reason);
    csv.endRow();
}

} // namespace ea
