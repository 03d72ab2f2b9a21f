"""lookup — 这家公司是谁？: a company name from an SMS, a credit report or a court paper, matched
against the lender directory (calculators/lenders.toml) on the device.

Matching (pure standard library, no network):
- both names are normalised: NFKC, no spaces or punctuation, bracketed parts dropped
  ("平安融资担保（天津）有限公司"), company suffixes dropped (股份有限公司, 有限责任公司, 有限公司,
  分公司, 公司, 集团), place prefixes dropped (重庆市, 福州, 深圳前海 …), abbreviations spelled out
  (小贷 → 小额贷款, 消金 → 消费金融, 融担 → 融资担保, 网络小额贷款 → 小额贷款);
- the "core" of a name is what is left without the words that say what kind of company it is
  (小额贷款, 融资担保, 消费金融, 银行, 科技 …): "美团三快小额贷款" -> "美团三快";
- core similarity: 1 for the same core; 0.9 when they differ only by characters typed for one
  another (VARIANTS: 块/快, 齐/奇, 连/联 …); 0.7 + 0.3 × (shorter / longer) when one core contains
  the other (a partial name); else difflib's character ratio (one wrong character in a longer
  name); cores less alike than CORE_SCORE never match;
- score = (core similarity + the better of core and whole-name similarity) / 2, × KIND_MISMATCH
  when the typed name says another kind of company (融资担保 typed, a 小额贷款公司 found); matches
  from MATCH_SCORE up and within SPREAD of the best, best first, at most MAX_MATCHES; EXACT_SCORE
  and up is "the same company".
A name the directory does not hold is still recognised by its kind words (`kind_guess`): what
such a company is, what it means for the borrower, who takes complaints.

Result: name (as typed), normalised, matches [{company, brand, brand_name, page, kind, kind_label, role,
role_label, meaning, regulator, note, citation, score, exact}], kind_guess ({kind, label, meaning,
regulator} or None), notes. `view(result)` turns it into the blocks the page draws.
"""

import re
import unicodedata
from difflib import SequenceMatcher

from . import lenders, parsing
from . import view as ui
from .parsing import field

TITLE = ("这家公司是谁？", "Who is this company?")
MATCH_SCORE = 0.6
CORE_SCORE = 0.6      # cores less alike than this never match ("招商" and "网商": 0.5)
SPREAD = 0.25         # matches more than this below the best one are left out
KIND_MISMATCH = 0.7   # the typed name says another kind of company
EXACT_SCORE = 0.95
MAX_MATCHES = 5

FIELDS = (
    field("name", "公司名称", "Company name", "text", required=True,
          hint="例如 重庆美团三快小额贷款有限公司",
          help="照短信、征信报告或法院文书上写的抄；只记得一部分、有错字也可以试试"),
)

SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "分公司", "公司", "集团")
PLACES = (
    "内蒙古", "黑龙江", "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南",
    "陕西", "甘肃", "青海", "广西", "西藏", "宁夏", "新疆", "深圳", "广州", "福州", "杭州", "南京",
    "成都", "武汉", "西安", "厦门", "苏州", "宁波", "青岛", "大连", "长沙", "郑州", "济南", "合肥",
    "南宁", "昆明", "前海", "两江新区", "中国",
)
PLACE_ENDINGS = ("省", "市", "区", "自治区")
ABBREVIATIONS = (("网络小额贷款", "小额贷款"), ("网络小贷", "小额贷款"), ("小贷", "小额贷款"),
                 ("消金", "消费金融"), ("融担", "融资担保"))
# Words that say what kind of company a name is, not which one (left out of a name's core).
GENERIC = ("股份有限公司", "有限责任公司", "有限公司", "公司", "集团", "小额贷款", "融资担保", "消费金融", "金融信息服务", "信息服务", "信息技术", "网络技术",
           "资产管理", "信息咨询", "商务咨询", "商务服务", "信用管理", "企业管理", "律师事务所",
           "人民法院", "财产保险", "信托", "银行", "保险", "担保", "科技", "金融", "贷款", "网络", "服务", "股份", "有限")
