// Stand-ins for Trino's two IP functions, for running an emitted data-lake
// query in DuckDB (which has no IPADDRESS type without a downloaded extension):
//   TRY_CAST(text AS IPADDRESS)  ->  ea_ipaddress(text): the address as Trino's
//       CAST(ip AS varchar) prints it, or NULL where the cast fails;
//   contains(cidr, ip)           ->  ea_contains(cidr, text).
// They follow the code Trino runs (io.trino.type.IpAddressOperators and
// io.trino.operator.scalar.IpAddressFunctions over Guava's InetAddresses):
// a value is 16 bytes, an IPv4-mapped one is IPv4 (java.net.InetAddress turns
// it into an Inet4Address), and contains() is false across families.
// Written from those rules, not from Egress Auditor's parser, so that the
// proof compares two independent readings of the same addresses.

function parseV4(text) {
    const parts = text.split('.');
    if (parts.length !== 4)
        return null;
    const bytes = [];
    for (const part of parts) {
        // Guava: 1-3 decimal digits, no leading zero.
        if (!/^[0-9]{1,3}$/.test(part) || (part.length > 1 && part[0] === '0'))
            return null;
        const value = Number(part);
        if (value > 255)
            return null;
        bytes.push(value);
    }
    return bytes;
}

function parseV6(text) {
    // A dotted quad at the end becomes two hex groups (Guava's
    // convertDottedQuadToHex).
    if (text.includes('.')) {
        const colon = text.lastIndexOf(':');
        const quad = parseV4(text.slice(colon + 1));
        if (!quad)
            return null;
        const hex = (a, b) => ((a << 8) | b).toString(16);
        text = text.slice(0, colon + 1) + hex(quad[0], quad[1]) + ':' + hex(quad[2], quad[3]);
    }
    const colons = text.split(':').length - 1;
    if (colons < 2 || colons > 8)
        return null;
    const skip = text.indexOf('::');
    if (skip !== text.lastIndexOf('::') || text.includes(':::'))
        return null;
    if (text[0] === ':' && text[1] !== ':')
        return null;
    if (text[text.length - 1] === ':' && text[text.length - 2] !== ':')
        return null;
    const groups = [];
    const readGroups = (part) => {
        if (part === '')
            return [];
        return part.split(':').map((g) => (/^[0-9a-fA-F]{1,4}$/.test(g) ? parseInt(g, 16) : NaN));
    };
    let all;
    if (skip >= 0) {
        const head = readGroups(text.slice(0, skip));
        const tail = readGroups(text.slice(skip + 2));
        const missing = 8 - head.length - tail.length;
        if (missing < 1)
            return null; // '::' stands for one zero group at least
        all = [...head, ...new Array(missing).fill(0), ...tail];
    } else {
        all = readGroups(text);
        if (all.length !== 8)
            return null;
    }
    if (all.some((g) => Number.isNaN(g)))
        return null;
    for (const g of all)
        groups.push(g >> 8, g & 0xff);
    return groups;
}

// 16 bytes, or null: Guava's InetAddresses.forString for the text the query
// casts, which holds only ASCII hex digits, '.' and ':' (the query takes off
// the blanks, brackets and zone id the import allows and gives NULL for
// anything else). Guava would also read Unicode digits and a scope id; the
// query never lets those through, so they are refused here to notice if it
// ever did.
export function parseAddress(text) {
    if (typeof text !== 'string' || text.length === 0)
        return null;
    if (!/^[0-9a-fA-F.:]+$/.test(text))
        throw new Error('the query cast text it should have refused: ' + JSON.stringify(text));
    if (text.includes(':')) {
        const dot = text.indexOf('.');
        if (dot >= 0 && text.indexOf(':', dot) >= 0)
            return null; // a colon after a dot
        return parseV6(text);
    }
    const v4 = parseV4(text);
    return v4 ? [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4] : null;
}

function isMapped(bytes) {
    for (let i = 0; i < 10; ++i) {
        if (bytes[i] !== 0)
            return false;
    }
    return bytes[10] === 0xff && bytes[11] === 0xff;
}

// As Trino's CAST(ip AS varchar): dotted IPv4, else RFC 5952 (Guava's
// toAddrString: the longest run of two or more zero groups, the first on a
// tie, becomes '::').
export function formatAddress(bytes) {
    if (isMapped(bytes))
        return bytes.slice(12).join('.');
    const groups = [];
    for (let i = 0; i < 16; i += 2)
        groups.push((bytes[i] << 8) | bytes[i + 1]);
    let bestStart = -1;
    let bestLength = 0;
    for (let i = 0; i < 8;) {
        if (groups[i] !== 0) {
            ++i;
            continue;
        }
        let j = i;
        while (j < 8 && groups[j] === 0)
            ++j;
        if (j - i > bestLength) {
            bestStart = i;
            bestLength = j - i;
        }
        i = j;
    }
    const hex = (list) => list.map((g) => g.toString(16)).join(':');
    if (bestLength < 2)
        return hex(groups);
    return hex(groups.slice(0, bestStart)) + '::' + hex(groups.slice(bestStart + bestLength));
}

export function tryCastIpAddress(text) {
    const bytes = parseAddress(text);
    return bytes ? formatAddress(bytes) : null;
}

// Trino's contains(network, address); throws where Trino fails the query.
export function contains(cidr, address) {
    const slash = cidr.indexOf('/');
    if (slash < 0)
        throw new Error('Invalid CIDR: ' + cidr);
    const base = parseAddress(cidr.slice(0, slash));
    if (!base)
        throw new Error('Invalid network IP address: ' + cidr);
    const prefix = Number(cidr.slice(slash + 1));
    const baseIsV4 = isMapped(base);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (baseIsV4 ? 32 : 128))
        throw new Error('Invalid prefix length: ' + cidr);
    const ip = parseAddress(address);
    if (!ip)
        throw new Error('Invalid IP address: ' + address);
    if (isMapped(ip) !== baseIsV4)
        return false;
    const offset = baseIsV4 ? 96 : 0;
    const bits = offset + prefix;
    if (baseIsV4) {
        // Trino refuses an IPv4 network with host bits set.
        for (let bit = bits; bit < 128; ++bit) {
            if ((base[bit >> 3] >> (7 - (bit & 7))) & 1)
                throw new Error('Invalid CIDR: ' + cidr);
        }
    }
    for (let bit = offset; bit < bits; ++bit) {
        const mask = 1 << (7 - (bit & 7));
        if ((base[bit >> 3] & mask) !== (ip[bit >> 3] & mask))
            return false;
    }
    return true;
}
