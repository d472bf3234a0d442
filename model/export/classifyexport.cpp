#include "classifyexport.h"

#include "address/addresstext.h"
#include "address/classifier.h"
#include "csvwriter.h"

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
    csv.field(input);
    const ParseResult parsed = parseAddress(input);
    if (!parsed.ok()) {
        csv.field("false");
        for (int k = 0; k < 6; ++k)
            csv.field({});
        csv.field(parseErrorText(parsed.error));
        csv.endRow();
        return;
    }
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

} // namespace ea
