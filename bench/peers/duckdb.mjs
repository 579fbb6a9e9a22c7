// Runs bench/peers/duckdb.sql with DuckDB (the @duckdb/node-api package) on a CSV file and writes
// one "case_id<TAB>rule_id" line per finding.
//
//   node duckdb.mjs CASES.csv OUT.tsv        (DUCKDB_THREADS=n to set DuckDB's threads)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node duckdb.mjs CASES.csv OUT.tsv');
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const sql = fs.readFileSync(path.join(here, 'duckdb.sql'), 'utf8').replaceAll('${CSV}', path.resolve(input).replaceAll("'", "''"));
const options = process.env.DUCKDB_THREADS ? { threads: String(process.env.DUCKDB_THREADS) } : {};
const instance = await DuckDBInstance.create(':memory:', options);
const con = await instance.connect();
// The file holds several statements; the last one is the query whose rows are the findings.
const statements = await con.extractStatements(sql);
let reader = null;
for (let k = 0; k < statements.count; k++) {
  const prepared = await statements.prepare(k);
  if (k < statements.count - 1) await prepared.run();
  else reader = await prepared.runAndReadAll();
}
const lines = reader.getRows().map(([id, rule]) => id + '\t' + rule);
fs.writeFileSync(output, lines.length ? lines.join('\n') + '\n' : '');
