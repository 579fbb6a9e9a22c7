// Shared by the Node peers (engines.mjs): the rule set as data, a streaming CSV reader, the value
// parsers for the spellings xianjie-synth writes, and the history (repeat-offender) rules.
//
// Everything here is this benchmark's own code; xianjie does not use it. The rules are copied by
// hand from rules/*.yaml (lists, parameters, effective dates); bench/peers/README.md says which
// rules and what the peers leave out.
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

// ---------------------------------------------------------------------------------------------
// Keyword lists (rules/*.yaml `lists:`; the inline lists of MKT-01-TOB-FAKE and TAX-06-SALE).
export const L = {
  伪劣产品行为: ['以次充好', '以假充真', '掺杂掺假', '掺杂、掺假', '不合格产品冒充合格产品', '以不合格产品冒充合格产品', '伪劣产品', '假冒伪劣', '伪劣商品'],
  伪劣卷烟: ['假烟', '假冒卷烟', '伪劣卷烟', '假冒伪劣卷烟', '伪劣烟草制品', '假冒注册商标的卷烟'],
  烟草非法经营行为: ['无烟草专卖零售许可证', '未取得烟草专卖零售许可证', '未取得烟草专卖批发企业许可证', '无烟草专卖批发企业许可证', '无证经营卷烟', '无证销售卷烟', '无证贩卖卷烟', '非法经营卷烟', '非法经营烟草专卖品', '非法运输卷烟', '无准运证运输卷烟', '无烟草专卖品准运证', '销售非法渠道卷烟', '非法渠道购进卷烟', '非法收购烟叶'],
  非法采矿行为: ['未取得采矿许可证', '无采矿许可证', '无证开采', '无证采矿', '擅自采矿', '擅自开采', '非法采矿', '非法开采', '越界开采', '越界采矿', '超越批准的矿区范围', '超越许可证规定的矿区范围', '非法采砂', '无证采砂', '未取得河道采砂许可证', '盗采', '私挖滥采'],
  特定矿区: ['国家规划矿区', '对国民经济具有重要价值的矿区', '重要价值矿区', '保护性开采', '禁采区', '禁采期'],
  破坏性采矿行为: ['破坏性开采', '破坏性采矿', '破坏性的开采方法', '采富弃贫', '采易弃难', '采厚弃薄', '采主弃副', '严重破坏矿产资源', '矿产资源严重破坏'],
  破坏性采矿特定矿区: ['国家规划矿区', '对国民经济具有重要价值的矿区', '重要价值矿区', '保护性开采'],
  非法捕捞行为: ['非法捕捞', '禁渔期', '禁渔区', '休渔期', '电鱼', '毒鱼', '炸鱼', '电捕', '禁用渔具', '禁用的工具', '禁用的方法', '地笼网', '绝户网'],
  海洋水域: ['海域', '海洋捕捞', '近海', '海上'],
  苗种或保护区: ['苗种', '怀卵亲体', '种质资源保护区'],
  禁渔区期: ['禁渔期', '禁渔区', '休渔期'],
  电毒炸: ['电鱼', '毒鱼', '炸鱼', '电捕', '电击', '投毒', '炸药'],
  逃税行为: ['逃税', '偷税', '逃避缴纳税款', '少缴税款', '少缴增值税', '少缴企业所得税', '少缴个人所得税', '少缴印花税', '虚假纳税申报', '进行虚假的纳税申报', '不进行纳税申报', '隐匿收入', '账外经营', '设置账外账', '两套账', '虚列支出', '少列收入'],
  市场_不安全产品: ['不符合保障人体健康和人身、财产安全的国家标准', '不符合保障人身、财产安全的国家标准', '人身、财产安全的国家标准、行业标准', '不符合强制性国家标准', '不符合强制性标准'],
  市场_不安全产品排除: ['食品安全', '化妆品', '医疗器械', '药品', '农药', '兽药', '化肥', '肥料', '种子'],
  市场_伪劣农资: ['假农药', '劣质农药', '伪劣农药', '不合格农药', '不合格的农药', '假兽药', '劣兽药', '伪劣兽药', '不合格兽药', '不合格的兽药', '假种子', '劣种子', '伪劣种子', '不合格种子', '不合格的种子', '假化肥', '劣质化肥', '伪劣化肥', '不合格化肥', '不合格的化肥', '假肥料', '伪劣肥料', '不合格肥料', '不合格的肥料', '伪劣农资', '假冒伪劣农资', '失去使用效能的'],
  市场_食品链非法经营: ['私设生猪屠宰厂', '私设生猪屠宰场', '私设屠宰场', '私屠滥宰', '未经定点从事生猪屠宰', '未经定点屠宰', '非定点屠宰', '未取得生猪定点屠宰证', '无证屠宰生猪', '非法屠宰生猪', '销售瘦肉精', '贩卖瘦肉精', '生产瘦肉精', '饲料中添加禁用', '饲料中添加瘦肉精', '添加禁用物质的饲料', '含有禁用物质的饲料', '含有瘦肉精的饲料', '禁止用于食品生产、销售的非食品原料', '销售非食用物质'],
  市场_串通投标: ['串通投标', '相互串通投标', '串通投标报价', '串标', '围标', '陪标', '与招标人串通'],
  市场_投标非法手段: ['威胁', '胁迫', '欺骗', '贿赂', '行贿', '好处费', '回扣'],
  税务_欠缴税款: ['欠缴税款', '欠缴的税款', '欠缴应纳税款', '欠税', '欠缴增值税', '欠缴企业所得税', '欠缴个人所得税', '欠缴土地增值税', '欠缴房产税', '欠缴城镇土地使用税'],
  税务_转移隐匿财产: ['转移财产', '隐匿财产', '转移或者隐匿财产', '转移或隐匿财产', '妨碍税务机关追缴', '逃避追缴', '放弃到期债权', '无偿转让财产', '明显不合理的价格', '脱离税务机关监管', '转移存款', '转移资金'],
  税务_骗取出口退税: ['骗取出口退税', '骗取国家出口退税款', '骗取出口退税款', '骗取出口退（免）税', '骗取出口退(免)税', '骗取退税款', '假报出口', '骗税'],
  税务_虚开专用发票: ['虚开增值税专用发票', '虚开的增值税专用发票', '虚开专用发票', '虚开的专用发票', '虚开增值税专票', '虚开专票', '虚开用于骗取出口退税、抵扣税款的', '虚开用于抵扣税款的'],
  税务_善意取得: ['善意取得'],
  税务_出售专用发票: ['非法出售增值税专用发票', '出售增值税专用发票', '倒卖增值税专用发票', '贩卖增值税专用发票', '转让增值税专用发票', '买卖增值税专用发票', '出售专用发票', '出售专票'],
  税务_出售专用发票排除: ['伪造', '假增值税专用发票', '假专票', '私自印制', '非法印制'],
};