# Characters typed for one another (same sound or look): compared as one, a match through them is
# "close", never exact (a look-alike name can also be a company pretending to be the lender).
VARIANTS = {"块": "快", "筷": "快", "齐": "奇", "其": "奇", "琦": "奇", "连": "联", "廉": "联", "重": "众",
            "仲": "众", "福": "富", "付": "富", "蛮": "满", "曼": "满", "代": "贷", "荣": "融", "容": "融",
            "尚": "上", "昭": "招", "召": "招", "惠": "慧", "汇": "惠", "普": "浦", "维": "微", "薇": "微",
            "丰": "峰", "京": "经"}
# Which kind a typed name says it is, checked in this order (律师事务所 before 资产管理 …).
KIND_ORDER = ("court", "law_firm", "guarantee", "small_loan", "consumer_finance", "bank", "trust", "insurer",
              "amc", "collection", "platform")


def normalise(name):
    text = unicodedata.normalize("NFKC", str(name)).lower()
    text = re.sub(r"[(（\[【][^)）\]】]*[)）\]】]", "", text)
    text = re.sub(r"[\s\W_]+", "", text)
    for short, full in ABBREVIATIONS:
        text = text.replace(short, full)
    changed = True
    while changed and text:
        changed = False
        for suffix in SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text, changed = text[: -len(suffix)], True
        for place in PLACES:
            if text.startswith(place) and len(text) > len(place) + 1:
                text, changed = text[len(place):], True
                for ending in PLACE_ENDINGS:
                    if text.startswith(ending) and len(text) > len(ending) + 1:
                        text = text[len(ending):]
    return text


def core(normalised):
    text = normalised
    for word in GENERIC:
        text = text.replace(word, "")
    return text


def _canonical(text):
    return "".join(VARIANTS.get(char, char) for char in text)


def _core_similarity(a, b):
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    a_canonical, b_canonical = _canonical(a), _canonical(b)
    if a_canonical == b_canonical:
        return 0.9  # a homophone or look-alike character: close, never "the same company"
    a, b = a_canonical, b_canonical
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 2 and short in long_:
        return 0.7 + 0.3 * len(short) / len(long_)
    return SequenceMatcher(None, a, b).ratio()


def similarity(query_norm, name_norm):
    """The score of a directory name for a typed one, both normalised (0 to 1)."""
    core_q, core_c = core(query_norm), core(name_norm)
    core_sim = _core_similarity(core_q, core_c)
    if core_sim < CORE_SCORE:
        return 0.0
    whole = SequenceMatcher(None, query_norm, name_norm).ratio()
    return (core_sim + max(core_sim, whole)) / 2


def kind_of(name):
    """The kind (lenders.kinds() key) a name's words say, or None."""
    text = unicodedata.normalize("NFKC", str(name))
    for short, full in ABBREVIATIONS:
        text = text.replace(short, full)
    kinds = lenders.kinds()
    for kind in KIND_ORDER:
        if kind in kinds and any(word in text for word in kinds[kind]["keywords"]):
            return kind
    return None


def find(name):
    """[(score, company)] for the directory's companies matching `name`, best first."""
    query = normalise(name)
    if not core(query):
        return []
    typed_kind = kind_of(name)
    found = []
    for company in lenders.companies():
        # ties (the same core: "奇富" in three names) go to the name more alike as a whole
        best, whole = max((similarity(query, normalise(candidate)),
                           SequenceMatcher(None, query, normalise(candidate)).ratio())
                          for candidate in [company["name"], *company["aliases"]])
        if typed_kind and typed_kind != company["kind"] and typed_kind not in ("platform", "collection"):
            best *= KIND_MISMATCH
        if best >= MATCH_SCORE:
            found.append((best, whole, company))
    found.sort(key=lambda item: (-item[0], -item[1]))
    return [(score, company) for score, _, company in found if score >= found[0][0] - SPREAD][:MAX_MATCHES]


