-- bench/peers/duckdb.sql: the 20 threshold rules and the 2 history rules of bench/peers/run.sh,
-- as hand-written DuckDB SQL over the CSV export itself (read_csv, every column as text). Run by
-- duckdb.mjs, which sets ${CSV} and prints the result: one (case_id, rule) row per finding.
--
-- The CSV holds values as people type them, so the SQL parses them (macros below): amounts
-- 52000 / 52,000.00 / 52000元 / ¥52,000 / 5.2万元 / 伍万贰仟元整, the 万元 column of 涉案金额,
-- dates 2023-04-12 / 2023/4/12 / 2023年4月12日 / 20230412 / 2023-04-12 00:00:00, quantities with
-- the unit in the cell (600公斤) or in 计量单位, the missing-value tokens (空白, 无, -, / …), 是否移送
-- as 是/已移送/1 or a 移送日期. Only these spellings (those xianjie-synth writes) are handled.
--
-- Rule logic as in rules/*.yaml: scope keywords in 案由 or 违法事实 (regexp alternations of the
-- lists), exclusions, 执法领域 containing 税务 (or empty) for the tax rules, the earliest version's
-- start date (a missing 违法行为发生日期 does not exclude), transferred cases left out. Thresholds:
-- where older versions have lower figures, 从旧兼从轻 makes the current figures decide for every
-- date (bench/screening.sql explains the same for WLD-01 and TAX-01). Missing values are NULL and
-- never count as 0: a comparison with NULL is unknown and does not fire, as in xianjie.

CREATE OR REPLACE TEMP MACRO missing(s) AS s IS NULL OR trim(s) IN ('', '无', '空', '/', '-', '--', '—', '－', 'null', 'NULL', 'n/a', 'N/A', '#N/A');
CREATE OR REPLACE TEMP MACRO txt(s) AS CASE WHEN missing(s) THEN NULL ELSE s END;

-- 大写 numerals: a section of up to four digits (仟佰拾个), then 亿/万/元 sections, 角 and 分.
CREATE OR REPLACE TEMP MACRO cn_d(c) AS CASE WHEN c IS NULL OR c = '' THEN 0 ELSE strpos('零壹贰叁肆伍陆柒捌玖', c) - 1 END;
CREATE OR REPLACE TEMP MACRO cn_sec(s) AS
  cn_d(regexp_extract(s, '([壹贰叁肆伍陆柒捌玖])仟', 1)) * 1000
  + cn_d(regexp_extract(s, '([壹贰叁肆伍陆柒捌玖])佰', 1)) * 100
  + CASE WHEN s LIKE '拾%' THEN 10 ELSE cn_d(regexp_extract(s, '([壹贰叁肆伍陆柒捌玖])拾', 1)) * 10 END
  + cn_d(regexp_extract(s, '([零壹贰叁肆伍陆柒捌玖])$', 1));
CREATE OR REPLACE TEMP MACRO cn_yuan(y) AS
  cn_sec(regexp_extract(y, '^(.*)亿', 1)) * 100000000
  + cn_sec(regexp_extract(regexp_replace(y, '^.*亿', ''), '^(.*)万', 1)) * 10000
  + cn_sec(regexp_replace(regexp_replace(y, '^.*亿', ''), '^.*万', ''));
CREATE OR REPLACE TEMP MACRO cn_amount(s) AS (
  cn_yuan(regexp_extract(s, '^(.*?)[元圆]', 1))
  + cn_d(regexp_extract(s, '([零壹贰叁肆伍陆柒捌玖])角', 1)) * 0.1
  + cn_d(regexp_extract(s, '([零壹贰叁肆伍陆柒捌玖])分', 1)) * 0.01)::DECIMAL(24, 4);

-- An amount in yuan (DECIMAL, exact). Plain numbers take the fast path (TRY_CAST; it would also
-- take 1e3, which xianjie refuses and the data does not hold); the other spellings are matched.
CREATE OR REPLACE TEMP MACRO amt(s) AS coalesce(TRY_CAST(trim(s) AS DECIMAL(24, 4)), CASE
  WHEN missing(s) THEN NULL
  WHEN regexp_full_match(trim(s), '[¥￥]?[0-9,]+(\.[0-9]+)?元?') THEN TRY_CAST(regexp_replace(trim(s), '[¥￥,元]', '', 'g') AS DECIMAL(24, 4))
  WHEN regexp_full_match(trim(s), '[0-9]+(\.[0-9]+)?万元?') THEN (TRY_CAST(regexp_extract(trim(s), '^([0-9.]+)', 1) AS DECIMAL(24, 8)) * 10000)::DECIMAL(24, 4)
  WHEN regexp_full_match(trim(s), '[零〇壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整正]+') THEN cn_amount(trim(s))
END);
-- A column in 万元: a bare number is × 10,000; a value that names its own unit is taken as written.
CREATE OR REPLACE TEMP MACRO amt_wan(s) AS coalesce((TRY_CAST(trim(s) AS DECIMAL(24, 8)) * 10000)::DECIMAL(24, 4), amt(s));
-- Dates: TRY_CAST takes 2023-04-12, 2023/4/12 and 2023-04-12 00:00:00; the rest are matched.
CREATE OR REPLACE TEMP MACRO in_range(x) AS CASE WHEN x BETWEEN DATE '1949-01-01' AND DATE '2100-12-31' THEN x END;
CREATE OR REPLACE TEMP MACRO dt(s) AS in_range(coalesce(TRY_CAST(trim(s) AS DATE),
  CASE WHEN missing(s) THEN NULL ELSE try_strptime(trim(s), ['%Y%m%d', '%Y年%m月%d日'])::DATE END));
-- 涉案数量 in 公斤 (mass units only), or in 支 / 条 (cigarettes); NULL for other units.
CREATE OR REPLACE TEMP MACRO q_num(s) AS
  TRY_CAST(regexp_extract(trim(s), '^([0-9]+(\.[0-9]+)?)', 1) AS DECIMAL(24, 4))
  * CASE WHEN regexp_extract(trim(s), '^[0-9.]+(万?)', 1) = '万' THEN 10000 ELSE 1 END;
CREATE OR REPLACE TEMP MACRO q_unit(s, u) AS coalesce(nullif(trim(regexp_extract(trim(s), '^[0-9.]+万?(.*)$', 1)), ''), trim(txt(u)));

CREATE OR REPLACE TEMP TABLE hits AS
WITH raw AS (
  SELECT * FROM read_csv('${CSV}', header = true, all_varchar = true, delim = ',', quote = '"', escape = '"',
                         strict_mode = false, parallel = true)
), p AS (
  SELECT
    trim("案件编号") AS case_id,
    coalesce(txt("案由"), '') || chr(10) || coalesce(txt("违法事实"), '') AS t,
    txt("执法领域") AS domain,
    "证件号码" AS pid, "当事人名称" AS name,
    dt("违法行为发生日期") AS v, dt("处罚决定日期") AS d,
    amt("违法所得（元）") AS income, amt("销售金额（元）") AS sales, amt("货值金额（元）") AS goods,
    amt_wan("涉案金额（万元）") AS involved, amt("矿产品价值（元）") AS mineral,
    amt("偷逃税款（元）") AS evaded, amt("应纳税额（元）") AS payable,
    CASE WHEN missing("涉案数量") THEN NULL ELSE q_num("涉案数量") END AS qn,
    CASE WHEN missing("涉案数量") THEN NULL ELSE q_unit("涉案数量", "计量单位") END AS qu,
    coalesce(trim("是否移送") IN ('是', '是的', '对', '1', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'TRUE', '已移送'), false)
      OR dt("移送日期") IS NOT NULL AS tr
  FROM raw
), q AS (
  SELECT *,
    qn * CASE qu WHEN '公斤' THEN 1 WHEN '千克' THEN 1 WHEN 'kg' THEN 1 WHEN 'KG' THEN 1 WHEN '斤' THEN 0.5
                 WHEN '市斤' THEN 0.5 WHEN '吨' THEN 1000 WHEN '克' THEN 0.001 END AS kg,
    CASE WHEN qu = '支' THEN qn END AS sticks,
    CASE WHEN qu = '条' THEN qn END AS cartons,
    (domain IS NULL OR contains(domain, '税务')) AS taxd
  FROM p
), f AS (
  SELECT case_id, pid, name, v, d, tr, list_filter([
    CASE WHEN NOT tr AND (v IS NULL OR v >= DATE '2008-06-25')
          AND (sales >= 50000 OR goods >= 150000 OR sales * 3 + goods >= 150000)
          AND regexp_matches(t, '以次充好|以假充真|掺杂掺假|掺杂、掺假|不合格产品冒充合格产品|以不合格产品冒充合格产品|伪劣产品|假冒伪劣|伪劣商品') THEN 'MKT-01' END,
    CASE WHEN NOT tr AND (v IS NULL OR v >= DATE '2010-03-26')
          AND (sales >= 50000 OR goods >= 150000 OR sales * 3 + goods >= 150000)
          AND regexp_matches(t, '假烟|假冒卷烟|伪劣卷烟|假冒伪劣卷烟|伪劣烟草制品|假冒注册商标的卷烟') THEN 'MKT-01-TOB-FAKE' END,
    CASE WHEN NOT tr AND (v IS NULL OR v >= DATE '2010-03-26')
          AND (sales >= 50000 OR income >= 20000 OR sticks >= 200000 OR cartons >= 1000)
          AND regexp_matches(t, '无烟草专卖零售许可证|未取得烟草专卖零售许可证|未取得烟草专卖批发企业许可证|无烟草专卖批发企业许可证|无证经营卷烟|无证销售卷烟|无证贩卖卷烟|非法经营卷烟|非法经营烟草专卖品|非法运输卷烟|无准运证运输卷烟|无烟草专卖品准运证|销售非法渠道卷烟|非法渠道购进卷烟|非法收购烟叶') THEN 'MKT-16-TOB' END,
    CASE WHEN NOT tr AND (v IS NULL OR v >= DATE '2008-06-25') AND sales >= 50000
          AND regexp_matches(t, '不符合保障人体健康和人身、财产安全的国家标准|不符合保障人身、财产安全的国家标准|人身、财产安全的国家标准、行业标准|不符合强制性国家标准|不符合强制性标准')
          AND NOT regexp_matches(t, '食品安全|化妆品|医疗器械|药品|农药|兽药|化肥|肥料|种子') THEN 'MKT-08-149' END,
    CASE WHEN NOT tr AND (v IS NULL OR v >= DATE '2008-06-25') AND sales >= 50000
          AND regexp_matches(t, '假农药|劣质农药|伪劣农药|不合格农药|不合格的农药|假兽药|劣兽药|伪劣兽药|不合格兽药|不合格的兽药|假种子|劣种子|伪劣种子|不合格种子|不合格的种子|假化肥|劣质化肥|伪劣化肥|不合格化肥|不合格的化肥|假肥料|伪劣肥料|不合格肥料|不合格的肥料|伪劣农资|假冒伪劣农资|失去使用效能的') THEN 'MKT-09-149' END,
    CASE WHEN NOT tr AND (v IS NULL OR v >= DATE '2022-01-01') AND (sales >= 100000 OR income >= 50000)
          AND regexp_matches(t, '私设生猪屠宰厂|私设生猪屠宰场|私设屠宰场|私屠滥宰|未经定点从事生猪屠宰|未经定点屠宰|非定点屠宰|未取得生猪定点屠宰证|无证屠宰生猪|非法屠宰生猪|销售瘦肉精|贩卖瘦肉精|生产瘦肉精|饲料中添加禁用|饲料中添加瘦肉精|添加禁用物质的饲料|含有禁用物质的饲料|含有瘦肉精的饲料|禁止用于食品生产、销售的非食品原料|销售非食用物质') THEN 'MKT-16-FOOD' END,
    -- 直接经济损失 is not a column of the export: that criterion of MKT-18 is always unknown.
    CASE WHEN NOT tr AND (v IS NULL OR v >= DATE '2010-05-07') AND (income >= 100000 OR involved >= 2000000)
          AND regexp_matches(t, '串通投标|相互串通投标|串通投标报价|串标|围标|陪标|与招标人串通') THEN 'MKT-18' END,
    CASE WHEN NOT tr AND (v IS NULL OR v >= DATE '2010-05-07')
          AND regexp_matches(t, '串通投标|相互串通投标|串通投标报价|串标|围标|陪标|与招标人串通')
          AND regexp_matches(t, '威胁|胁迫|欺骗|贿赂|行贿|好处费|回扣') THEN 'MKT-18-MEANS' END,
    CASE WHEN NOT tr AND (v IS NULL OR v >= DATE '2016-12-01') AND mineral >= 100000
          AND regexp_matches(t, '未取得采矿许可证|无采矿许可证|无证开采|无证采矿|擅自采矿|擅自开采|非法采矿|非法开采|越界开采|越界采矿|超越批准的矿区范围|超越许可证规定的矿区范围|非法采砂|无证采砂|未取得河道采砂许可证|盗采|私挖滥采')
          AND NOT regexp_matches(t, '国家规划矿区|对国民经济具有重要价值的矿区|重要价值矿区|保护性开采|禁采区|禁采期') THEN 'RES-01' END,
    CASE WHEN NOT tr AND (v IS NULL OR v >= DATE '2016-12-01') AND mineral >= 50000
          AND regexp_matches(t, '未取得采矿许可证|无采矿许可证|无证开采|无证采矿|擅自采矿|擅自开采|非法采矿|非法开采|越界开采|越界采矿|超越批准的矿区范围|超越许可证规定的矿区范围|非法采砂|无证采砂|未取得河道采砂许可证|盗采|私挖滥采')
          AND regexp_matches(t, '国家规划矿区|对国民经济具有重要价值的矿区|重要价值矿区|保护性开采|禁采区|禁采期') THEN 'RES-01-SPECIAL' END,
    CASE WHEN NOT tr AND (v IS NULL OR v >= DATE '2016-12-01') AND mineral >= 500000
          AND regexp_matches(t, '破坏性开采|破坏性采矿|破坏性的开采方法|采富弃贫|采易弃难|采厚弃薄|采主弃副|严重破坏矿产资源|矿产资源严重破坏')
          AND NOT regexp_matches(t, '国家规划矿区|对国民经济具有重要价值的矿区|重要价值矿区|保护性开采') THEN 'RES-02' END,
    CASE WHEN NOT tr AND (v IS NULL OR v >= DATE '2016-12-01') AND mineral >= 250000
          AND regexp_matches(t, '破坏性开采|破坏性采矿|破坏性的开采方法|采富弃贫|采易弃难|采厚弃薄|采主弃副|严重破坏矿产资源|矿产资源严重破坏')
          AND regexp_matches(t, '国家规划矿区|对国民经济具有重要价值的矿区|重要价值矿区|保护性开采') THEN 'RES-02-SPECIAL' END,
    CASE WHEN NOT tr AND (v IS NULL OR v >= DATE '2008-06-25') AND (kg >= 500 OR involved >= 10000)
          AND regexp_matches(t, '非法捕捞|禁渔期|禁渔区|休渔期|电鱼|毒鱼|炸鱼|电捕|禁用渔具|禁用的工具|禁用的方法|地笼网|绝户网')
          AND NOT regexp_matches(t, '海域|海洋捕捞|近海|海上') THEN 'WLD-01' END,
    CASE WHEN NOT tr AND (v IS NULL OR v >= DATE '2008-06-25') AND (kg >= 50 OR involved >= 1000)
          AND regexp_matches(t, '非法捕捞|禁渔期|禁渔区|休渔期|电鱼|毒鱼|炸鱼|电捕|禁用渔具|禁用的工具|禁用的方法|地笼网|绝户网')
          AND regexp_matches(t, '苗种|怀卵亲体|种质资源保护区')
          AND NOT regexp_matches(t, '海域|海洋捕捞|近海|海上') THEN 'WLD-01-SEED' END,
    CASE WHEN NOT tr AND (v IS NULL OR v >= DATE '2008-06-25')
          AND regexp_matches(t, '禁渔期|禁渔区|休渔期')
          AND regexp_matches(t, '电鱼|毒鱼|炸鱼|电捕|电击|投毒|炸药')
          AND NOT regexp_matches(t, '海域|海洋捕捞|近海|海上') THEN 'WLD-01-METHOD' END,
    -- 偷逃税款 / 应纳税额 ≥ 10 %, exactly: 10 × 偷逃税款 ≥ 应纳税额 (reversed for a negative 应纳税额).
    CASE WHEN NOT tr AND (v IS NULL OR v >= DATE '2010-05-07') AND taxd AND evaded >= 100000
          AND ((payable > 0 AND evaded * 10 >= payable) OR (payable < 0 AND evaded * 10 <= payable))
          AND regexp_matches(t, '逃税|偷税|逃避缴纳税款|少缴税款|少缴增值税|少缴企业所得税|少缴个人所得税|少缴印花税|虚假纳税申报|进行虚假的纳税申报|不进行纳税申报|隐匿收入|账外经营|设置账外账|两套账|虚列支出|少列收入') THEN 'TAX-01' END,
    CASE WHEN NOT tr AND taxd AND coalesce(evaded, involved) >= 10000
          AND regexp_matches(t, '欠缴税款|欠缴的税款|欠缴应纳税款|欠税|欠缴增值税|欠缴企业所得税|欠缴个人所得税|欠缴土地增值税|欠缴房产税|欠缴城镇土地使用税')
          AND regexp_matches(t, '转移财产|隐匿财产|转移或者隐匿财产|转移或隐匿财产|妨碍税务机关追缴|逃避追缴|放弃到期债权|无偿转让财产|明显不合理的价格|脱离税务机关监管|转移存款|转移资金') THEN 'TAX-02' END,
    CASE WHEN NOT tr AND (v IS NULL OR v >= DATE '2010-05-07') AND taxd AND coalesce(involved, evaded) >= 100000
          AND regexp_matches(t, '骗取出口退税|骗取国家出口退税款|骗取出口退税款|骗取出口退（免）税|骗取出口退\(免\)税|骗取退税款|假报出口|骗税') THEN 'TAX-03' END,
    -- 虚开税款数额 is not a column of the export: only 偷逃税款 (the tax loss) can decide TAX-04.
    CASE WHEN NOT tr AND (v IS NULL OR v >= DATE '2010-05-07') AND taxd AND evaded >= 50000
          AND regexp_matches(t, '虚开增值税专用发票|虚开的增值税专用发票|虚开专用发票|虚开的专用发票|虚开增值税专票|虚开专票|虚开用于骗取出口退税、抵扣税款的|虚开用于抵扣税款的')
          AND NOT regexp_matches(t, '善意取得') THEN 'TAX-04' END,
    CASE WHEN NOT tr AND taxd AND income >= 10000
          AND regexp_matches(t, '非法出售增值税专用发票|出售增值税专用发票|倒卖增值税专用发票|贩卖增值税专用发票|转让增值税专用发票|买卖增值税专用发票|出售专用发票|出售专票')
          AND NOT regexp_matches(t, '伪造|假增值税专用发票|假专票|私自印制|非法印制') THEN 'TAX-06-SALE' END
  ], x -> x IS NOT NULL) AS rules,
    -- History rules: the conduct (member) and, for HIST-TOB, the new act's own criterion.
    coalesce((v IS NULL OR v >= DATE '2010-03-26') AND regexp_matches(t, '无烟草专卖零售许可证|未取得烟草专卖零售许可证|未取得烟草专卖批发企业许可证|无烟草专卖批发企业许可证|无证经营卷烟|无证销售卷烟|无证贩卖卷烟|非法经营卷烟|非法经营烟草专卖品|非法运输卷烟|无准运证运输卷烟|无烟草专卖品准运证|销售非法渠道卷烟|非法渠道购进卷烟|非法收购烟叶'), false) AS tob,
    coalesce(sales >= 30000, false) AS tob_act,
    coalesce((v IS NULL OR v >= DATE '2016-12-01') AND regexp_matches(t, '未取得采矿许可证|无采矿许可证|无证开采|无证采矿|擅自采矿|擅自开采|非法采矿|非法开采|越界开采|越界采矿|超越批准的矿区范围|超越许可证规定的矿区范围|非法采砂|无证采砂|未取得河道采砂许可证|盗采|私挖滥采'), false) AS mining
  FROM q
)
SELECT * FROM f WHERE len(rules) > 0 OR tob OR mining;

-- Party: 证件号码; without one, the id that goes with the same (folded) name when exactly one
-- does, else the name. Folding: no spaces, （）→(), upper case, a trailing (个体工商户) and the
-- like dropped, 有限责任公司 = 有限公司 (the subset of xianjie's rules that the data needs).
CREATE OR REPLACE TEMP MACRO name_key(s) AS nullif(replace(replace(
  regexp_replace(upper(regexp_replace(regexp_replace(regexp_replace(txt(s), '[\s\x{3000}]', '', 'g'),
    '[（【〔\[]', '(', 'g'), '[）】〕\]]', ')', 'g')),
    '(\((个体工商户|个体户|个体|普通合伙|特殊普通合伙|有限合伙|个人独资|个人独资企业|已注销|注销|已吊销|吊销|存续|在业|在营|开业)\))+$', ''),
  '有限责任公司', '有限公司'), '股份公司', '股份有限公司'), '');

WITH m AS (
  SELECT case_id, upper(trim(txt(pid))) AS idk, name_key(name) AS nk, v, d, tr, 'HIST-TOB' AS rule, tob_act AS act, 3 AS years
  FROM hits WHERE tob
  UNION ALL
  SELECT case_id, upper(trim(txt(pid))), name_key(name), v, d, tr, 'HIST-MIN', true, 2
  FROM hits WHERE mining
), name_id AS (
  SELECT nk, min(idk) AS idk FROM (SELECT DISTINCT case_id, idk, nk FROM m)
  WHERE idk IS NOT NULL AND nk IS NOT NULL GROUP BY nk HAVING count(DISTINCT idk) = 1
), k AS (
  SELECT m.*, coalesce(m.idk, n.idk, 'name:' || m.nk) AS pkey FROM m LEFT JOIN name_id n ON m.idk IS NULL AND n.nk = m.nk
), hist AS (
  -- Earlier penalties: decision date D with D ≤ V ≤ D + window (calendar years; DuckDB clamps
  -- 29 February to 28 February), another case of the same party and conduct.
  SELECT a.case_id, a.rule
  FROM k a JOIN k p ON p.rule = a.rule AND p.pkey = a.pkey AND p.case_id <> a.case_id
  WHERE a.act AND NOT a.tr AND a.v IS NOT NULL AND p.d IS NOT NULL
    AND p.d <= a.v AND a.v <= p.d + to_years(a.years)
  GROUP BY a.case_id, a.rule HAVING count(*) >= 2
)
SELECT case_id, unnest(rules) AS rule FROM hits WHERE len(rules) > 0
UNION ALL
SELECT case_id, rule FROM hist;