// ---------------------------------------------------------------------------------------------
// The rule set. Amounts in yuan, quantities in the unit named; `from` is the earliest version's
// start (a record whose 违法行为发生日期 is earlier is not judged; one without it is). `any` is an
// OR of ANDs of atoms:
//   {f, min}      fact >= min          (null: unknown, never true)
//   {m: list}     案由 or 违法事实 mentions a keyword of the list
//   {share: 0.1}  偷逃税款 / 应纳税额 >= 10 %, exactly (cross-multiplied)
// Versions: where a rule's older versions have lower thresholds (WLD-01, WLD-01-SEED, TAX-01,
// TAX-03, TAX-04), 从旧兼从轻 requires the act to cross under the current version as well, which
// implies the older one: the current thresholds decide for every date, as in bench/screening.sql.
export const RULES = [
  { id: 'MKT-01', from: 20080625, kw: L.伪劣产品行为,
    any: [[{ f: 'sales', min: 5e4 }], [{ f: 'goods', min: 15e4 }], [{ f: 'sales3_goods', min: 15e4 }]] },
  { id: 'MKT-01-TOB-FAKE', from: 20100326, kw: L.伪劣卷烟,
    any: [[{ f: 'sales', min: 5e4 }], [{ f: 'goods', min: 15e4 }], [{ f: 'sales3_goods', min: 15e4 }]] },
  { id: 'MKT-16-TOB', from: 20100326, kw: L.烟草非法经营行为,
    any: [[{ f: 'sales', min: 5e4 }], [{ f: 'income', min: 2e4 }], [{ f: 'sticks', min: 2e5 }], [{ f: 'cartons', min: 1000 }]] },
  { id: 'MKT-08-149', from: 20080625, kw: L.市场_不安全产品, ex: L.市场_不安全产品排除, any: [[{ f: 'sales', min: 5e4 }]] },
  { id: 'MKT-09-149', from: 20080625, kw: L.市场_伪劣农资, any: [[{ f: 'sales', min: 5e4 }]] },
  { id: 'MKT-16-FOOD', from: 20220101, kw: L.市场_食品链非法经营, any: [[{ f: 'sales', min: 10e4 }], [{ f: 'income', min: 5e4 }]] },
  // economic_loss (直接经济损失) is not a column of the export: that criterion is always unknown.
  { id: 'MKT-18', from: 20100507, kw: L.市场_串通投标, any: [[{ f: 'income', min: 10e4 }], [{ f: 'involved', min: 200e4 }]] },
  { id: 'MKT-18-MEANS', from: 20100507, kw: L.市场_串通投标, any: [[{ m: L.市场_投标非法手段 }]] },
  { id: 'RES-01', from: 20161201, kw: L.非法采矿行为, ex: L.特定矿区, any: [[{ f: 'mineral', min: 10e4 }]] },
  { id: 'RES-01-SPECIAL', from: 20161201, kw: L.非法采矿行为, any: [[{ m: L.特定矿区 }, { f: 'mineral', min: 5e4 }]] },
  { id: 'RES-02', from: 20161201, kw: L.破坏性采矿行为, ex: L.破坏性采矿特定矿区, any: [[{ f: 'mineral', min: 50e4 }]] },
  { id: 'RES-02-SPECIAL', from: 20161201, kw: L.破坏性采矿行为, any: [[{ m: L.破坏性采矿特定矿区 }, { f: 'mineral', min: 25e4 }]] },
  { id: 'WLD-01', from: 20080625, kw: L.非法捕捞行为, ex: L.海洋水域, any: [[{ f: 'mass_kg', min: 500 }], [{ f: 'involved', min: 1e4 }]] },
  { id: 'WLD-01-SEED', from: 20080625, kw: L.非法捕捞行为, ex: L.海洋水域,
    any: [[{ m: L.苗种或保护区 }, { f: 'mass_kg', min: 50 }], [{ m: L.苗种或保护区 }, { f: 'involved', min: 1000 }]] },
  { id: 'WLD-01-METHOD', from: 20080625, ex: L.海洋水域, any: [[{ m: L.禁渔区期 }, { m: L.电毒炸 }]] },
  { id: 'TAX-01', from: 20100507, tax: true, kw: L.逃税行为, any: [[{ f: 'evaded', min: 10e4 }, { share: 0.1 }]] },
  { id: 'TAX-02', from: 0, tax: true, kw: L.税务_欠缴税款, any: [[{ m: L.税务_转移隐匿财产 }, { f: 'evaded_or_involved', min: 1e4 }]] },
  { id: 'TAX-03', from: 20100507, tax: true, kw: L.税务_骗取出口退税, any: [[{ f: 'involved_or_evaded', min: 10e4 }]] },
  // 虚开税款数额 (invoice_tax) is not a column of the export: that criterion is always unknown.
  { id: 'TAX-04', from: 20100507, tax: true, kw: L.税务_虚开专用发票, ex: L.税务_善意取得, any: [[{ f: 'evaded', min: 5e4 }]] },
  // 虚开税额 / 发票份数 are not columns of the export: only 违法所得 can decide.
  { id: 'TAX-06-SALE', from: 0, tax: true, kw: L.税务_出售专用发票, ex: L.税务_出售专用发票排除, any: [[{ f: 'income', min: 1e4 }]] },
];

