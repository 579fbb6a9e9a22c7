// The table of ordinary case types and the code that turns one into a record (see
// ordinary_cases.h).
//
// Placeholders in titles and facts: {P} the party as the title names it, {D} the date of the
// conduct, {A} an address, {X} one of the type's items, {N} the quantity with its unit, {M} the
// amount. Amounts stay far from any criminal threshold of their own kind of conduct.
#include "ordinary_cases.h"

#include <algorithm>
#include <array>

#include "text_out.h"

namespace xianjie::synth {
namespace {

enum class Penalty : uint8_t { kWarning, kFine, kWarningOrFine, kConfiscateFine, kGoodsFine, kSuspendFine };
enum class MoneyKind : uint8_t { kNone, kSales, kGoods, kIncome };

struct CaseType {
  AgencyKind agency;
  std::string_view domain;
  std::array<uint8_t, 3> parties;  // weights: individual, 个体工商户, unit
  std::string_view shop;           // business name ending for 个体工商户 ("便利店")
  std::string_view trade;          // unit name middle ("建材" → 某某建材有限公司)
  std::string_view reason;
  std::string_view facts;
  std::array<std::string_view, 6> items;
  Penalty penalty;
  int64_t fine_lo, fine_hi;  // yuan
  MoneyKind money;
  int64_t money_lo, money_hi;  // yuan
  QuantityUnit unit;
  int64_t qty_lo, qty_hi;  // × 1000
  bool rural;
  uint16_t weight;
};

using A = AgencyKind;
using U = QuantityUnit;
using P = Penalty;
using M = MoneyKind;

// clang-format off
const CaseType kTypes[] = {
  // 市场监管
  {A::kMarket, "市场监管", {20, 60, 20}, "便利店", "商贸", "{P}未按规定明码标价案",
   "经查，当事人于{D}在{A}经营{X}，未按规定标明价格，违反了《明码标价和禁止价格欺诈规定》第五条的规定。",
   {"水果", "日用百货", "服装鞋帽", "蔬菜", "粮油", "电子产品"}, P::kWarningOrFine, 500, 5000, M::kNone, 0, 0, U::kNone, 0, 0, false, 6},
  {A::kMarket, "市场监管", {40, 60, 0}, "烟酒店", "", "卷烟零售户{P}未按规定明码标价案",
   "经查，当事人系卷烟零售户，于{D}在{A}销售的“{X}”等卷烟未按规定标明价格。",
   {"中华", "玉溪", "利群", "芙蓉王", "黄鹤楼", "云烟"}, P::kWarningOrFine, 200, 2000, M::kNone, 0, 0, U::kNone, 0, 0, false, 2},
  {A::kMarket, "市场监管", {20, 60, 20}, "超市", "食品", "{P}销售标签不符合规定的预包装食品案",
   "经查，当事人于{D}在{A}销售的{X}标签未标注生产日期和保质期，货值金额{M}。",
   {"饼干", "调味品", "糕点", "饮料", "坚果炒货", "速冻食品"}, P::kGoodsFine, 5000, 20000, M::kGoods, 200, 8000, U::kNone, 0, 0, false, 5},
  {A::kMarket, "市场监管", {15, 65, 20}, "超市", "商贸", "{P}经营超过保质期的食品案",
   "经查，当事人于{D}在{A}经营超过保质期的{X}共{N}，货值金额{M}。",
   {"牛奶", "面包", "方便面", "火腿肠", "酸奶", "月饼"}, P::kGoodsFine, 5000, 30000, M::kGoods, 100, 3000, U::kPiece, 5000, 80000, false, 6},
  {A::kMarket, "市场监管", {10, 40, 50}, "五金店", "建材", "{P}销售的{X}未标注生产厂名厂址案",
   "经查，当事人自{D}起在{A}销售的{X}产品未标注中文生产厂名和厂址，违反了《中华人民共和国产品质量法》第二十七条的规定，销售金额{M}。",
   {"电线电缆", "插线板", "建筑用钢筋", "塑料管材", "涂料", "瓷砖"}, P::kWarningOrFine, 1000, 20000, M::kSales, 2000, 180000, U::kNone, 0, 0, false, 3},
  {A::kMarket, "市场监管", {10, 30, 60}, "进口商品店", "国际贸易", "{P}销售无中文标签的进口{X}案",
   "经查，当事人于{D}起在{A}销售的进口{X}无中文标签，已销售金额{M}。",
   {"奶粉", "葡萄酒", "化妆品", "保健食品", "橄榄油", "咖啡"}, P::kGoodsFine, 5000, 100000, M::kSales, 5000, 250000, U::kNone, 0, 0, false, 2},
  {A::kMarket, "市场监管", {10, 30, 60}, "网店", "电子商务", "{P}对商品作虚假宣传案",
   "经查，当事人于{D}起在其网店宣传所售{X}具有“根治”“无副作用”等功效，与实际情况不符，违法所得{M}。",
   {"净水器", "按摩椅", "空气净化器", "护肤品", "代餐粉", "足贴"}, P::kConfiscateFine, 20000, 200000, M::kIncome, 500, 60000, U::kNone, 0, 0, false, 3},
  {A::kMarket, "市场监管", {40, 60, 0}, "小吃店", "", "{P}未取得食品经营许可从事食品经营活动案",
   "经查，当事人未取得食品经营许可证，于{D}起在{A}经营{X}，货值金额{M}。",
   {"熟食", "凉菜", "奶茶", "烧烤", "糕点", "盒饭"}, P::kGoodsFine, 5000, 50000, M::kGoods, 300, 9000, U::kNone, 0, 0, false, 4},
  {A::kMarket, "市场监管", {20, 60, 20}, "餐馆", "餐饮管理", "{P}食品经营许可证有效期届满未延续仍从事食品经营案",
   "经查，当事人的食品经营许可证有效期至{D}，届满后未申请延续，仍在{A}从事{X}经营。",
   {"餐饮服务", "预包装食品销售", "散装食品销售", "热食类食品制售", "", ""}, P::kWarningOrFine, 5000, 20000, M::kNone, 0, 0, U::kNone, 0, 0, false, 2},
  {A::kMarket, "市场监管", {0, 10, 90}, "", "物业管理", "{P}使用未经定期检验的特种设备案",
   "经查，当事人在{A}使用的{X}检验有效期已于{D}届满，超期未检验仍继续使用。",
   {"电梯", "叉车", "压力容器", "锅炉", "起重机械", "场内机动车辆"}, P::kFine, 30000, 100000, M::kNone, 0, 0, U::kNone, 0, 0, false, 3},
  {A::kMarket, "市场监管", {30, 60, 10}, "农贸摊位", "商贸", "{P}使用未经检定的计量器具案",
   "经查，当事人于{D}在{A}使用的{X}未经检定，违反了《中华人民共和国计量法》的规定。",
   {"电子计价秤", "台秤", "加油机", "出租汽车计价器", "", ""}, P::kWarningOrFine, 200, 1000, M::kNone, 0, 0, U::kNone, 0, 0, false, 2},
  {A::kMarket, "市场监管", {30, 60, 10}, "服饰店", "服饰", "{P}销售侵犯注册商标专用权的{X}案",
   "经查，当事人于{D}在{A}销售标有他人注册商标的{X}{N}，经权利人鉴定为侵权商品，销售金额{M}。",
   {"运动鞋", "箱包", "服装", "手机配件", "眼镜", "手表"}, P::kGoodsFine, 1000, 40000, M::kSales, 300, 9000, U::kPiece, 3000, 120000, false, 3},
  {A::kMarket, "市场监管", {10, 50, 40}, "车行", "车业", "{P}销售未经强制性产品认证的电动自行车案",
   "经查，当事人于{D}起在{A}销售未获得强制性产品认证的电动自行车{N}，销售金额{M}。",
   {"", "", "", "", "", ""}, P::kGoodsFine, 5000, 80000, M::kSales, 3000, 90000, U::kPiece, 2000, 60000, false, 1},
  {A::kMarket, "市场监管", {60, 40, 0}, "经营部", "", "{P}未依法取得营业执照从事经营活动案",
   "经查，当事人未依法取得营业执照，自{D}起在{A}从事{X}经营活动，违法所得{M}。",
   {"废品收购", "二手家电销售", "美甲", "家政服务", "水果批发", "手机维修"}, P::kConfiscateFine, 1000, 10000, M::kIncome, 200, 8000, U::kNone, 0, 0, false, 3},
  {A::kMarket, "市场监管", {0, 0, 100}, "", "科技", "{P}变更住所未依法办理变更登记案",
   "经查，当事人于{D}将住所迁至{A}，未依法办理变更登记。",
   {"", "", "", "", "", ""}, P::kFine, 10000, 50000, M::kNone, 0, 0, U::kNone, 0, 0, false, 2},
  {A::kMarket, "市场监管", {50, 50, 0}, "烟酒店", "", "{P}向未成年人出售卷烟案",
   "经查，当事人于{D}在{A}向未成年人出售“{X}”牌卷烟。",
   {"中华", "利群", "玉溪", "双喜", "红塔山", "南京"}, P::kWarningOrFine, 500, 5000, M::kNone, 0, 0, U::kNone, 0, 0, false, 1},
  // 烟草专卖: licensed retailers, small quantities
  {A::kTobacco, "烟草专卖", {40, 60, 0}, "烟酒店", "", "{P}未在当地烟草专卖批发企业进货案",
   "经查，当事人持有烟草专卖零售许可证，于{D}从非指定渠道购进“{X}”等卷烟{N}，货值金额{M}。",
   {"中华", "玉溪", "利群", "芙蓉王", "黄鹤楼", "云烟"}, P::kGoodsFine, 100, 3000, M::kGoods, 1000, 30000, U::kCarton, 5000, 80000, false, 3},
  {A::kTobacco, "烟草专卖", {40, 60, 0}, "便利店", "", "{P}未按规定悬挂烟草专卖零售许可证案",
   "经查，当事人于{D}在{A}经营卷烟，未在经营场所明显位置悬挂烟草专卖零售许可证。",
   {"", "", "", "", "", ""}, P::kWarning, 0, 0, M::kNone, 0, 0, U::kNone, 0, 0, false, 1},
  // 城市管理
  {A::kCityManagement, "城市管理", {70, 30, 0}, "水果店", "", "{P}未经批准擅自占用城市道路从事经营活动案",
   "经查，当事人于{D}未经批准在{A}人行道上摆摊经营{X}。",
   {"水果", "小吃", "日用品", "花卉", "烧烤", "蔬菜"}, P::kWarningOrFine, 200, 2000, M::kNone, 0, 0, U::kNone, 0, 0, false, 5},
  {A::kCityManagement, "城市管理", {10, 40, 50}, "广告部", "广告", "{P}擅自设置户外广告设施案",
   "经查，当事人于{D}未经批准在{A}擅自设置{X}。",
   {"户外广告牌", "立柱广告", "楼顶广告字", "LED显示屏", "灯箱广告", "条幅"}, P::kFine, 1000, 10000, M::kNone, 0, 0, U::kNone, 0, 0, false, 3},
  {A::kCityManagement, "城市管理", {20, 10, 70}, "运输队", "土石方工程", "{P}运输车辆沿途丢弃遗撒建筑垃圾案",
   "经查，当事人的渣土运输车辆于{D}在{A}沿途遗撒建筑垃圾。",
   {"", "", "", "", "", ""}, P::kFine, 5000, 50000, M::kNone, 0, 0, U::kNone, 0, 0, false, 3},
  {A::kCityManagement, "城市管理", {70, 10, 20}, "", "置业", "{P}违法建设案",
   "经查，当事人未取得建设工程规划许可证，于{D}在{A}擅自搭建{X}，建筑面积{N}。",
   {"彩钢棚", "砖混结构房屋", "简易仓库", "阳光房", "钢结构雨棚", "附属用房"}, P::kFine, 2000, 60000, M::kNone, 0, 0, U::kSquareMeter, 10000, 400000, false, 3},
  {A::kCityManagement, "城市管理", {20, 70, 10}, "餐馆", "餐饮管理", "{P}餐饮服务项目未安装油烟净化设施案",
   "经查，当事人在{A}经营{X}，未安装油烟净化设施，油烟直接排放。",
   {"烧烤", "川菜馆", "快餐", "火锅", "面馆", "大排档"}, P::kFine, 5000, 50000, M::kNone, 0, 0, U::kNone, 0, 0, false, 2},
  // 交通运输
  {A::kTransport, "交通运输", {60, 20, 20}, "货运部", "物流", "{P}未取得道路运输经营许可擅自从事道路运输经营案",
   "经查，当事人未取得道路运输经营许可，于{D}驾驶车辆从事{X}经营，违法所得{M}。",
   {"道路货物运输", "道路旅客运输", "网约车", "校车接送", "", ""}, P::kConfiscateFine, 10000, 100000, M::kIncome, 100, 20000, U::kNone, 0, 0, false, 4},
  {A::kTransport, "交通运输", {60, 10, 30}, "", "物流", "{P}驾驶超限运输车辆在公路上行驶案",
   "经查，当事人于{D}驾驶货车在{A}路段超限运输{X}，车货总重超过限定标准。",
   {"砂石", "钢材", "水泥", "煤炭", "集装箱", "机械设备"}, P::kFine, 500, 30000, M::kNone, 0, 0, U::kNone, 0, 0, false, 4},
  {A::kTransport, "交通运输", {20, 10, 70}, "汽车修理厂", "运输", "{P}道路运输车辆未按规定进行二级维护案",
   "经查，当事人所属营运车辆于{D}前未按规定进行二级维护。",
   {"", "", "", "", "", ""}, P::kFine, 1000, 5000, M::kNone, 0, 0, U::kNone, 0, 0, false, 2},
  // 生态环境
  {A::kEnvironment, "生态环境", {0, 10, 90}, "", "实业", "{P}未依法报批建设项目环境影响评价文件擅自开工建设案",
   "经查，当事人{X}建设项目未依法报批环境影响评价文件，于{D}擅自开工建设。",
   {"年产5万吨塑料制品", "汽车零部件加工", "家具制造", "混凝土搅拌站", "食品加工", "电镀生产线"}, P::kFine, 50000, 500000, M::kNone, 0, 0, U::kNone, 0, 0, false, 3},
  {A::kEnvironment, "生态环境", {0, 20, 80}, "加工厂", "机械", "{P}工业噪声超过国家规定的排放标准案",
   "经查，当事人于{D}在{A}的生产过程中，厂界噪声超过国家规定的排放标准。",
   {"", "", "", "", "", ""}, P::kFine, 10000, 100000, M::kNone, 0, 0, U::kNone, 0, 0, false, 2},
  {A::kEnvironment, "生态环境", {0, 10, 90}, "", "化工", "{P}未按规定设置危险废物识别标志案",
   "经查，当事人于{D}被检查时，其{X}贮存场所未按规定设置危险废物识别标志。",
   {"废矿物油", "废活性炭", "废包装桶", "废酸", "漆渣", "废乳化液"}, P::kFine, 10000, 100000, M::kNone, 0, 0, U::kNone, 0, 0, false, 2},
  // 应急管理
  {A::kEmergency, "应急管理", {0, 10, 90}, "", "制造", "{P}未按规定对从业人员进行安全生产教育和培训案",
   "经查，当事人于{D}前未按规定对{X}岗位从业人员进行安全生产教育和培训。",
   {"焊接", "粉尘作业", "有限空间作业", "叉车驾驶", "危险化学品仓储", "冲压"}, P::kFine, 10000, 50000, M::kNone, 0, 0, U::kNone, 0, 0, false, 4},
  {A::kEmergency, "应急管理", {0, 10, 90}, "", "化工", "{P}未在有较大危险因素的生产经营场所设置明显的安全警示标志案",
   "经查，当事人于{D}在{A}的{X}未设置明显的安全警示标志。",
   {"配电房", "危险化学品仓库", "有限空间入口", "粉尘作业区", "", ""}, P::kFine, 10000, 50000, M::kNone, 0, 0, U::kNone, 0, 0, false, 3},
  {A::kEmergency, "应急管理", {0, 10, 90}, "", "建材", "{P}特种作业人员未按规定经专门的安全作业培训并取得相应资格上岗作业案",
   "经查，当事人于{D}安排未取得{X}作业证的人员上岗作业。",
   {"电工", "焊接与热切割", "高处", "制冷与空调", "", ""}, P::kFine, 10000, 50000, M::kNone, 0, 0, U::kNone, 0, 0, false, 2},
  // 人社
  {A::kHumanResources, "人社", {0, 20, 80}, "", "服装", "{P}安排劳动者延长工作时间超过法定限额案",
   "经查，当事人于{D}起安排{X}员工每月延长工作时间超过三十六小时。",
   {"生产线", "仓库", "门店", "车间", "", ""}, P::kWarningOrFine, 1000, 20000, M::kNone, 0, 0, U::kNone, 0, 0, false, 2},
  {A::kHumanResources, "人社", {0, 30, 70}, "", "家政服务", "{P}未按规定办理社会保险登记案",
   "经查，当事人自{D}起用工，未按规定办理社会保险登记。",
   {"", "", "", "", "", ""}, P::kFine, 500, 3000, M::kNone, 0, 0, U::kNone, 0, 0, false, 1},
  // 卫生健康
  {A::kHealth, "卫生健康", {10, 70, 20}, "理发店", "酒店管理", "{P}公共场所卫生许可证有效期届满未延续仍继续营业案",
   "经查，当事人的公共场所卫生许可证有效期至{D}，届满后未办理延续，仍在{A}经营{X}。",
   {"美容美发", "足浴", "住宿", "游泳馆", "", ""}, P::kWarningOrFine, 500, 5000, M::kNone, 0, 0, U::kNone, 0, 0, false, 3},
  {A::kHealth, "卫生健康", {10, 70, 20}, "足浴店", "酒店管理", "{P}安排未获得有效健康合格证明的从业人员从事直接为顾客服务工作案",
   "经查，当事人于{D}安排未获得有效健康合格证明的从业人员在{A}从事{X}服务。",
   {"美容美发", "足浴", "客房", "游泳救生", "", ""}, P::kWarningOrFine, 500, 2000, M::kNone, 0, 0, U::kNone, 0, 0, false, 2},
  // 自然资源
  {A::kNaturalResources, "自然资源", {70, 10, 20}, "养殖场", "农业开发", "{P}未经批准非法占用土地建{X}案",
   "经查，当事人未经批准，于{D}擅自占用{A}集体土地建{X}，占地面积{N}。",
   {"住宅", "厂房", "仓库", "养殖棚", "停车场", "农家乐"}, P::kFine, 1000, 30000, M::kNone, 0, 0, U::kSquareMeter, 50000, 900000, true, 3},
  {A::kNaturalResources, "自然资源", {0, 0, 100}, "", "矿业", "{P}采矿权人未按规定汇交地质资料案",
   "经查，当事人作为采矿权人，未按规定于{D}前汇交{X}地质资料。",
   {"建筑用砂矿", "石灰岩矿", "页岩矿", "花岗岩矿", "", ""}, P::kFine, 3000, 10000, M::kNone, 0, 0, U::kNone, 0, 0, true, 1},
  {A::kNaturalResources, "自然资源", {0, 0, 100}, "", "矿业", "{P}未按规定履行矿山地质环境治理恢复义务案",
   "经查，当事人持有采矿许可证，截至{D}未按矿山地质环境保护与土地复垦方案履行治理恢复义务。",
   {"", "", "", "", "", ""}, P::kFine, 10000, 50000, M::kNone, 0, 0, U::kNone, 0, 0, true, 1},
  // 农业农村 (fisheries and others)
  {A::kAgriculture, "农业农村", {90, 0, 10}, "", "渔业", "{P}渔船未按规定标写船名号案",
   "经查，当事人所有的渔船于{D}在{A}附近水域作业时，未按规定标写船名号。",
   {"", "", "", "", "", ""}, P::kWarningOrFine, 200, 2000, M::kNone, 0, 0, U::kNone, 0, 0, true, 2},
  {A::kAgriculture, "农业农村", {90, 0, 10}, "", "渔业", "{P}未按规定填写渔捞日志案",
   "经查，当事人于{D}出海（湖）作业，未按规定填写渔捞日志。",
   {"", "", "", "", "", ""}, P::kWarningOrFine, 100, 1000, M::kNone, 0, 0, U::kNone, 0, 0, true, 1},
  {A::kAgriculture, "农业农村", {10, 70, 20}, "农资店", "农资", "{P}农药经营者未按规定建立采购、销售台账案",
   "经查，当事人于{D}被检查时，经营的{X}等农药未按规定建立采购、销售台账。",
   {"吡虫啉", "草甘膦", "多菌灵", "阿维菌素", "代森锰锌", "高效氯氰菊酯"}, P::kWarningOrFine, 2000, 20000, M::kNone, 0, 0, U::kNone, 0, 0, true, 2},
  {A::kAgriculture, "农业农村", {60, 20, 20}, "养殖场", "牧业", "{P}未取得动物防疫条件合格证从事动物饲养案",
   "经查，当事人于{D}起在{A}饲养{X}{N}，未取得动物防疫条件合格证。",
   {"生猪", "肉牛", "山羊", "蛋鸡", "", ""}, P::kWarningOrFine, 3000, 30000, M::kNone, 0, 0, U::kNone, 0, 0, true, 1},
  // 林业
  {A::kForestry, "林业", {80, 0, 20}, "", "林业开发", "{P}滥伐林木案",
   "经查，当事人未取得林木采伐许可证，于{D}在{A}山场采伐{X}，经测定立木蓄积{N}。",
   {"杉木", "马尾松", "杨树", "桉树", "", ""}, P::kFine, 2000, 20000, M::kNone, 0, 0, U::kCubicMeter, 500, 4500, true, 2},
  {A::kForestry, "林业", {70, 0, 30}, "", "林业开发", "{P}未经批准擅自改变林地用途案",
   "经查，当事人未经批准，于{D}在{A}擅自将林地改作{X}，面积{N}。",
   {"茶园", "道路", "堆场", "菜地", "", ""}, P::kFine, 3000, 40000, M::kNone, 0, 0, U::kSquareMeter, 100000, 2000000, true, 1},
  // 税务 (procedural)
  {A::kTax, "税务", {20, 40, 40}, "商行", "贸易", "{P}未按照规定期限办理纳税申报案",
   "经查，当事人{X}未按照规定期限办理纳税申报，经责令限期改正后于{D}补办申报。",
   {"增值税", "个人所得税（经营所得）", "城市维护建设税", "印花税", "房产税", "企业所得税"}, P::kFine, 200, 2000, M::kNone, 0, 0, U::kNone, 0, 0, false, 4},
  {A::kTax, "税务", {0, 40, 60}, "商行", "商贸", "{P}未按规定开具发票案",
   "经查，当事人于{D}销售{X}收取款项后未按规定开具发票。",
   {"建材", "服装", "餐饮服务", "家电", "", ""}, P::kFine, 500, 10000, M::kNone, 0, 0, U::kNone, 0, 0, false, 2},
  {A::kTax, "税务", {0, 20, 80}, "", "人力资源", "{P}扣缴义务人应扣未扣个人所得税案",
   "经查，当事人作为扣缴义务人，于{D}向员工支付{X}时应扣未扣个人所得税。",
   {"年终奖", "劳务报酬", "工资薪金", "", "", ""}, P::kFine, 5000, 60000, M::kNone, 0, 0, U::kNone, 0, 0, false, 1},
  // 文化旅游, 水利, 住建
  {A::kCulture, "文化旅游", {0, 70, 30}, "网吧", "网络科技", "{P}互联网上网服务营业场所接纳未成年人案",
   "经查，当事人于{D}在{A}经营的网吧接纳未成年人进入上网。",
   {"", "", "", "", "", ""}, P::kWarningOrFine, 1000, 15000, M::kNone, 0, 0, U::kNone, 0, 0, false, 1},
  {A::kCulture, "文化旅游", {0, 0, 100}, "", "旅行社", "{P}旅行社未与旅游者签订旅游合同案",
   "经查，当事人于{D}组织{X}旅游团，未与旅游者签订书面旅游合同。",
   {"云南", "海南", "北京", "西藏", "港澳", "东南亚"}, P::kFine, 5000, 20000, M::kNone, 0, 0, U::kNone, 0, 0, false, 1},
  {A::kWater, "水利", {20, 10, 70}, "", "建设工程", "{P}未经批准在河道管理范围内修建建筑物案",
   "经查，当事人未经批准，于{D}在{A}附近河道管理范围内修建{X}。",
   {"码头", "临时工棚", "围墙", "堆场", "", ""}, P::kFine, 10000, 50000, M::kNone, 0, 0, U::kNone, 0, 0, true, 1},
  {A::kHousing, "住房城乡建设", {0, 0, 100}, "", "建筑工程", "{P}未取得施工许可证擅自施工案",
   "经查，当事人承建的{X}项目未取得施工许可证，于{D}擅自开工建设。",
   {"商住楼", "厂房", "办公楼", "仓储用房", "", ""}, P::kFine, 20000, 300000, M::kNone, 0, 0, U::kNone, 0, 0, false, 2},
};
// clang-format on

const CaseType& pick_type(Rng& rng) {
  static const uint32_t total = [] {
    uint32_t t = 0;
    for (const auto& c : kTypes) t += c.weight;
    return t;
  }();
  uint64_t r = rng.below(total);
  for (const auto& c : kTypes) {
    if (r < c.weight) return c;
    r -= c.weight;
  }
  return kTypes[0];
}

std::string_view pick_item(Rng& rng, const CaseType& t) {
  size_t n = 0;
  while (n < t.items.size() && !t.items[n].empty()) ++n;
  return n == 0 ? std::string_view() : t.items[rng.below(n)];
}

struct Fill {
  std::string_view party_ref, address, item;
  Date date;
  const CaseRecord* record;
  int money_style;
};

// Expands {P} {D} {A} {X} {N} {M} in `pattern`.
void expand(std::string& out, std::string_view pattern, const Fill& f) {
  size_t i = 0;
  while (i < pattern.size()) {
    size_t open = pattern.find('{', i);
    if (open == std::string_view::npos || open + 2 >= pattern.size() || pattern[open + 2] != '}') {
      out.append(pattern.substr(i));
      return;
    }
    out.append(pattern.substr(i, open - i));
    const CaseRecord& r = *f.record;
    switch (pattern[open + 1]) {
      case 'P': out.append(f.party_ref); break;
      case 'A': out.append(f.address); break;
      case 'X': out.append(f.item); break;
      case 'D': append_date_cn(out, f.date); break;
      case 'N':
        if (r.quantity_milli) {
          append_milli(out, *r.quantity_milli);
          out.append(unit_name(r.unit));
        }
        break;
      case 'M': {
        Money m = r.sales_amount ? r.sales_amount : r.goods_value ? r.goods_value : r.illegal_income;
        if (m) append_money_cn(out, *m, f.money_style);
        break;
      }
      default: out.append(pattern.substr(open, 3)); break;
    }
    i = open + 3;
  }
}

int64_t round_fine(Rng& rng, int64_t fine_yuan) {
  if (fine_yuan >= 1000 && rng.percent(90)) return fine_yuan / 100 * 100;
  if (rng.percent(80)) return fine_yuan / 10 * 10;
  return fine_yuan;
}

}  // namespace

Crossings make_ordinary_case(Rng& rng, CaseBuilder& builder, CaseRecord& r, CaseScratch& s) {
  const CaseType& t = pick_type(rng);
  r.domain = t.domain;
  Place place = builder.pick_place(rng, t.rural);
  size_t party = rng.weighted({t.parties[0], t.parties[1], t.parties[2]});
  PartyKind kind = party == 0 ? PartyKind::kIndividual : party == 1 ? PartyKind::kBusiness : PartyKind::kUnit;
  builder.make_party(rng, r, s, kind, kind == PartyKind::kBusiness ? t.shop : t.trade, place);
  builder.make_address(rng, s, place, t.rural && rng.percent(60));
  r.violation_date = CaseBuilder::random_date(rng, CaseBuilder::first_day(), CaseBuilder::last_day());

  if (t.money != MoneyKind::kNone) {
    int64_t amount = yuan(rng.range(t.money_lo, t.money_hi));
    if (rng.percent(30)) amount += static_cast<int64_t>(rng.below(100));  // with fen
    switch (t.money) {
      case MoneyKind::kSales: r.sales_amount = amount; break;
      case MoneyKind::kGoods: r.goods_value = amount; break;
      case MoneyKind::kIncome: r.illegal_income = amount; break;
      case MoneyKind::kNone: break;
    }
    if (rng.percent(40)) r.amount_involved = amount;
  }
  if (t.unit != QuantityUnit::kNone) {
    int64_t q = rng.range(t.qty_lo, t.qty_hi);
    // Counted things are whole; areas and volumes keep one or two decimals.
    q = (t.unit == QuantityUnit::kPiece || t.unit == QuantityUnit::kCarton) ? q / 1000 * 1000 : q / 10 * 10;
    r.quantity_milli = std::max<int64_t>(q, 1000);
    r.unit = t.unit;
  }

  Fill fill{s.party_ref, s.address, pick_item(rng, t), r.violation_date, &r, static_cast<int>(rng.below(3))};
  expand(r.case_reason, t.reason, fill);
  expand(r.facts, t.facts, fill);
  // A few registers keep line breaks typed into the facts field.
  if (rng.chance(5000)) r.facts.append("\n以上事实有现场检查笔录、询问笔录等证据证实。");

  bool warning_only = false;
  switch (t.penalty) {
    case Penalty::kWarning: warning_only = true; break;
    case Penalty::kWarningOrFine:
      r.add_penalty("警告");
      warning_only = rng.percent(35);
      break;
    case Penalty::kConfiscateFine:
      if (r.illegal_income) {
        r.add_penalty("没收违法所得");
        r.confiscated_income = r.illegal_income;
      }
      break;
    case Penalty::kGoodsFine:
      r.add_penalty("没收非法财物");
      if (rng.percent(40) && r.goods_value) {
        r.add_penalty("没收违法所得");
        r.confiscated_income = *r.goods_value / 10 / 100 * 100;
      }
      break;
    case Penalty::kSuspendFine: r.add_penalty("责令停产停业"); break;
    case Penalty::kFine: break;
  }
  if (t.penalty == Penalty::kWarning) r.add_penalty("警告");
  if (!warning_only) {
    r.fine = yuan(round_fine(rng, rng.range(t.fine_lo, t.fine_hi)));
    r.add_penalty("罚款");
  }
  return builder.finish(rng, r, t.agency, place);
}

}  // namespace xianjie::synth
