#!/usr/bin/perl
# Writes the MaxMind-format test databases of tst_mmdbfile into DIR, at test
# time, with Debian's libmaxmind-db-writer-perl (MaxMind's own writer):
#   ea-country.mmdb  GeoLite2-Country's schema (country / registered_country
#                    iso_code), IPv4 aliased into ::ffff:0:0/96 and 2002::/16
#   ea-asn.mmdb      GeoLite2-ASN's schema (autonomous_system_number, _organization)
#   ea-ipinfo.mmdb   IPinfo lite's schema (country_code, asn "AS13335", as_name)
#   ea-v4only.mmdb   an IPv4-only database (ip_version 4): both country and
#                    registered_country, and a bare "13335" asn
#   ea-countryasn.mmdb  IPinfo's older country_asn schema: "country" is the code
#   ea-odd.mmdb      an organisation name with quotes, a backslash and markup
#                    (tst_ownersgui: the charts' labels and filter terms)
#   ea-asn-new.mmdb  a later build (a day on) of ea-asn.mmdb's database type,
#                    with 8.8.8.0/24 renamed and 9.9.9.0/24 added (tst_owners)
# Usage: make_fixtures.pl DIR
use strict;
use warnings;
use MaxMind::DB::Writer::Tree;

my $dir = shift or die "usage: $0 DIR\n";

my %types = (
    country                        => 'map',
    registered_country             => 'map',
    iso_code                       => 'utf8_string',
    autonomous_system_number       => 'uint32',
    autonomous_system_organization => 'utf8_string',
    country_code                   => 'utf8_string',
    asn                            => 'utf8_string',
    as_name                        => 'utf8_string',
);

sub write_db {
    my ($file, $type, $networks, $version, $override, $epoch) = @_;
    $version //= 6;
    my %t = (%types, %{ $override // {} });
    my $tree = MaxMind::DB::Writer::Tree->new(
        ip_version              => $version,
        record_size             => 24,
        database_type           => $type,
        languages               => ['en'],
        description             => { en => "Egress Auditor test data: $type" },
        map_key_type_callback   => sub { $t{ $_[0] } },
        alias_ipv6_to_ipv4      => $version == 6 ? 1 : 0,
        remove_reserved_networks => 0,
    );
    $tree->_set_build_epoch($epoch) if defined $epoch;
    for my $n (@$networks) {
        $tree->insert_network($n->[0], $n->[1]);
    }
    open my $fh, '>:raw', "$dir/$file" or die "$dir/$file: $!\n";
    $tree->write_tree($fh);
    close $fh or die "$dir/$file: $!\n";
}

write_db('ea-country.mmdb', 'EA-Test-Country', [
    ['1.1.1.0/24',      { country => { iso_code => 'AU' } }],
    ['8.8.8.0/24',      { country => { iso_code => 'US' } }],
    ['13.112.0.0/14',   { country => { iso_code => 'JP' } }],
    # An anycast block with only a registered country.
    ['9.9.9.0/24',      { registered_country => { iso_code => 'CH' } }],
    ['2606:4700::/32',  { country => { iso_code => 'US' } }],
    ['2400:cb00::/32',  { country => { iso_code => 'jp' } }],  # lower case in the file
]);
write_db('ea-asn.mmdb', 'EA-Test-ASN', [
    ['1.1.1.0/24',     { autonomous_system_number => 13335,
                         autonomous_system_organization => 'CLOUDFLARENET' }],
    ['8.8.8.0/24',     { autonomous_system_number => 15169,
                         autonomous_system_organization => 'GOOGLE' }],
    ['13.112.0.0/14',  { autonomous_system_number => 16509,
                         autonomous_system_organization => "AMAZON-02\nline" }],
    ['2606:4700::/32', { autonomous_system_number => 13335,
                         autonomous_system_organization => 'CLOUDFLARENET' }],
]);
write_db('ea-asn-new.mmdb', 'EA-Test-ASN', [
    ['1.1.1.0/24',     { autonomous_system_number => 13335,
                         autonomous_system_organization => 'CLOUDFLARENET' }],
    ['8.8.8.0/24',     { autonomous_system_number => 15169,
                         autonomous_system_organization => 'GOOGLE LLC' }],
    ['9.9.9.0/24',     { autonomous_system_number => 19281,
                         autonomous_system_organization => 'QUAD9' }],
], 6, undef, time() + 86400);
write_db('ea-odd.mmdb', 'EA-Test-Odd', [
    ['1.1.1.0/24', { autonomous_system_number => 64500,
                     autonomous_system_organization => 'Odd "AS" \\ <b>bold</b>' }],
]);
write_db('ea-v4only.mmdb', 'EA-Test-IPv4', [
    ['5.1.0.0/16', { country => { iso_code => 'DE' }, registered_country => { iso_code => 'US' } }],
    ['5.2.0.0/16', { asn => '13335', as_name => 'CLOUDFLARENET' }],
], 4);
write_db('ea-countryasn.mmdb', 'ipinfo country_asn.mmdb', [
    ['5.3.0.0/16', { country => 'NL', asn => 'AS1136', as_name => 'KPN B.V.' }],
], 6, { country => 'utf8_string' });
write_db('ea-ipinfo.mmdb', 'ipinfo lite.mmdb', [
    ['1.1.1.0/24',     { country_code => 'AU', asn => 'AS13335', as_name => 'Cloudflare, Inc.' }],
    ['2606:4700::/32', { country_code => 'US', asn => 'AS13335', as_name => 'Cloudflare, Inc.' }],
    ['8.8.8.0/24',     { country_code => 'USA', asn => 'AS15169x', as_name => 'Google LLC' }],
]);
