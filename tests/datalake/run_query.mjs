// Checks an emitted data-lake query and runs it on a CSV export:
//   node --import ./register.mjs run_query.mjs QUERY.sql CONNECTIONS.csv OUT.csv
// 1. The query must parse with the Trino grammar of dt-sql-parser (TrinoSQL):
//    every syntax error is printed and the exit status is 1.
// 2. It then runs in DuckDB over the CSV (read as text, as a data lake's CSV
//    table holds it) under the table name `connections`, with exactly two
//    changes, the only differences from what Trino runs: TRY_CAST(… AS
//    IPADDRESS) and contains(…) call the stand-ins of trino_ip.mjs. The
//    result is written to OUT.csv with a header.
import fs from 'node:fs';
import { TrinoSQL } from 'dt-sql-parser';
import { DuckDBInstance, DuckDBScalarFunction, VARCHAR, BOOLEAN } from '@duckdb/node-api';
import { tryCastIpAddress, contains } from './trino_ip.mjs';

const [queryPath, csvPath, outPath] = process.argv.slice(2);
if (!outPath) {
    console.error('usage: run_query.mjs QUERY.sql CONNECTIONS.csv OUT.csv');
    process.exit(2);
}
const sql = fs.readFileSync(queryPath, 'utf8');

const errors = new TrinoSQL().validate(sql);
for (const e of errors)
    console.error(`${queryPath}:${e.startLine}:${e.startColumn}: ${e.message}`);
if (errors.length > 0)
    process.exit(1);

// The closing parenthesis that matches the one at `open`, outside string
// literals and comments.
function matching(text, open) {
    let depth = 0;
    for (let i = open; i < text.length; ++i) {
        const c = text[i];
        if (c === "'") {
            i = text.indexOf("'", i + 1);
            while (text[i + 1] === "'")
                i = text.indexOf("'", i + 2);
        } else if (c === '-' && text[i + 1] === '-') {
            i = text.indexOf('\n', i);
        } else if (c === '(') {
            ++depth;
        } else if (c === ')' && --depth === 0) {
            return i;
        }
    }
    throw new Error('unbalanced parentheses at ' + open);
}

function rewriteCasts(text) {
    let count = 0;
    for (let at = text.indexOf('TRY_CAST('); at >= 0; at = text.indexOf('TRY_CAST(', at + 1)) {
        const open = at + 'TRY_CAST'.length;
        const close = matching(text, open);
        const inner = text.slice(open + 1, close);
        const suffix = inner.match(/\s+AS\s+IPADDRESS\s*$/i);
        if (!suffix)
            continue;
        const operand = inner.slice(0, inner.length - suffix[0].length);
        text = text.slice(0, at) + 'ea_ipaddress(' + operand + ')' + text.slice(close + 1);
        ++count;
    }
    return { text, count };
}

const casts = rewriteCasts(sql);
let duck = casts.text;
const containsCalls = (duck.match(/\bcontains\(/g) || []).length;
duck = duck.replace(/\bcontains\(/g, 'ea_contains(');
if (casts.count === 0 || containsCalls === 0 || /\bIPADDRESS\b/i.test(duck)) {
    console.error(`${queryPath}: expected TRY_CAST(… AS IPADDRESS) and contains() only ` +
                  `(rewrote ${casts.count} casts, ${containsCalls} contains calls)`);
    process.exit(1);
}

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
connection.registerScalarFunction(DuckDBScalarFunction.create({
    name: 'ea_ipaddress',
    returnType: VARCHAR,
    parameterTypes: [VARCHAR],
    mainFunction: (info, input, output) => {
        const v = input.getColumnVector(0);
        for (let row = 0; row < input.rowCount; ++row)
            output.setItem(row, tryCastIpAddress(v.getItem(row)));
        output.flush();
    },
}));
connection.registerScalarFunction(DuckDBScalarFunction.create({
    name: 'ea_contains',
    returnType: BOOLEAN,
    parameterTypes: [VARCHAR, VARCHAR],
    mainFunction: (info, input, output) => {
        const cidrs = input.getColumnVector(0);
        const addresses = input.getColumnVector(1);
        for (let row = 0; row < input.rowCount; ++row)
            output.setItem(row, contains(cidrs.getItem(row), addresses.getItem(row)));
        output.flush();
    },
}));
const quoted = (s) => "'" + s.replaceAll("'", "''") + "'";
await connection.run(`CREATE VIEW connections AS SELECT * FROM read_csv(${quoted(csvPath)}, ` +
                     `header = true, all_varchar = true, quote = '"', escape = '"', ` +
                     `strict_mode = false, null_padding = true)`);
const body = duck.replace(/;\s*$/, '');
await connection.run(`COPY (${body}) TO ${quoted(outPath)} (HEADER, DELIMITER ',')`);
console.log(`${queryPath}: parsed by TrinoSQL; ran in DuckDB with ${casts.count} cast and ` +
            `${containsCalls} contains() stand-ins`);
