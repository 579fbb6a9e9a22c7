// The rule-engine peers: streams the CSV, parses each record's values into facts (lib.mjs: the
// same normalisation for both engines), lets json-rules-engine or GoRules ZEN decide which rules
// the record meets, and writes one "case_id<TAB>rule_id" line per finding.
//
//   node engines.mjs jre|zen CASES.csv OUT.tsv
//
// History rules: the engine decides whether a record is of the rule's conduct and whether it may
// be the new act; grouping the records by party and counting the earlier penalties in the window
// is plain JS (lib.mjs History), since neither engine looks across records.
import fs from 'node:fs';
import { Engine } from 'json-rules-engine';
import { ZenEngine } from '@gorules/zen-engine';
import { RULES, HISTORY, SCALE, readCsv, columnIndex, toFacts, History } from './lib.mjs';

const [kind, input, output] = process.argv.slice(2);
if (!['jre', 'zen'].includes(kind) || !input || !output) {
  console.error('usage: node engines.mjs jre|zen CASES.csv OUT.tsv');
  process.exit(2);
}

// Every rule, threshold and history alike, as one list of {id, from, tax, kw, ex, any, transferredOk}.
function ruleList() {
  const list = RULES.map((r) => ({ ...r, transferredOk: false }));
  HISTORY.forEach((h, k) => {
    // Membership: the conduct, whether or not transferred (earlier penalties count either way).
    list.push({ id: `#member:${k}`, from: h.from, kw: h.kw, any: null, transferredOk: true });
    if (h.act) list.push({ id: `#act:${k}`, from: h.from, kw: h.kw, any: h.act, transferredOk: true });
  });
  return list;
}

// ---- json-rules-engine --------------------------------------------------------------------------
function jreAtom(a) {
  if (a.m) return { fact: 'text', operator: 'mentionsAny', value: a.m };
  if (a.share) {
    // 偷逃税款 / 应纳税额 ≥ 10 %  ⇔  10 × 偷逃税款 ≥ 应纳税额 (应纳税额 > 0; reversed when < 0)
    return {
      any: [
        { all: [{ fact: 'payable', operator: 'greaterThan', value: 0 }, { fact: 'evaded_x10', operator: 'greaterThanInclusive', value: { fact: 'payable' } }] },
        { all: [{ fact: 'payable', operator: 'lessThan', value: 0 }, { fact: 'evaded_x10', operator: 'lessThanInclusive', value: { fact: 'payable' } }] },
      ],
    };
  }
  return { fact: a.f, operator: 'greaterThanInclusive', value: a.min * SCALE };
}

function makeJre() {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator('mentionsAny', (text, words) => words.some((w) => text.includes(w)));
  engine.addOperator('mentionsNone', (text, words) => !words.some((w) => text.includes(w)));
  engine.addOperator('onOrAfterOrNull', (d, from) => d === null || d >= from);
  for (const r of ruleList()) {
    const all = [];
    if (r.from) all.push({ fact: 'vdate', operator: 'onOrAfterOrNull', value: r.from });
    if (!r.transferredOk) all.push({ fact: 'transferred', operator: 'equal', value: false });
    if (r.tax) all.push({ fact: 'tax_domain', operator: 'equal', value: true });
    if (r.kw) all.push({ fact: 'text', operator: 'mentionsAny', value: r.kw });
    if (r.ex) all.push({ fact: 'text', operator: 'mentionsNone', value: r.ex });
    if (r.any) all.push({ any: r.any.map((c) => ({ all: c.map(jreAtom) })) });
    engine.addRule({ name: r.id, conditions: { all }, event: { type: r.id } });
  }
  return async (facts) => (await engine.run(facts)).events.map((e) => e.type);
}

// ---- GoRules ZEN ----------------------------------------------------------------------------
const q = (w) => `'${w}'`;
const mentions = (list) => '(' + list.map((w) => `contains(text, ${q(w)})`).join(' or ') + ')';
function zenAtom(a) {
  if (a.m) return mentions(a.m);
  if (a.share) return '(evaded != null and payable != null and ((payable > 0 and evaded * 10 >= payable) or (payable < 0 and evaded * 10 <= payable)))';
  const min = a.min * SCALE;
  switch (a.f) {
    case 'sales3_goods': return `(sales != null and goods != null and sales * 3 + goods >= ${min})`;
    case 'evaded_or_involved': return `((evaded ?? involved) != null and (evaded ?? involved) >= ${min})`;
    case 'involved_or_evaded': return `((involved ?? evaded) != null and (involved ?? evaded) >= ${min})`;
    default: return `(${a.f} != null and ${a.f} >= ${min})`;
  }
}

