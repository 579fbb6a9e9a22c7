-- bench/peers/sqlite.sql: the 20 threshold rules and the 2 history rules of bench/peers/run.sh,
-- as hand-written SQL for the sqlite3 shell over the SQLite export (table `cases`). Output: one
-- "case_id<TAB>rule_id" line per finding.
--
-- The SQLite export holds clean typed values (amounts in yuan, 涉案金额 included, as INTEGER or
-- REAL; dates as YYYY-MM-DD; quantities as numbers with the unit in 计量单位; NULL when missing), so
-- nothing is parsed here: this is the analyst's best case. Amounts that are added or multiplied are
-- compared in whole fen (REAL arithmetic is not exact), as in bench/screening.sql.
--
-- Rule logic as in rules/*.yaml and bench/peers/duckdb.sql: scope keywords in 案由 or 违法事实
-- (instr), exclusions, 执法领域 containing 税务 (or NULL) for the tax rules, the earliest version's
-- start date (a missing 违法行为发生日期 does not exclude), transferred cases left out; where older
-- versions have lower figures the current ones decide (从旧兼从轻). Each rule is a CASE WHEN
-- condition (compiled like a WHERE clause, so the cheap numeric tests stop most rows before the
-- keyword tests) that sets one bit of `mask`.
.mode tabs
.headers off
PRAGMA temp_store = MEMORY;

CREATE TEMP TABLE f AS
SELECT * FROM (
  SELECT case_id, pid, name, v, d, tr,
    CASE WHEN NOT tr AND (v IS NULL OR v >= '2008-06-25')
          AND (sales >= 50000 OR goods >= 150000 OR 3 * round(sales * 100) + round(goods * 100) >= 15000000)
          AND (instr(t, '以次充好') > 0 OR instr(t, '以假充真') > 0 OR instr(t, '掺杂掺假') > 0 OR instr(t, '掺杂、掺假') > 0 OR instr(t, '不合格产品冒充合格产品') > 0 OR instr(t, '以不合格产品冒充合格产品') > 0 OR instr(t, '伪劣产品') > 0 OR instr(t, '假冒伪劣') > 0 OR instr(t, '伪劣商品') > 0) THEN 1 ELSE 0 END
    | CASE WHEN NOT tr AND (v IS NULL OR v >= '2010-03-26')
          AND (sales >= 50000 OR goods >= 150000 OR 3 * round(sales * 100) + round(goods * 100) >= 15000000)
          AND (instr(t, '假烟') > 0 OR instr(t, '假冒卷烟') > 0 OR instr(t, '伪劣卷烟') > 0 OR instr(t, '假冒伪劣卷烟') > 0 OR instr(t, '伪劣烟草制品') > 0 OR instr(t, '假冒注册商标的卷烟') > 0) THEN 2 ELSE 0 END
    | CASE WHEN NOT tr AND (v IS NULL OR v >= '2010-03-26')
          AND (sales >= 50000 OR income >= 20000 OR (unit = '支' AND qty >= 200000) OR (unit = '条' AND qty >= 1000))
          AND (instr(t, '无烟草专卖零售许可证') > 0 OR instr(t, '未取得烟草专卖零售许可证') > 0 OR instr(t, '未取得烟草专卖批发企业许可证') > 0 OR instr(t, '无烟草专卖批发企业许可证') > 0 OR instr(t, '无证经营卷烟') > 0 OR instr(t, '无证销售卷烟') > 0 OR instr(t, '无证贩卖卷烟') > 0 OR instr(t, '非法经营卷烟') > 0 OR instr(t, '非法经营烟草专卖品') > 0 OR instr(t, '非法运输卷烟') > 0 OR instr(t, '无准运证运输卷烟') > 0 OR instr(t, '无烟草专卖品准运证') > 0 OR instr(t, '销售非法渠道卷烟') > 0 OR instr(t, '非法渠道购进卷烟') > 0 OR instr(t, '非法收购烟叶') > 0) THEN 4 ELSE 0 END
    | CASE WHEN NOT tr AND (v IS NULL OR v >= '2008-06-25') AND sales >= 50000
          AND (instr(t, '不符合保障人体健康和人身、财产安全的国家标准') > 0 OR instr(t, '不符合保障人身、财产安全的国家标准') > 0 OR instr(t, '人身、财产安全的国家标准、行业标准') > 0 OR instr(t, '不符合强制性国家标准') > 0 OR instr(t, '不符合强制性标准') > 0)
          AND NOT (instr(t, '食品安全') > 0 OR instr(t, '化妆品') > 0 OR instr(t, '医疗器械') > 0 OR instr(t, '药品') > 0 OR instr(t, '农药') > 0 OR instr(t, '兽药') > 0 OR instr(t, '化肥') > 0 OR instr(t, '肥料') > 0 OR instr(t, '种子') > 0) THEN 8 ELSE 0 END
    | CASE WHEN NOT tr AND (v IS NULL OR v >= '2008-06-25') AND sales >= 50000
          AND (instr(t, '假农药') > 0 OR instr(t, '劣质农药') > 0 OR instr(t, '伪劣农药') > 0 OR instr(t, '不合格农药') > 0 OR instr(t, '不合格的农药') > 0 OR instr(t, '假兽药') > 0 OR instr(t, '劣兽药') > 0 OR instr(t, '伪劣兽药') > 0 OR instr(t, '不合格兽药') > 0 OR instr(t, '不合格的兽药') > 0 OR instr(t, '假种子') > 0 OR instr(t, '劣种子') > 0 OR instr(t, '伪劣种子') > 0 OR instr(t, '不合格种子') > 0 OR instr(t, '不合格的种子') > 0 OR instr(t, '假化肥') > 0 OR instr(t, '劣质化肥') > 0 OR instr(t, '伪劣化肥') > 0 OR instr(t, '不合格化肥') > 0 OR instr(t, '不合格的化肥') > 0 OR instr(t, '假肥料') > 0 OR instr(t, '伪劣肥料') > 0 OR instr(t, '不合格肥料') > 0 OR instr(t, '不合格的肥料') > 0 OR instr(t, '伪劣农资') > 0 OR instr(t, '假冒伪劣农资') > 0 OR instr(t, '失去使用效能的') > 0) THEN 16 ELSE 0 END
    | CASE WHEN NOT tr AND (v IS NULL OR v >= '2022-01-01') AND (sales >= 100000 OR income >= 50000)
          AND (instr(t, '私设生猪屠宰厂') > 0 OR instr(t, '私设生猪屠宰场') > 0 OR instr(t, '私设屠宰场') > 0 OR instr(t, '私屠滥宰') > 0 OR instr(t, '未经定点从事生猪屠宰') > 0 OR instr(t, '未经定点屠宰') > 0 OR instr(t, '非定点屠宰') > 0 OR instr(t, '未取得生猪定点屠宰证') > 0 OR instr(t, '无证屠宰生猪') > 0 OR instr(t, '非法屠宰生猪') > 0 OR instr(t, '销售瘦肉精') > 0 OR instr(t, '贩卖瘦肉精') > 0 OR instr(t, '生产瘦肉精') > 0 OR instr(t, '饲料中添加禁用') > 0 OR instr(t, '饲料中添加瘦肉精') > 0 OR instr(t, '添加禁用物质的饲料') > 0 OR instr(t, '含有禁用物质的饲料') > 0 OR instr(t, '含有瘦肉精的饲料') > 0 OR instr(t, '禁止用于食品生产、销售的非食品原料') > 0 OR instr(t, '销售非食用物质') > 0) THEN 32 ELSE 0 END
    -- 直接经济损失 is not a column of the export: that criterion of MKT-18 is always unknown.
    | CASE WHEN NOT tr AND (v IS NULL OR v >= '2010-05-07') AND (income >= 100000 OR involved >= 2000000)
          AND (instr(t, '串通投标') > 0 OR instr(t, '相互串通投标') > 0 OR instr(t, '串通投标报价') > 0 OR instr(t, '串标') > 0 OR instr(t, '围标') > 0 OR instr(t, '陪标') > 0 OR instr(t, '与招标人串通') > 0) THEN 64 ELSE 0 END
    | CASE WHEN NOT tr AND (v IS NULL OR v >= '2010-05-07')
          AND (instr(t, '串通投标') > 0 OR instr(t, '相互串通投标') > 0 OR instr(t, '串通投标报价') > 0 OR instr(t, '串标') > 0 OR instr(t, '围标') > 0 OR instr(t, '陪标') > 0 OR instr(t, '与招标人串通') > 0)
          AND (instr(t, '威胁') > 0 OR instr(t, '胁迫') > 0 OR instr(t, '欺骗') > 0 OR instr(t, '贿赂') > 0 OR instr(t, '行贿') > 0 OR instr(t, '好处费') > 0 OR instr(t, '回扣') > 0) THEN 128 ELSE 0 END
    | CASE WHEN NOT tr AND (v IS NULL OR v >= '2016-12-01') AND mineral >= 100000
          AND (instr(t, '未取得采矿许可证') > 0 OR instr(t, '无采矿许可证') > 0 OR instr(t, '无证开采') > 0 OR instr(t, '无证采矿') > 0 OR instr(t, '擅自采矿') > 0 OR instr(t, '擅自开采') > 0 OR instr(t, '非法采矿') > 0 OR instr(t, '非法开采') > 0 OR instr(t, '越界开采') > 0 OR instr(t, '越界采矿') > 0 OR instr(t, '超越批准的矿区范围') > 0 OR instr(t, '超越许可证规定的矿区范围') > 0 OR instr(t, '非法采砂') > 0 OR instr(t, '无证采砂') > 0 OR instr(t, '未取得河道采砂许可证') > 0 OR instr(t, '盗采') > 0 OR instr(t, '私挖滥采') > 0)
          AND NOT (instr(t, '国家规划矿区') > 0 OR instr(t, '对国民经济具有重要价值的矿区') > 0 OR instr(t, '重要价值矿区') > 0 OR instr(t, '保护性开采') > 0 OR instr(t, '禁采区') > 0 OR instr(t, '禁采期') > 0) THEN 256 ELSE 0 END
    | CASE WHEN NOT tr AND (v IS NULL OR v >= '2016-12-01') AND mineral >= 50000
          AND (instr(t, '未取得采矿许可证') > 0 OR instr(t, '无采矿许可证') > 0 OR instr(t, '无证开采') > 0 OR instr(t, '无证采矿') > 0 OR instr(t, '擅自采矿') > 0 OR instr(t, '擅自开采') > 0 OR instr(t, '非法采矿') > 0 OR instr(t, '非法开采') > 0 OR instr(t, '越界开采') > 0 OR instr(t, '越界采矿') > 0 OR instr(t, '超越批准的矿区范围') > 0 OR instr(t, '超越许可证规定的矿区范围') > 0 OR instr(t, '非法采砂') > 0 OR instr(t, '无证采砂') > 0 OR instr(t, '未取得河道采砂许可证') > 0 OR instr(t, '盗采') > 0 OR instr(t, '私挖滥采') > 0)
          AND (instr(t, '国家规划矿区') > 0 OR instr(t, '对国民经济具有重要价值的矿区') > 0 OR instr(t, '重要价值矿区') > 0 OR instr(t, '保护性开采') > 0 OR instr(t, '禁采区') > 0 OR instr(t, '禁采期') > 0) THEN 512 ELSE 0 END
    | CASE WHEN NOT tr AND (v IS NULL OR v >= '2016-12-01') AND mineral >= 500000
          AND (instr(t, '破坏性开采') > 0 OR instr(t, '破坏性采矿') > 0 OR instr(t, '破坏性的开采方法') > 0 OR instr(t, '采富弃贫') > 0 OR instr(t, '采易弃难') > 0 OR instr(t, '采厚弃薄') > 0 OR instr(t, '采主弃副') > 0 OR instr(t, '严重破坏矿产资源') > 0 OR instr(t, '矿产资源严重破坏') > 0)
          AND NOT (instr(t, '国家规划矿区') > 0 OR instr(t, '对国民经济具有重要价值的矿区') > 0 OR instr(t, '重要价值矿区') > 0 OR instr(t, '保护性开采') > 0) THEN 1024 ELSE 0 END
    | CASE WHEN NOT tr AND (v IS NULL OR v >= '2016-12-01') AND mineral >= 250000
          AND (instr(t, '破坏性开采') > 0 OR instr(t, '破坏性采矿') > 0 OR instr(t, '破坏性的开采方法') > 0 OR instr(t, '采富弃贫') > 0 OR instr(t, '采易弃难') > 0 OR instr(t, '采厚弃薄') > 0 OR instr(t, '采主弃副') > 0 OR instr(t, '严重破坏矿产资源') > 0 OR instr(t, '矿产资源严重破坏') > 0)
          AND (instr(t, '国家规划矿区') > 0 OR instr(t, '对国民经济具有重要价值的矿区') > 0 OR instr(t, '重要价值矿区') > 0 OR instr(t, '保护性开采') > 0) THEN 2048 ELSE 0 END
    | CASE WHEN NOT tr AND (v IS NULL OR v >= '2008-06-25') AND (kg >= 500 OR involved >= 10000)
          AND (instr(t, '非法捕捞') > 0 OR instr(t, '禁渔期') > 0 OR instr(t, '禁渔区') > 0 OR instr(t, '休渔期') > 0 OR instr(t, '电鱼') > 0 OR instr(t, '毒鱼') > 0 OR instr(t, '炸鱼') > 0 OR instr(t, '电捕') > 0 OR instr(t, '禁用渔具') > 0 OR instr(t, '禁用的工具') > 0 OR instr(t, '禁用的方法') > 0 OR instr(t, '地笼网') > 0 OR instr(t, '绝户网') > 0)
          AND NOT (instr(t, '海域') > 0 OR instr(t, '海洋捕捞') > 0 OR instr(t, '近海') > 0 OR instr(t, '海上') > 0) THEN 4096 ELSE 0 END
    | CASE WHEN NOT tr AND (v IS NULL OR v >= '2008-06-25') AND (kg >= 50 OR involved >= 1000)
          AND (instr(t, '非法捕捞') > 0 OR instr(t, '禁渔期') > 0 OR instr(t, '禁渔区') > 0 OR instr(t, '休渔期') > 0 OR instr(t, '电鱼') > 0 OR instr(t, '毒鱼') > 0 OR instr(t, '炸鱼') > 0 OR instr(t, '电捕') > 0 OR instr(t, '禁用渔具') > 0 OR instr(t, '禁用的工具') > 0 OR instr(t, '禁用的方法') > 0 OR instr(t, '地笼网') > 0 OR instr(t, '绝户网') > 0)
          AND (instr(t, '苗种') > 0 OR instr(t, '怀卵亲体') > 0 OR instr(t, '种质资源保护区') > 0)
          AND NOT (instr(t, '海域') > 0 OR instr(t, '海洋捕捞') > 0 OR instr(t, '近海') > 0 OR instr(t, '海上') > 0) THEN 8192 ELSE 0 END
    | CASE WHEN NOT tr AND (v IS NULL OR v >= '2008-06-25')
          AND (instr(t, '禁渔期') > 0 OR instr(t, '禁渔区') > 0 OR instr(t, '休渔期') > 0)
          AND (instr(t, '电鱼') > 0 OR instr(t, '毒鱼') > 0 OR instr(t, '炸鱼') > 0 OR instr(t, '电捕') > 0 OR instr(t, '电击') > 0 OR instr(t, '投毒') > 0 OR instr(t, '炸药') > 0)
          AND NOT (instr(t, '海域') > 0 OR instr(t, '海洋捕捞') > 0 OR instr(t, '近海') > 0 OR instr(t, '海上') > 0) THEN 16384 ELSE 0 END
    -- 偷逃税款 / 应纳税额 ≥ 10 %, exactly, in fen: 10 × 偷逃税款 ≥ 应纳税额 (reversed when negative).
    | CASE WHEN NOT tr AND (v IS NULL OR v >= '2010-05-07') AND taxd AND evaded >= 100000
          AND ((payable > 0 AND 10 * round(evaded * 100) >= round(payable * 100))
               OR (payable < 0 AND 10 * round(evaded * 100) <= round(payable * 100)))
          AND (instr(t, '逃税') > 0 OR instr(t, '偷税') > 0 OR instr(t, '逃避缴纳税款') > 0 OR instr(t, '少缴税款') > 0 OR instr(t, '少缴增值税') > 0 OR instr(t, '少缴企业所得税') > 0 OR instr(t, '少缴个人所得税') > 0 OR instr(t, '少缴印花税') > 0 OR instr(t, '虚假纳税申报') > 0 OR instr(t, '进行虚假的纳税申报') > 0 OR instr(t, '不进行纳税申报') > 0 OR instr(t, '隐匿收入') > 0 OR instr(t, '账外经营') > 0 OR instr(t, '设置账外账') > 0 OR instr(t, '两套账') > 0 OR instr(t, '虚列支出') > 0 OR instr(t, '少列收入') > 0) THEN 32768 ELSE 0 END
    | CASE WHEN NOT tr AND taxd AND coalesce(evaded, involved) >= 10000
          AND (instr(t, '欠缴税款') > 0 OR instr(t, '欠缴的税款') > 0 OR instr(t, '欠缴应纳税款') > 0 OR instr(t, '欠税') > 0 OR instr(t, '欠缴增值税') > 0 OR instr(t, '欠缴企业所得税') > 0 OR instr(t, '欠缴个人所得税') > 0 OR instr(t, '欠缴土地增值税') > 0 OR instr(t, '欠缴房产税') > 0 OR instr(t, '欠缴城镇土地使用税') > 0)
          AND (instr(t, '转移财产') > 0 OR instr(t, '隐匿财产') > 0 OR instr(t, '转移或者隐匿财产') > 0 OR instr(t, '转移或隐匿财产') > 0 OR instr(t, '妨碍税务机关追缴') > 0 OR instr(t, '逃避追缴') > 0 OR instr(t, '放弃到期债权') > 0 OR instr(t, '无偿转让财产') > 0 OR instr(t, '明显不合理的价格') > 0 OR instr(t, '脱离税务机关监管') > 0 OR instr(t, '转移存款') > 0 OR instr(t, '转移资金') > 0) THEN 65536 ELSE 0 END
    | CASE WHEN NOT tr AND (v IS NULL OR v >= '2010-05-07') AND taxd AND coalesce(involved, evaded) >= 100000
          AND (instr(t, '骗取出口退税') > 0 OR instr(t, '骗取国家出口退税款') > 0 OR instr(t, '骗取出口退税款') > 0 OR instr(t, '骗取出口退（免）税') > 0 OR instr(t, '骗取出口退(免)税') > 0 OR instr(t, '骗取退税款') > 0 OR instr(t, '假报出口') > 0 OR instr(t, '骗税') > 0) THEN 131072 ELSE 0 END
    -- 虚开税款数额 is not a column of the export: only 偷逃税款 (the tax loss) can decide TAX-04.
    | CASE WHEN NOT tr AND (v IS NULL OR v >= '2010-05-07') AND taxd AND evaded >= 50000
          AND (instr(t, '虚开增值税专用发票') > 0 OR instr(t, '虚开的增值税专用发票') > 0 OR instr(t, '虚开专用发票') > 0 OR instr(t, '虚开的专用发票') > 0 OR instr(t, '虚开增值税专票') > 0 OR instr(t, '虚开专票') > 0 OR instr(t, '虚开用于骗取出口退税、抵扣税款的') > 0 OR instr(t, '虚开用于抵扣税款的') > 0)
          AND NOT (instr(t, '善意取得') > 0) THEN 262144 ELSE 0 END
    | CASE WHEN NOT tr AND taxd AND income >= 10000
          AND (instr(t, '非法出售增值税专用发票') > 0 OR instr(t, '出售增值税专用发票') > 0 OR instr(t, '倒卖增值税专用发票') > 0 OR instr(t, '贩卖增值税专用发票') > 0 OR instr(t, '转让增值税专用发票') > 0 OR instr(t, '买卖增值税专用发票') > 0 OR instr(t, '出售专用发票') > 0 OR instr(t, '出售专票') > 0)
          AND NOT (instr(t, '伪造') > 0 OR instr(t, '假增值税专用发票') > 0 OR instr(t, '假专票') > 0 OR instr(t, '私自印制') > 0 OR instr(t, '非法印制') > 0) THEN 524288 ELSE 0 END
    -- History rules: the conduct (member) and, for HIST-TOB, the new act's own criterion.
    | CASE WHEN (v IS NULL OR v >= '2010-03-26') AND (instr(t, '无烟草专卖零售许可证') > 0 OR instr(t, '未取得烟草专卖零售许可证') > 0 OR instr(t, '未取得烟草专卖批发企业许可证') > 0 OR instr(t, '无烟草专卖批发企业许可证') > 0 OR instr(t, '无证经营卷烟') > 0 OR instr(t, '无证销售卷烟') > 0 OR instr(t, '无证贩卖卷烟') > 0 OR instr(t, '非法经营卷烟') > 0 OR instr(t, '非法经营烟草专卖品') > 0 OR instr(t, '非法运输卷烟') > 0 OR instr(t, '无准运证运输卷烟') > 0 OR instr(t, '无烟草专卖品准运证') > 0 OR instr(t, '销售非法渠道卷烟') > 0 OR instr(t, '非法渠道购进卷烟') > 0 OR instr(t, '非法收购烟叶') > 0) THEN 1048576 ELSE 0 END
    | CASE WHEN sales >= 30000 THEN 2097152 ELSE 0 END
    | CASE WHEN (v IS NULL OR v >= '2016-12-01') AND (instr(t, '未取得采矿许可证') > 0 OR instr(t, '无采矿许可证') > 0 OR instr(t, '无证开采') > 0 OR instr(t, '无证采矿') > 0 OR instr(t, '擅自采矿') > 0 OR instr(t, '擅自开采') > 0 OR instr(t, '非法采矿') > 0 OR instr(t, '非法开采') > 0 OR instr(t, '越界开采') > 0 OR instr(t, '越界采矿') > 0 OR instr(t, '超越批准的矿区范围') > 0 OR instr(t, '超越许可证规定的矿区范围') > 0 OR instr(t, '非法采砂') > 0 OR instr(t, '无证采砂') > 0 OR instr(t, '未取得河道采砂许可证') > 0 OR instr(t, '盗采') > 0 OR instr(t, '私挖滥采') > 0) THEN 4194304 ELSE 0 END
    AS mask
  FROM (
    SELECT "案件编号" AS case_id, "证件号码" AS pid, "当事人名称" AS name,
      coalesce("案由", '') || char(10) || coalesce("违法事实", '') AS t,
      ("执法领域" IS NULL OR instr("执法领域", '税务') > 0) AS taxd,
      "违法行为发生日期" AS v, "处罚决定日期" AS d,
      (coalesce("是否移送", '') IN ('是', '已移送', '1') OR "移送日期" IS NOT NULL) AS tr,
      "违法所得（元）" AS income, "销售金额（元）" AS sales, "货值金额（元）" AS goods, "涉案金额" AS involved,
      "矿产品价值（元）" AS mineral, "偷逃税款（元）" AS evaded, "应纳税额（元）" AS payable,
      "涉案数量" AS qty, "计量单位" AS unit,
      "涉案数量" * CASE "计量单位" WHEN '公斤' THEN 1 WHEN '千克' THEN 1 WHEN '斤' THEN 0.5 WHEN '吨' THEN 1000
                                   WHEN '克' THEN 0.001 END AS kg
    FROM cases
  )
) WHERE mask <> 0;

CREATE TEMP TABLE rule_bits(bit INTEGER, rule TEXT);
INSERT INTO rule_bits VALUES (1, 'MKT-01'), (2, 'MKT-01-TOB-FAKE'), (4, 'MKT-16-TOB'), (8, 'MKT-08-149'),
  (16, 'MKT-09-149'), (32, 'MKT-16-FOOD'), (64, 'MKT-18'), (128, 'MKT-18-MEANS'), (256, 'RES-01'),
  (512, 'RES-01-SPECIAL'), (1024, 'RES-02'), (2048, 'RES-02-SPECIAL'), (4096, 'WLD-01'), (8192, 'WLD-01-SEED'),
  (16384, 'WLD-01-METHOD'), (32768, 'TAX-01'), (65536, 'TAX-02'), (131072, 'TAX-03'), (262144, 'TAX-04'),
  (524288, 'TAX-06-SALE');

-- Party: 证件号码; without one, the id that goes with the same (folded) name when exactly one
-- does, else the name. Folding: no spaces, （）→(), upper case, a trailing (个体工商户)/(个体户)/
-- (个体) dropped, 有限责任公司 = 有限公司 (the subset of xianjie's rules that the data needs).
CREATE TEMP TABLE m AS
WITH n AS (
  SELECT case_id, nullif(upper(trim(pid)), '') AS idk,
    replace(replace(replace(replace(replace(replace(coalesce(name, ''), ' ', ''), '　', ''), '（', '('), '）', ')'),
            '有限责任公司', '有限公司'), '股份公司', '股份有限公司') AS nm0,
    v, d, tr, mask
  FROM f WHERE mask & (1048576 | 4194304)
), n2 AS (
  SELECT *, nullif(upper(CASE
      WHEN nm0 LIKE '%(个体工商户)' THEN substr(nm0, 1, length(nm0) - 7)
      WHEN nm0 LIKE '%(个体户)' THEN substr(nm0, 1, length(nm0) - 5)
      WHEN nm0 LIKE '%(个体)' THEN substr(nm0, 1, length(nm0) - 4)
      ELSE nm0 END), '') AS nk
  FROM n
)
SELECT case_id, idk, nk, v, d, tr, 'HIST-TOB' AS rule, (mask & 2097152) <> 0 AS act, 3 AS years FROM n2 WHERE mask & 1048576
UNION ALL
SELECT case_id, idk, nk, v, d, tr, 'HIST-MIN', 1, 2 FROM n2 WHERE mask & 4194304;

CREATE TEMP TABLE k AS
WITH name_id AS (
  SELECT nk, min(idk) AS idk FROM (SELECT DISTINCT case_id, idk, nk FROM m)
  WHERE idk IS NOT NULL AND nk IS NOT NULL GROUP BY nk HAVING count(DISTINCT idk) = 1
)
SELECT m.*, coalesce(m.idk, name_id.idk, 'name:' || m.nk) AS pkey,
  -- D + window in calendar years; SQLite rolls 29 February over to 1 March, xianjie stops at 28 February.
  NULL AS reach
FROM m LEFT JOIN name_id ON m.idk IS NULL AND name_id.nk = m.nk;
UPDATE k SET reach = CASE
  WHEN strftime('%d', date(d, '+' || years || ' years')) <> strftime('%d', d)
    THEN date(date(d, '+' || years || ' years'), 'start of month', '-1 day')
  ELSE date(d, '+' || years || ' years') END
WHERE d IS NOT NULL;
CREATE INDEX k_party ON k(rule, pkey);

SELECT case_id, rule FROM f JOIN rule_bits ON f.mask & rule_bits.bit
UNION ALL
SELECT a.case_id, a.rule
FROM k a JOIN k p ON p.rule = a.rule AND p.pkey = a.pkey AND p.case_id <> a.case_id
WHERE a.act AND NOT a.tr AND a.v IS NOT NULL AND p.d IS NOT NULL AND p.d <= a.v AND a.v <= p.reach
GROUP BY a.case_id, a.rule HAVING count(*) >= 2;
