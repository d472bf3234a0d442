// The end-to-end reference of bench_import.py: DuckDB reads the CSV export and
// groups it by destination (events, first and last time), the same answer as
// `egress-auditor-cli import` followed by `destinations --all`.
// Usage: node duckdb_destinations.mjs FILE.csv   (prints the destination count)
// Test-only: @duckdb/node-api is installed by bench_import.py with `npm ci`.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
if (!file) {
    console.error('usage: node duckdb_destinations.mjs FILE.csv');
    process.exit(2);
}
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const prepared = await connection.prepare(
    'SELECT dst_addr, count(*) AS events, min(unix_nano_timestamp) AS first_seen, ' +
    'max(unix_nano_timestamp) AS last_seen FROM read_csv($1, header = true) GROUP BY dst_addr');
prepared.bindVarchar(1, file);
const reader = await prepared.runAndReadAll();
// Every row is materialised in the client, as the CLI prints every row.
let rows = 0;
for (const chunk of reader.chunks) rows += chunk.rowCount;
console.log(String(rows));