function makeZen() {
  // One decision table, hit policy "collect": a row per rule, whose single input cell is the rule
  // as an expression and whose output is the rule id.
  const rows = ruleList().map((r, k) => {
    const parts = [];
    if (r.from) parts.push(`(vdate == null or vdate >= ${r.from})`);
    if (!r.transferredOk) parts.push('transferred == false');
    if (r.tax) parts.push('tax_domain');
    if (r.kw) parts.push(mentions(r.kw));
    if (r.ex) parts.push(`not ${mentions(r.ex)}`);
    if (r.any) parts.push('(' + r.any.map((c) => '(' + c.map(zenAtom).join(' and ') + ')').join(' or ') + ')');
    return { _id: `r${k}`, cond: parts.join(' and '), rule: JSON.stringify(r.id) };
  });
  const jdm = {
    contentType: 'application/vnd.gorules.decision',
    nodes: [
      { id: 'in', type: 'inputNode', name: 'Request', position: { x: 0, y: 0 } },
      {
        id: 'rules', type: 'decisionTableNode', name: 'xianjie rules', position: { x: 200, y: 0 },
        content: {
          hitPolicy: 'collect',
          inputs: [{ id: 'cond', name: 'rule', type: 'expression', field: '' }],
          outputs: [{ id: 'rule', name: 'rule', type: 'expression', field: 'rule' }],
          rules: rows,
        },
      },
      { id: 'out', type: 'outputNode', name: 'Response', position: { x: 400, y: 0 } },
    ],
    edges: [
      { id: 'e1', sourceId: 'in', targetId: 'rules', type: 'edge' },
      { id: 'e2', sourceId: 'rules', targetId: 'out', type: 'edge' },
    ],
  };
  if (process.env.ZEN_DUMP) fs.writeFileSync(process.env.ZEN_DUMP, JSON.stringify(jdm, null, 1));
  const decision = new ZenEngine().createDecision(jdm);
  return async (facts) => {
    const res = (await decision.evaluate(facts)).result;
    return Array.isArray(res) ? res.map((o) => o.rule) : [];
  };
}

// ---- the scan -----------------------------------------------------------------------------------
const evaluate = kind === 'jre' ? makeJre() : makeZen();
const out = fs.openSync(output, 'w');
let pending = [];
const history = new History();
let ix = null, rows = 0, lines = [];

// Records are evaluated in batches: both engines' evaluate() is asynchronous (ZEN runs it off the
// JS thread), so a batch of promises keeps the engine busy. Facts are plain objects, one per record.
const BATCH = +(process.env.PEER_BATCH || (kind === "jre" ? 1 : 64));
async function flush() {
  const batch = pending;
  pending = [];
  const results = await Promise.all(batch.map((b) => evaluate(b.facts)));
  for (let k = 0; k < batch.length; k++) {
    const { facts, rec } = batch[k];
    const flags = [];
    for (const id of results[k]) {
      if (id[0] !== '#') lines.push(facts.case_id + '\t' + id);
      else if (id.startsWith('#member:')) flags.push([+id.slice(8), false]);
    }
    for (const id of results[k]) if (id.startsWith('#act:')) for (const fl of flags) if (fl[0] === +id.slice(5)) fl[1] = true;
    // HIST-MIN has no `when`: every member may be the new act.
    for (const fl of flags) if (!HISTORY[fl[0]].act) fl[1] = true;
    if (flags.length) history.add(rec, ix, facts, flags);
  }
  if (lines.length > 4096) { fs.writeSync(out, lines.join('\n') + '\n'); lines = []; }
}

for (const rec of readCsv(input)) {
  if (ix === null) { ix = columnIndex(rec); continue; }
  pending.push({ rec, facts: toFacts(rec, ix, {}) });
  rows++;
  if (pending.length === BATCH) await flush();
}
if (pending.length) await flush();
history.finish((id, rule) => lines.push(id + '\t' + rule));
if (lines.length) fs.writeSync(out, lines.join('\n') + '\n');
fs.closeSync(out);
console.error(`${kind}: ${rows} records`);
