-- The five offenses of the synthetic data as one plain-SQL pass over `cases`: the baseline that
-- bench/run.sh times against `xianjie scan`. Conduct is recognised by keywords in 案由/违法事实;
-- thresholds are tests on the typed columns of the SQLite export (amounts in yuan, 涉案金额
-- included; quantities with their 计量单位). Missing amounts count as 0. Amounts with fen are REAL,
-- so where they are multiplied they are compared in whole fen.
--
-- Versions: WLD-01 (2022-04-09: 5,000 → 10,000 yuan; in a closed season or area any banned tool →
-- only 电鱼/毒鱼/炸鱼) and TAX-01 (2022-05-15: 5万 → 10万) both became more lenient. Under 从旧兼从轻
-- the lenient 2022 figures also decide for older conduct, so no test needs a date: the old figures
-- could only add false positives.
--
-- Each offense is a CASE WHEN condition, compiled like a WHERE clause: SQLite stops at the first
-- false operand of an AND there (in a value expression such as sum(a AND b) it evaluates both
-- sides), and the cheap numeric tests come before the keyword LIKEs, so most rows never reach the
-- text. A case is counted under the first offense it matches.
--
-- Output: one line per offense: id, cases that cross, of which not transferred (是否移送 ≠ 是).
SELECT offense, count(*), sum(coalesce(是否移送, '') <> '是')
FROM (
  SELECT
    CASE
      -- MKT-01 生产、销售伪劣产品 (ZS1 art. 16): 销售 ≥ 5万, 未售货值 ≥ 15万, 已售 × 3 + 未售 ≥ 15万
      WHEN (coalesce("销售金额（元）", 0) >= 50000
            OR coalesce("货值金额（元）", 0) >= 150000
            OR 3 * round(coalesce("销售金额（元）", 0) * 100) + round(coalesce("货值金额（元）", 0) * 100) >= 15000000)
       AND (案由 LIKE '%以次充好%' OR 案由 LIKE '%掺杂掺假%' OR 案由 LIKE '%冒充合格产品%' OR 案由 LIKE '%以假充真%'
            OR 违法事实 LIKE '%系以次充好%' OR 违法事实 LIKE '%系掺杂掺假%')
        THEN 'MKT-01'

      -- MKT-16 非法经营 烟草专卖品 (J-TOB10 art. 3): 经营数额 ≥ 5万, 违法所得 ≥ 2万, ≥ 20万支 (1 条 = 200 支)
      WHEN (coalesce("销售金额（元）", 0) >= 50000
            OR coalesce("违法所得（元）", 0) >= 20000
            OR coalesce(涉案数量, 0) * CASE 计量单位 WHEN '支' THEN 1 WHEN '条' THEN 200 ELSE 0 END >= 200000)
       AND (案由 LIKE '%烟草专卖零售许可证经营卷烟%' OR 案由 LIKE '%未取得烟草专卖%许可证%卷烟%'
            OR 违法事实 LIKE '%未取得烟草专卖%许可证%销售卷烟%')
        THEN 'MKT-16'

      -- RES-01 非法采矿 (J-MIN16 art. 3): 矿产品价值 ≥ 10万 (the low end of the 10万–30万 range)
      WHEN coalesce("矿产品价值（元）", 0) >= 100000
       AND (案由 LIKE '%未取得采矿许可证%' OR 案由 LIKE '%超越批准的矿区范围%' OR 案由 LIKE '%采矿许可证被注销%'
            OR 案由 LIKE '%未取得河道采砂许可证%' OR 违法事实 LIKE '%未依法取得采矿许可证%')
        THEN 'RES-01'

      -- WLD-01 非法捕捞水产品, inland waters (J-WLD22 art. 3): ≥ 500 公斤, or ≥ 1万元, or
      -- 禁渔期/禁渔区 + 电鱼/毒鱼/炸鱼 whatever the catch
      WHEN 案由 LIKE '%捕捞水产品%'
       AND (coalesce(涉案数量, 0) * CASE 计量单位 WHEN '公斤' THEN 1 WHEN '千克' THEN 1 WHEN '斤' THEN 0.5
                                                WHEN '吨' THEN 1000 ELSE 0 END >= 500
            OR coalesce(涉案金额, 0) >= 10000
            OR ((案由 LIKE '%禁渔期%' OR 案由 LIKE '%禁渔区%' OR 违法事实 LIKE '%禁渔期%' OR 违法事实 LIKE '%禁渔区%')
                AND (案由 || coalesce(违法事实, '') LIKE '%电鱼%'
                     OR 案由 || coalesce(违法事实, '') LIKE '%毒鱼%'
                     OR 案由 || coalesce(违法事实, '') LIKE '%炸鱼%')))
        THEN 'WLD-01'

      -- TAX-01 逃税 (ZS2-2022 art. 52, J-TAX24): 逃税额 ≥ 10万 AND ≥ 10% of 应纳税额 (compared in fen)
      WHEN coalesce("偷逃税款（元）", 0) >= 100000
       AND coalesce("应纳税额（元）", 0) > 0
       AND round("偷逃税款（元）" * 100) * 10 >= round("应纳税额（元）" * 100)
       AND (案由 LIKE '%少缴%' OR 案由 LIKE '%偷逃%')
        THEN 'TAX-01'
    END AS offense,
    是否移送
  FROM cases
)
WHERE offense IS NOT NULL
GROUP BY offense
ORDER BY offense;