// History rules (rules/cross_record.yaml): the record-level part (conduct = scope; `act` = the
// rule's `when` for the new act) is evaluated by the engine; the grouping by party is done in JS.
export const HISTORY = [
  { id: 'HIST-TOB', from: 20100326, kw: L.烟草非法经营行为, act: [[{ f: 'sales', min: 3e4 }]], years: 3, prior: 2 },
  { id: 'HIST-MIN', from: 20161201, kw: L.非法采矿行为, act: null, years: 2, prior: 2 },
];

// Facts that hold amounts (yuan) or masses (kg) are given to the engines in units of 1/10,000
// (integers: exact in a double), so that 49,999.99 < 50,000 and 499.5 kg < 500 kg exactly.
export const SCALE = 1e4;

// ---------------------------------------------------------------------------------------------
// CSV: RFC 4180 records from a UTF-8 file, streamed in 4 MiB chunks; yields each record's fields.
export function* readCsv(path) {
  const fd = fs.openSync(path, 'r');
  const buf = Buffer.allocUnsafe(4 << 20);
  const dec = new StringDecoder('utf8');
  let rest = '';
  let first = true;
  for (;;) {
    const n = fs.readSync(fd, buf, 0, buf.length, null);
    let text = rest + (n > 0 ? dec.write(buf.subarray(0, n)) : dec.end());
    if (first) { if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); first = false; }
    let pos = 0;
    for (;;) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) break;
      let line = text.slice(pos, nl);
      if (line.indexOf('"') < 0) {
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (line.length) yield line.split(',');
        pos = nl + 1;
        continue;
      }
      // Quoted fields: extend the record over line breaks until the quotes balance.
      let end = nl;
      while (countQuotes(text, pos, end) % 2 === 1) {
        const next = text.indexOf('\n', end + 1);
        if (next < 0) { end = -1; break; }
        end = next;
      }
      if (end < 0) break;  // the record continues in the next chunk
      yield parseQuoted(text.slice(pos, end));
      pos = end + 1;
    }
    rest = text.slice(pos);
    if (n <= 0) break;
  }
  if (rest.replace(/\r$/, '').length) yield parseQuoted(rest.replace(/\r$/, ''));
  fs.closeSync(fd);
}

