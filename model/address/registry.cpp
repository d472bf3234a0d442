// The special-purpose address registry as data.
//
// Sources: IANA IPv4 Special-Purpose Address Registry and IANA IPv6
// Special-Purpose Address Registry (one row per block, with the RFC and the
// "Globally Reachable" column), plus the blocks those registries leave to
// others: IPv4 multicast (RFC 5771), IPv6 multicast (RFC 4291) and the parts of
// the IANA IPv6 Address Space registry outside 2000::/3 that are reserved by
// the IETF. The most specific block containing an address decides.
//
// Category rules (issue #2): a block the registry marks globally reachable is
// `global`; a non-reachable block with no category of its own is `reserved`.
// One exception (issue #8): the deprecated 6to4 relay anycast block
// 192.88.99.0/24 is `6to4`, external. RFC 7526 deprecated it, but packets sent
// to it still reach public relays on the internet, the same reason 2002::/16
// and Teredo are external: an egress audit must show them. 192.88.99.2/32
// (6a44, RFC 6751) keeps its own row and stays `reserved`.

#include "address/classifier.h"

#include <array>

namespace ea {

namespace {

using enum Category;
using enum Reachable;

constexpr std::array kBlocks = std::to_array<RegistryBlock>({
    // ---- IPv4 Special-Purpose Address Registry ----
    {"0.0.0.0/8", "\"This network\"", "RFC 791", No, Unspecified},
    {"0.0.0.0/32", "\"This host on this network\"", "RFC 1122", No, Unspecified},
    {"10.0.0.0/8", "Private-Use", "RFC 1918", No, Private},
    {"100.64.0.0/10", "Shared Address Space", "RFC 6598", No, Shared},
    {"127.0.0.0/8", "Loopback", "RFC 1122", No, Loopback},
    {"169.254.0.0/16", "Link Local", "RFC 3927", No, LinkLocal},
    {"172.16.0.0/12", "Private-Use", "RFC 1918", No, Private},
    {"192.0.0.0/24", "IETF Protocol Assignments", "RFC 6890", No, Reserved},
    {"192.0.0.0/29", "IPv4 Service Continuity Prefix", "RFC 7335", No, Reserved},
    {"192.0.0.8/32", "IPv4 dummy address", "RFC 7600", No, Reserved},
    {"192.0.0.9/32", "Port Control Protocol Anycast", "RFC 7723", Yes, Global},
    {"192.0.0.10/32", "Traversal Using Relays around NAT Anycast", "RFC 8155", Yes, Global},
    {"192.0.0.170/32", "NAT64/DNS64 Discovery", "RFC 8880, RFC 7050", No, Reserved},
    {"192.0.0.171/32", "NAT64/DNS64 Discovery", "RFC 8880, RFC 7050", No, Reserved},
    {"192.0.2.0/24", "Documentation (TEST-NET-1)", "RFC 5737", No, Documentation},
    {"192.31.196.0/24", "AS112-v4", "RFC 7535", Yes, Global},
    {"192.52.193.0/24", "AMT", "RFC 7450", Yes, Global},
    {"192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", "RFC 7526", NotApplicable, SixToFour},
    {"192.88.99.2/32", "6a44-relay anycast address", "RFC 6751", No, Reserved},
    {"192.168.0.0/16", "Private-Use", "RFC 1918", No, Private},
    {"192.175.48.0/24", "Direct Delegation AS112 Service", "RFC 7534", Yes, Global},
    {"198.18.0.0/15", "Benchmarking", "RFC 2544", No, Benchmarking},
    {"198.51.100.0/24", "Documentation (TEST-NET-2)", "RFC 5737", No, Documentation},
    {"203.0.113.0/24", "Documentation (TEST-NET-3)", "RFC 5737", No, Documentation},
    {"240.0.0.0/4", "Reserved", "RFC 1112", No, Reserved},
    {"255.255.255.255/32", "Limited Broadcast", "RFC 8190, RFC 919", No, Broadcast},
    // ---- IPv4 multicast (IANA IPv4 Multicast Address Space registry) ----
    {"224.0.0.0/4", "Multicast", "RFC 5771", No, Multicast},

    // ---- IPv6 Special-Purpose Address Registry ----
    {"::1/128", "Loopback Address", "RFC 4291", No, Loopback},
    {"::/128", "Unspecified Address", "RFC 4291", No, Unspecified},
    {"::ffff:0:0/96", "IPv4-mapped Address", "RFC 4291", No, Reserved, true},
    {"64:ff9b::/96", "IPv4-IPv6 Translat.", "RFC 6052", Yes, Global, true},
    {"64:ff9b:1::/48", "IPv4-IPv6 Translat.", "RFC 8215", No, Reserved},
    {"100::/64", "Discard-Only Address Block", "RFC 6666", No, Reserved},
    {"100:0:0:1::/64", "Dummy IPv6 Prefix", "RFC 9780", No, Reserved},
    {"2001::/23", "IETF Protocol Assignments", "RFC 2928", No, Reserved},
    {"2001::/32", "TEREDO", "RFC 4380, RFC 8190", NotApplicable, Teredo},
    {"2001:1::1/128", "Port Control Protocol Anycast", "RFC 7723", Yes, Global},
    {"2001:1::2/128", "Traversal Using Relays around NAT Anycast", "RFC 8155", Yes, Global},
    {"2001:1::3/128", "DNS-SD Service Registration Protocol Anycast", "RFC 9665", Yes, Global},
    {"2001:2::/48", "Benchmarking", "RFC 5180, RFC Errata 1752", No, Benchmarking},
    {"2001:3::/32", "AMT", "RFC 7450", Yes, Global},
    {"2001:4:112::/48", "AS112-v6", "RFC 7535", Yes, Global},
    {"2001:10::/28", "Deprecated (previously ORCHID)", "RFC 4843", NotApplicable, Reserved},
    {"2001:20::/28", "ORCHIDv2", "RFC 7343", Yes, Global},
    {"2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix", "RFC 9374", Yes, Global},
    {"2001:db8::/32", "Documentation", "RFC 3849", No, Documentation},
    {"2002::/16", "6to4", "RFC 3056", NotApplicable, SixToFour},
    {"2620:4f:8000::/48", "Direct Delegation AS112 Service", "RFC 7534", Yes, Global},
    {"3fff::/20", "Documentation", "RFC 9637", No, Documentation},
    {"5f00::/16", "Segment Routing (SRv6) SIDs", "RFC 9602", No, Reserved},
    {"fc00::/7", "Unique-Local", "RFC 4193, RFC 8190", No, UniqueLocal},
    {"fe80::/10", "Link-Local Unicast", "RFC 4291", No, LinkLocal},
    // ---- IPv6 multicast (RFC 4291 section 2.7) ----
    {"ff00::/8", "Multicast", "RFC 4291", No, Multicast},

    // ---- IANA IPv6 Address Space: IETF-reserved space outside 2000::/3 ----
    // Unicast that no special block above covers is not routable on the
    // internet today, whatever a naive "not private" test says.
    {"::/8", "Reserved by IETF", "RFC 4291", No, Reserved},
    {"100::/8", "Reserved by IETF", "RFC 4291", No, Reserved},
    {"200::/7", "Reserved by IETF", "RFC 4048", No, Reserved},
    {"400::/6", "Reserved by IETF", "RFC 4291", No, Reserved},
    {"800::/5", "Reserved by IETF", "RFC 4291", No, Reserved},
    {"1000::/4", "Reserved by IETF", "RFC 4291", No, Reserved},
    {"4000::/3", "Reserved by IETF", "RFC 4291", No, Reserved},
    {"6000::/3", "Reserved by IETF", "RFC 4291", No, Reserved},
    {"8000::/3", "Reserved by IETF", "RFC 4291", No, Reserved},
    {"a000::/3", "Reserved by IETF", "RFC 4291", No, Reserved},
    {"c000::/3", "Reserved by IETF", "RFC 4291", No, Reserved},
    {"e000::/4", "Reserved by IETF", "RFC 4291", No, Reserved},
    {"f000::/5", "Reserved by IETF", "RFC 4291", No, Reserved},
    {"f800::/6", "Reserved by IETF", "RFC 4291", No, Reserved},
    {"fe00::/9", "Reserved by IETF", "RFC 4291", No, Reserved},
    {"fec0::/10", "Deprecated site-local", "RFC 3879", No, Reserved},
});

} // namespace

std::span<const RegistryBlock> registryBlocks() noexcept
{
    return kBlocks;
}

} // namespace ea