def calculate(inputs):
    values, notes, errors = parsing.read(FIELDS, inputs)
    name = values["name"]
    if name is None:  # a value that is not text: read_fields has said so
        errors.raise_if_any()
        name = ""
    if name == "":
        errors.add("name", "请填写公司名称，例如 重庆美团三快小额贷款有限公司", missing_label="公司名称")
    errors.raise_if_any()
    matches = []
    for score, company in find(name):
        matches.append({
            "company": company["name"], "brand": company["brand"], "brand_name": company["brand_name"],
            "page": company["page"], "kind": company["kind"], "kind_label": company["kind_label"],
            "role": company["role"], "role_label": company["role_label"], "meaning": company["meaning"],
            "regulator": company["regulator"], "note": company["note"], "citation": lenders.citation(company),
            "score": f"{score:.2f}", "exact": score >= EXACT_SCORE,
        })
    guess = kind_of(name)
    kind_guess = None
    if guess:
        kind = lenders.kinds()[guess]
        kind_guess = {"kind": guess, "label": kind["label"], "meaning": kind["meaning"],
                      "regulator": kind["regulator"], "citation": lenders.citation(kind)}
    return {"calculator": "lookup", "name": name, "normalised": normalise(name),
            "matches": matches, "kind_guess": kind_guess, "notes": notes}


EXAMPLES = {
    "meituan_full": {"name": "重庆美团三快小额贷款有限公司"},
    "qifu_guarantor": {"name": "福州奇富融资担保有限公司"},
    "misspelt": {"name": "招连消费金融"},
    "not_in_directory": {"name": "某某信息咨询有限公司"},
}
EXAMPLE = "meituan_full"

SAFE_CONTACT = ("联系这家公司，只用你借款的那个 App 里的客服，或官方网站、借款合同上印的号码；"
                "不要打短信、来电、搜索结果里给的号码，不要点短信里的链接，不要往个人账户转钱。")


def _match_text(match):
    if match["exact"]:
        head = f"“{match['company']}”是{match['brand_name']}的{match['role_label']}，是一家{match['kind_label']}。"
    else:
        head = (f"名字相近的是“{match['company']}”（{match['brand_name']}的{match['role_label']}，"
                f"{match['kind_label']}）：请对照你手上的全称。")
    return head + f"这意味着：{match['meaning']}投诉找：{match['regulator']}。" + (match["note"] or "")


def view(result):
    matches, guess = result["matches"], result["kind_guess"]
    exact = [match for match in matches if match["exact"]]
    if exact:
        first = exact[0]
        headline = f"{first['company']}：{first['brand_name']}的{first['role_label']}（{first['kind_label']}）"
    elif matches:
        headline = f"名录里没有一模一样的名字，最接近的是 {matches[0]['company']}（{matches[0]['brand_name']}）"
    elif guess:
        headline = f"本指南的名录里没有这家公司；从名字看，它是{guess['label']}"
    else:
        headline = "本指南的名录里没有这家公司，从名字也看不出是哪类公司"
    blocks = [ui.headline(headline)]
    for match in matches:
        blocks.append(ui.paragraph(_match_text(match)))
        blocks.append(ui.guide_link(f"看{match['brand_name']}这一页：欠的是谁、怎样安全联系、怎么收费、去哪投诉",
                                    f"products/{match['page']}/"))
    if matches and not exact:
        blocks.append(ui.paragraph("名字差一两个字的，可能是抄错了，也可能是冒充放贷机构的公司：以借款合同上的全称为准，"
                                   "向你借款的 App 核实。"))
    if guess and not exact and guess["kind"] not in {match["kind"] for match in matches}:
        blocks.append(ui.paragraph(f"名字里写着“{guess['label']}”一类的字样。{guess['meaning']}投诉找：{guess['regulator']}。"))
    if not matches and not guess:
        blocks.append(ui.paragraph("试试只写名称里的字号，例如 美团三快、奇富、招联；"
                                   "再看看合同、征信报告上写的全称，或者对方是受哪家放贷机构委托的。"
                                   "不认识的公司向你要钱，先向你借款的机构核实它有没有这笔债权。"))
    blocks.append(ui.warning(SAFE_CONTACT))
    notes = [f"{match['company']}：{match['citation']}" for match in matches]
    if guess:
        notes.append(f"{guess['label']}：{guess['citation']}")
    notes.append("在本机按名字比对（去掉省市、“有限公司”等字样，容许个别错字），不联网；名录里只有本指南核对过的公司。")
    blocks.append(ui.notes(result["notes"] + notes, title="来源和说明"))
    copy_lines = [f"【这家公司是谁】{result['name']}", headline]
    blocks.append(ui.copy("\n".join(copy_lines)))
    return ui.blocks(*blocks)
