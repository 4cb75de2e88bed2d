"""Vocabulary of the demo data: weighted provinces and cities, names, products, carriers.

Weights are relative; :func:`expand` turns (value, weight) pairs into a lookup list that a
uniform hash indexes, which is how the SQL generator draws weighted values without joins.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

# (province short name, full name prefix used in addresses, weight, cities)
PROVINCES: tuple[tuple[str, str, int, tuple[str, ...]], ...] = (
    ("广东", "广东省", 14, ("深圳", "广州", "东莞", "佛山", "珠海", "惠州")),
    ("浙江", "浙江省", 10, ("杭州", "宁波", "温州", "金华", "绍兴")),
    ("江苏", "江苏省", 10, ("南京", "苏州", "无锡", "常州", "南通")),
    ("上海", "上海市", 7, ("上海",)),
    ("北京", "北京市", 6, ("北京",)),
    ("山东", "山东省", 7, ("济南", "青岛", "烟台", "潍坊")),
    ("福建", "福建省", 5, ("福州", "厦门", "泉州")),
    ("河南", "河南省", 5, ("郑州", "洛阳", "南阳")),
    ("四川", "四川省", 5, ("成都", "绵阳", "宜宾")),
    ("湖北", "湖北省", 4, ("武汉", "宜昌", "襄阳")),
    ("湖南", "湖南省", 4, ("长沙", "株洲", "岳阳")),
    ("河北", "河北省", 3, ("石家庄", "保定", "唐山")),
    ("安徽", "安徽省", 3, ("合肥", "芜湖")),
    ("陕西", "陕西省", 2, ("西安",)),
    ("重庆", "重庆市", 2, ("重庆",)),
    ("天津", "天津市", 2, ("天津",)),
    ("辽宁", "辽宁省", 2, ("沈阳", "大连")),
    ("江西", "江西省", 2, ("南昌", "赣州")),
    ("广西", "广西壮族自治区", 2, ("南宁", "桂林")),
    ("云南", "云南省", 1, ("昆明",)),
    ("贵州", "贵州省", 1, ("贵阳",)),
    ("山西", "山西省", 1, ("太原",)),
    ("黑龙江", "黑龙江省", 1, ("哈尔滨",)),
    ("吉林", "吉林省", 1, ("长春",)),
    ("内蒙古", "内蒙古自治区", 1, ("呼和浩特",)),
    ("新疆", "新疆维吾尔自治区", 1, ("乌鲁木齐",)),
    ("海南", "海南省", 1, ("海口", "三亚")),
)

DISTRICTS = ("城东区", "城西区", "高新区", "经开区", "新城区", "滨江区", "南山区", "朝阳区")
ROADS = ("人民路", "解放路", "中山路", "建设路", "文化路", "和平路", "新华路", "科技路", "长江路")

SURNAMES = (
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
    "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
)  # fmt: skip
GIVEN_NAMES = (
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟",
    "涛", "明", "超", "秀英", "华", "玉兰", "建国", "晓东", "婷婷", "子涵", "浩然", "雨桐",
)  # fmt: skip
NICK_PREFIXES = ("小", "阿", "爱吃", "快乐的", "追风的", "元气", "佛系", "努力的", "甜甜的", "大")
NICK_NOUNS = ("猫", "兔子", "橙子", "小熊", "柠檬", "鱼", "星星", "桃子", "布丁", "豆豆", "团子")
PHONE_PREFIXES = ("138", "139", "136", "137", "135", "150", "151", "158", "186", "188", "177")

# Hour of day (shop time) weights: quiet nights, a lunch bump and the evening live-stream peak.
HOUR_WEIGHTS = (
    2, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 6, 7, 6, 5, 5, 5, 6, 7, 9, 12, 13, 11, 6,
)  # fmt: skip

# (title, base price in fen)
PRODUCT_NOUNS: tuple[tuple[str, int], ...] = (
    ("纯棉T恤", 5990), ("连衣裙", 12900), ("牛仔裤", 9990), ("运动鞋", 19900),
    ("保温杯", 6900), ("蓝牙耳机", 15900), ("补水面膜", 7900), ("哑光口红", 8900),
    ("零食大礼包", 4990), ("坚果礼盒", 9900), ("洗发水", 5900), ("手机壳", 1990),
    ("充电宝", 8900), ("四件套", 19900), ("收纳盒", 2990), ("连帽卫衣", 13900),
    ("轻薄羽绒服", 39900), ("保湿霜", 11900), ("明前龙井", 16800), ("螺蛳粉", 3990),
)  # fmt: skip
PRODUCT_ADJECTIVES = ("夏季新款", "爆款", "直播间专享", "加厚", "国潮", "轻奢", "网红同款", "经典")
SKU_VARIANTS = ("S", "M", "L", "XL", "BLK", "WHT", "RED", "STD")

CARRIERS: tuple[tuple[str, str, int], ...] = (
    ("中通快递", "ZTO", 22),
    ("圆通速递", "YTO", 18),
    ("韵达快递", "YUNDA", 15),
    ("顺丰速运", "SF", 12),
    ("申通快递", "STO", 10),
    ("极兔速递", "JTSD", 10),
    ("京东物流", "JD", 8),
    ("EMS", "EMS", 5),
)

AUTHOR_PREFIXES = ("李", "小杨", "疯狂", "东方", "交个", "大狼狗", "朱", "陈", "刘", "潘")
AUTHOR_SUFFIXES = ("哥", "姐", "甄选", "小助理", "好物", "直播间", "说美食", "的衣橱")

SHOP_NAMES = (
    "山野优选旗舰店", "潮衣铺", "好物研究所", "一城美妆", "鲜到家食品店", "简居家居馆",
    "数码先锋店", "茶言茶语", "童趣母婴店", "运动星球",
)  # fmt: skip

BUYER_NOTES = ("请尽快发货", "不要放发票", "送人的，帮忙包装好一点", "工作日送达", "麻烦发顺丰")
MERCHANT_REMARKS = ("已备注加急", "老客户，送小礼品", "地址已与买家确认")
FLAG_REASONS = ("疑似刷单", "收货地址异常", "同一买家多次退款")
AFTER_SALE_REASONS = ("不想要了", "尺码不合适", "商品与描述不符", "质量问题", "发错货", "少件漏发")
REJECT_REASONS = ("商品已使用，影响二次销售", "超出售后时效",)  # fmt: skip
CLOSE_REASONS = ("超时未支付", "买家取消订单")
DISPUTE_DESCRIPTIONS = {
    "logistics": ("物流显示已签收，买家称未收到包裹", "包裹运输途中破损"),
    "malicious_claim": ("买家恶意索赔，已提供聊天记录与质检报告",),
}


def expand(pairs: Sequence[tuple[T, int]]) -> list[T]:
    """A list in which each value appears ``weight`` times (a lookup table for weighted draws)."""
    return [value for value, weight in pairs for _ in range(weight)]


def province_city_table() -> list[tuple[str, str, str]]:
    """Weighted (province, full province name, city) rows; a province's weight is spread over
    its cities so bigger provinces keep their share."""
    rows: list[tuple[str, str, str]] = []
    for short, full, weight, cities in PROVINCES:
        per_city = max(1, round(weight * 6 / len(cities)))
        rows += [(short, full, city) for city in cities for _ in range(per_city)]
    return rows


# A merchant's partial refund (price protection, a missing gift, a damaged box, ...).
PARTIAL_REFUND_REASONS = [
    "价格保护补差价",
    "少发赠品补偿",
    "包装破损补偿",
    "运费补偿",
    "发货延迟补偿",
]