function countQuotes(s, from, to) {
  let c = 0;
  for (let i = s.indexOf('"', from); i >= 0 && i < to; i = s.indexOf('"', i + 1)) c++;
  return c;
}

function parseQuoted(rec) {
  if (rec.endsWith('\r')) rec = rec.slice(0, -1);
  const out = [];
  let i = 0;
  const n = rec.length;
  for (;;) {
    if (rec[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = rec.indexOf('"', i);
        if (q < 0) { v += rec.slice(i); i = n; break; }
        v += rec.slice(i, q);
        if (rec[q + 1] === '"') { v += '"'; i = q + 2; } else { i = q + 1; break; }
      }
      out.push(v);
      const c = rec.indexOf(',', i);
      if (c < 0) break;
      i = c + 1;
    } else {
      const c = rec.indexOf(',', i);
      if (c < 0) { out.push(rec.slice(i)); break; }
      out.push(rec.slice(i, c));
      i = c + 1;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Values. Only the spellings xianjie-synth writes are handled (README: "What the peers parse").
const MISSING = new Set(['', '无', '空', '/', '-', '--', '—', '－', 'null', 'NULL', 'n/a', 'N/A', '#N/A']);
export function text(raw) {
  if (raw === undefined) return null;
  return MISSING.has(raw.trim()) ? null : raw;
}

// "123.45" → 1234500 (× 10^digits), exactly; null if not a plain decimal.
function decimalUnits(s, digits) {
  const m = /^([0-9]+)(?:\.([0-9]+))?$/.exec(s);
  if (!m) return null;
  const frac = (m[2] || '');
  if (frac.length > digits) return null;
  return Number(m[1] + frac.padEnd(digits, '0'));
}

const CN_DIGIT = { 零: 0, 〇: 0, 壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9 };
const CN_SMALL = { 拾: 10, 佰: 100, 仟: 1000 };
// Upper-case numerals (大写): 肆万玖仟玖佰玖拾玖元玖角玖分, 零元整 → units of 1/10,000 yuan.
function chineseUnits(s) {
  let total = 0, section = 0, digit = 0, seen = false;
  for (const ch of s) {
    if (ch in CN_DIGIT) { digit = CN_DIGIT[ch]; seen = true; }
    else if (ch in CN_SMALL) { section += (seen ? digit : 1) * CN_SMALL[ch]; digit = 0; seen = false; }
    else if (ch === '万' || ch === '亿') {
      total += (section + digit) * (ch === '万' ? 1e4 : 1e8);
      section = 0; digit = 0; seen = false;
    } else if (ch === '元' || ch === '圆') { total += section + digit; section = 0; digit = 0; seen = false; }
    else if (ch === '角') { total += digit / 10; digit = 0; seen = false; }
    else if (ch === '分') { total += digit / 100; digit = 0; seen = false; }
    else if (ch === '整' || ch === '正') { /* nothing */ }
    else return null;
  }
  total += section + digit;
  return Math.round(total * SCALE);
}

// An amount in yuan as units of 1/10,000 yuan. `wan`: the column is in 万元 (a bare number is
// then × 10,000; a value that says 万 or 元 itself is taken as it says).
export function amount(raw, wan) {
  if (raw === undefined) return null;
  let s = raw.trim();
  if (MISSING.has(s)) return null;
  const plain = decimalUnits(s, wan ? 8 : 4);
  if (plain !== null) return plain;
  if (s[0] === '¥' || s[0] === '￥') s = s.slice(1);
  s = s.replaceAll(',', '');
  if (s.endsWith('万元') || s.endsWith('万')) {
    const v = decimalUnits(s.slice(0, s.endsWith('万元') ? -2 : -1), 8);
    return v;
  }
  if (s.endsWith('元')) s = s.slice(0, -1);
  const v = decimalUnits(s, 4);
  if (v !== null) return v;
  if (/^[零〇壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整正]+$/.test(raw.trim())) return chineseUnits(raw.trim());
  return null;
}

const DAYS_IN = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function monthDays(y, m) { return m === 2 && (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 29 : DAYS_IN[m]; }
const DATE_RES = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];
// A date as the number yyyymmdd, or null.
export function date(raw) {
  if (raw === undefined) return null;
  const s = raw.trim();
  if (MISSING.has(s)) return null;
  for (const re of DATE_RES) {
    const m = re.exec(s);
    if (!m) continue;
    const y = +m[1], mo = +m[2], d = +m[3];
    if (y < 1949 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > monthDays(y, mo)) return null;
    return y * 10000 + mo * 100 + d;
  }
  return null;
}

// yyyymmdd + n calendar years; 29 February + n years is 28 February when that year has none.
export function addYears(ymd, n) {
  const y = Math.floor(ymd / 10000) + n, m = Math.floor(ymd / 100) % 100, d = ymd % 100;
  return y * 10000 + m * 100 + Math.min(d, monthDays(y, m));
}

const MASS = { 公斤: 1, 千克: 1, kg: 1, KG: 1, 斤: 0.5, 市斤: 0.5, 克: 0.001, 吨: 1000 };
// 涉案数量 with its unit written in the cell (600公斤, 20万支) or in 计量单位.
export function quantity(raw, unitRaw, out) {
  out.mass_kg = null; out.sticks = null; out.cartons = null;
  if (raw === undefined) return;
  const s = raw.trim();
  if (MISSING.has(s)) return;
  const m = /^([0-9]+(?:\.[0-9]+)?)(万?)\s*(.*)$/.exec(s);
  if (!m) return;
  let v = decimalUnits(m[1], 4);
  if (m[2]) v *= 1e4;
  let unit = m[3].trim();
  if (!unit && unitRaw !== undefined && !MISSING.has(unitRaw.trim())) unit = unitRaw.trim();
  if (unit in MASS) out.mass_kg = v * MASS[unit];
  else if (unit === '支') out.sticks = v;
  else if (unit === '条') out.cartons = v;
}

const TRUE_WORDS = new Set(['是', '是的', '对', '1', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'TRUE', '已移送']);
export function transferred(flagRaw, dateRaw) {
  return (flagRaw !== undefined && TRUE_WORDS.has(flagRaw.trim())) || date(dateRaw) !== null;
}

// Party names as xianjie folds them for matching (the subset the generator's variants need):
// no spaces, full-width brackets as ASCII, 有限责任公司 = 有限公司, a trailing （个体工商户） dropped.
const NOTES = /\((?:个体工商户|个体户|个体|普通合伙|特殊普通合伙|有限合伙|个人独资|个人独资企业|已注销|注销|已吊销|吊销|存续|在业|在营|开业)\)$/;
export function nameKey(raw) {
  const t = text(raw);
  if (t === null) return null;
  let s = t.replace(/[\s\u3000]/g, '').replace(/[（【〔\[]/g, '(').replace(/[）】〕\]]/g, ')').toUpperCase();
  while (NOTES.test(s)) s = s.replace(NOTES, '');
  s = s.replaceAll('有限责任公司', '有限公司').replaceAll('股份公司', '股份有限公司');
  return s || null;
}

// ---------------------------------------------------------------------------------------------
// One record → the facts every engine sees (the same normalisation for both).
export function columnIndex(header) {
  const want = {
    case_id: '案件编号', domain: '执法领域', name: '当事人名称', pid: '证件号码', reason: '案由', facts: '违法事实',
    vdate: '违法行为发生日期', ddate: '处罚决定日期', income: '违法所得（元）', sales: '销售金额（元）',
    goods: '货值金额（元）', involved: '涉案金额（万元）', mineral: '矿产品价值（元）', evaded: '偷逃税款（元）',
    payable: '应纳税额（元）', qty: '涉案数量', unit: '计量单位', tflag: '是否移送', tdate: '移送日期',
  };
  const ix = {};
  for (const [k, h] of Object.entries(want)) {
    ix[k] = header.indexOf(h);
    if (ix[k] < 0) throw new Error(`column ${h} not found`);
  }
  return ix;
}

export function toFacts(r, ix, f) {
  f.case_id = (r[ix.case_id] || '').trim();
  const reason = text(r[ix.reason]), facts = text(r[ix.facts]);
  f.text = (reason || '') + '\n' + (facts || '');
  const domain = text(r[ix.domain]);
  f.tax_domain = domain === null || domain.includes('税务');
  f.vdate = date(r[ix.vdate]);
  f.sales = amount(r[ix.sales], false);
  f.goods = amount(r[ix.goods], false);
  f.income = amount(r[ix.income], false);
  f.involved = amount(r[ix.involved], true);
  f.mineral = amount(r[ix.mineral], false);
  f.evaded = amount(r[ix.evaded], false);
  f.payable = amount(r[ix.payable], false);
  quantity(r[ix.qty], r[ix.unit], f);
  f.transferred = transferred(r[ix.tflag], r[ix.tdate]);
  // Derived values for json-rules-engine, which has no arithmetic (ZEN computes them itself).
  f.sales3_goods = f.sales !== null && f.goods !== null ? 3 * f.sales + f.goods : null;
  f.evaded_x10 = f.evaded !== null ? 10 * f.evaded : null;
  f.evaded_or_involved = f.evaded !== null ? f.evaded : f.involved;
  f.involved_or_evaded = f.involved !== null ? f.involved : f.evaded;
  return f;
}

// ---------------------------------------------------------------------------------------------
// History: members are records of the rule's conduct; `act` marks those that may be the new act.
// Party = 证件号码; a record without one takes the id that goes with its name when exactly one
// does, else its name (xianjie: docs/rules.md §8). Two earlier penalties (decision date D with
// D ≤ V ≤ D + window) make the act a candidate; not reported when the act itself was transferred.
export class History {
  constructor() { this.members = HISTORY.map(() => []); this.facts = []; }
  // `flags`: [[history rule index, act], ...] for a record that is a member of those rules.
  add(r, ix, f, flags) {
    const pid = text(r[ix.pid]);
    const fact = {
      case_id: f.case_id, id: pid === null ? null : pid.trim().toUpperCase(), name: nameKey(r[ix.name]),
      v: f.vdate, d: date(r[ix.ddate]), tr: f.transferred, key: null,
    };
    this.facts.push(fact);
    for (const [k, act] of flags) this.members[k].push({ fact, act });
  }
  finish(emit) {
    const idOfName = new Map();
    for (const f of this.facts) {
      if (f.id === null || f.name === null) continue;
      const have = idOfName.get(f.name);
      if (have === undefined) idOfName.set(f.name, f.id);
      else if (have !== f.id) idOfName.set(f.name, '');
    }
    for (const f of this.facts) {
      if (f.id !== null) f.key = f.id;
      else if (f.name !== null) f.key = idOfName.get(f.name) || 'name:' + f.name;
    }
    HISTORY.forEach((rule, k) => {
      const groups = new Map();
      for (const m of this.members[k]) {
        if (!m.fact.key) continue;
        let g = groups.get(m.fact.key);
        if (!g) groups.set(m.fact.key, (g = []));
        g.push(m);
      }
      for (const g of groups.values()) {
        if (g.length <= rule.prior) continue;
        for (const a of g) {
          if (!a.act || a.fact.v === null || a.fact.tr) continue;
          let n = 0;
          for (const e of g) {
            const p = e.fact;
            if (p === a.fact || p.case_id === a.fact.case_id || p.d === null) continue;
            if (p.d <= a.fact.v && a.fact.v <= addYears(p.d, rule.years)) n++;
          }
          if (n >= rule.prior) emit(a.fact.case_id, rule.id);
        }
      }
    });
  }
}
