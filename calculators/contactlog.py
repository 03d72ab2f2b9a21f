"""contactlog — 沟通记录: what the contact log records, as data (no arithmetic here).

Each contact with a lender or collector is one entry. The form on docs/tools/contact-log.md is
generated from FIELDS by the form hook (`<!-- form:contactlog -->`); the page script
(docs/assets/javascripts/contact-log.js) keeps the entries on the device under localStorage
`xshk:log` = {"v": 1, "entries": [{"id": …, field: text, …}]}, sorted by date and time, and
exports them as a printable page and as a CSV file whose columns are FIELDS' labels (`csv_columns`).
"""

from .parsing import field

STORAGE_KEY = "xshk:log"
VERSION = 1
MAX_TEXT_CHARS = 200  # one-line fields; the 说了什么 box takes the form hook's textarea limit
CSV_FILENAME = "goutong-jilu.csv"

CHANNELS = (
    ("phone", "电话"),
    ("app", "App 或在线客服"),
    ("sms", "短信"),
    ("wechat", "微信"),
    ("letter", "信件或邮件"),
    ("visit", "当面"),
    ("other", "其他"),
)

FIELDS = (
    field("date", "日期", "Date", "date", required=True, hint="哪天联系的", input_type="date", default_today=True),
    field("time", "时间", "Time", "text", hint="几点，例如 14:30", input_type="time"),
    field("lender", "机构", "Lender", "text", required=True, hint="例如 招商银行信用卡中心、支付宝（花呗）",
          max_chars=MAX_TEXT_CHARS),
    field("channel", "方式", "Channel", "choice", required=True, hint="例如 电话", choices=CHANNELS, default="phone"),
    field("agent", "对方姓名或工号", "Agent's name or number", "text", hint="例如 工号 1234、李女士",
          max_chars=MAX_TEXT_CHARS),
    dict(field("said", "说了什么、答应了什么", "What was said or promised", "text", required=True,
               hint="照原话记，例如 同意停息，分 24 期，每期 800 元，3 个工作日内短信确认"), kind="textarea"),
    field("next_step", "下一步", "Next step", "text", hint="例如 等短信确认；没收到就再打电话",
          max_chars=MAX_TEXT_CHARS),
    field("next_date", "下一步的日期", "Date of the next step", "date", hint="例如 对方说哪天回复", input_type="date"),
)

REQUIRED_MESSAGES = {
    "date": "请填写日期",
    "lender": "请填写机构，例如 招商银行信用卡中心",
    "said": "请写下对方说了什么、答应了什么",
}


# A contact is something that has happened: a date after today, or more than ten years back, is
# asked about once (the same date submitted again is kept as typed).
DATE_QUESTIONS = {
    "future": "这一天还没到：沟通记录记的是已经发生的联系。日期填对了吗？没填错就再点一次“添加这条记录”。",
    "old": "这是十年前的日期，年份填对了吗？没填错就再点一次“添加这条记录”。",
    "old_years": 10,
}


def csv_columns():
    """The CSV header: (field name, label) in form order."""
    return [(spec["name"], spec["label"]) for spec in FIELDS]


def page_data():
    """What the page script needs (JSON-able): the key, the version, the CSV columns and file name,
    the channels' labels, the messages for empty required fields and the questions about a date
    far away (`DATE_QUESTIONS`)."""
    return {"key": STORAGE_KEY, "version": VERSION, "columns": csv_columns(), "filename": CSV_FILENAME,
            "channels": dict(CHANNELS), "required": REQUIRED_MESSAGES, "date_questions": DATE_QUESTIONS}
