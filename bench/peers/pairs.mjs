// Findings of `xianjie scan -f jsonl` as "case_id<TAB>rule_id" lines. A history finding that joined
// the threshold finding of the same case (docs/cli.md: reported once, as the threshold finding)
// counts for its own rule as well: its message says "另据规则 HIST-…".
//
//   node pairs.mjs XIANJIE.jsonl OUT.tsv
import fs from 'node:fs';
import readline from 'node:readline';

const [input, output] = process.argv.slice(2);
const out = [];
const rl = readline.createInterface({ input: fs.createReadStream(input), crlfDelay: Infinity });
for await (const line of rl) {
  if (!line.startsWith('{"type":"finding"')) continue;
  const f = JSON.parse(line);
  out.push(f.case_id + '\t' + f.rule_id);
  for (const m of (f.message || '').matchAll(/另据规则 ([A-Z0-9-]+)/g)) out.push(f.case_id + '\t' + m[1]);
}
fs.writeFileSync(output, out.length ? out.join('\n') + '\n' : '');
