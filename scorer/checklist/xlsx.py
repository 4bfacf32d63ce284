"""Checklists as Excel workbooks, for legal staff who edit in Excel or WPS.

export: Checklist -> .xlsx with three sheets (条目, 清单信息, 说明; plus 修改基础条目 for
a local checklist exported with its own items only).
import: .xlsx -> commented YAML. The YAML text is built in memory, parsed back and
validated by scorer.checklist.load.build_checklist — exactly as a hand-written file is —
with a Locator that maps each part to the sheet row it came from, so every problem is
reported at once as `IN.xlsx:条目!7: 权重超出范围……`. Nothing is written unless the whole
workbook is valid; the write is scorer.fsutil.atomic_write of the validated text.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from scorer.checklist.load import (
    Checklist, Locator, build_checklist, load_checklist, parse_yaml_text, plain, read_yaml,
)
from scorer.checklist.schema import ItemSpec
from scorer.errors import ChecklistError, Problem
from scorer.fsutil import atomic_write
from scorer.models import SECTION_KIND_LABELS, JurisdictionKind, SectionKind

ITEMS_SHEET = "条目"
HEADER_SHEET = "清单信息"
HELP_SHEET = "说明"
OVERRIDES_SHEET = "修改基础条目"

# (field, Chinese label, column width)
ITEM_COLUMNS: list[tuple[str, str, int]] = [
    ("id", "编号", 11),
    ("area", "领域", 20),
    ("title", "标题", 30),
    ("requirement", "要求", 48),
    ("guidance", "达标说明", 40),
    ("weight", "权重", 8),
    ("phrases", "匹配短语", 40),
    ("exclude", "排除短语", 24),
    ("heading_words", "标题词", 24),
    ("patterns", "正则", 22),
    ("not_applicable_for", "不适用单位", 16),
    ("rules", "规则调整", 22),
    ("check", "检查方式", 12),
    ("section_kind", "章节类型", 14),
    ("deadline", "发布期限", 11),
]
STRUCTURE_FIELDS = ("check", "section_kind", "deadline")
LIST_FIELDS = ("phrases", "exclude", "heading_words", "patterns", "not_applicable_for")
ITEM_LABELS = {f: label for f, label, _ in ITEM_COLUMNS}

HEADER_FIELDS: list[tuple[str, str, str]] = [
    ("id", "清单编号", "小写字母、数字和 -，如 jiangsu-2021"),
    ("version", "版本", "每次修改后更新，如 2026.2；会写进每份评查结果"),
    ("title", "名称", "清单全称"),
    ("source", "依据文件", "清单依据的文件全称"),
    ("kind", "类型", "纲要条目（计分）或 报告结构（不计分）"),
    ("years", "适用年度", "自动选用的报告年度，如 2016-2020；2021- 表示 2021 年及以后；留空表示只在明确指定时使用"),
    ("effective_from_year", "结构要求施行年度", "仅报告结构清单：早于此年度的报告，结构问题只作建议"),
    ("extends", "基础清单", "在哪个清单基础上增补（地方清单用），如 outline-2021"),
    ("remove", "删除基础条目", "仅配合基础清单：删去基础清单中的哪些条目编号，用“；”分隔"),
    ("rules", "规则调整", "对全部条目调整评查规则（checklists/rules.yaml），如 VETO-TRAINING=关闭；SIG-ACT+=验收"),
    ("areas", "领域", "每行一个领域；条目的“领域”必须是其中之一"),
]
HEADER_LABELS = {f: label for f, label, _ in HEADER_FIELDS}

KIND_LABELS = {
    JurisdictionKind.province.value: "省级",
    JurisdictionKind.city.value: "设区的市",
    JurisdictionKind.county.value: "县级",
    JurisdictionKind.development_zone.value: "开发区",
    JurisdictionKind.department.value: "政府部门",
    JurisdictionKind.unknown.value: "未识别",
}
CHECK_LABELS = {"content": "内容", "section": "报告部分", "publication_deadline": "发布期限"}
SECTION_LABELS = {k.value: SECTION_KIND_LABELS[k] for k in SectionKind if k != SectionKind.other}
CHECKLIST_KIND_LABELS = {"outline": "纲要条目（计分）", "structure": "报告结构（不计分）"}

# Between values typed in one cell: what people type (；;，,) — and line breaks. The 顿号
# 「、」 separates ids and unit kinds too; in a phrase it is asked about (「双随机、一公开」).
SEPARATORS = re.compile(r"[；;，,]")
JOIN_UNSAFE = re.compile(r"[；;，,、]")
ID_SEPARATORS = re.compile(r"[；;，,、\s]+")
NOTE_PREFIX = "备注"
# Override-only fields: add to a base item's list instead of replacing it.
OVERRIDE_LABELS = {"phrases_add": "增加匹配短语", "exclude_add": "增加排除短语"}


# --------------------------------------------------------------------------- cells


def _text(value: Any) -> str:
    """A cell as text: numbers without a spurious .0, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value).strip()


def join_list(values: list[str], field_name: str = "") -> str:
    """List cell: "；"-joined, or one per line for regular expressions and for values
    that themselves contain a separator or 「、」 (then a single value gets a trailing
    line break, so that it is not split)."""
    if field_name == "patterns" or any(JOIN_UNSAFE.search(v) for v in values):
        text = "\n".join(values)
        return text + "\n" if len(values) == 1 and JOIN_UNSAFE.search(text) else text
    return "；".join(values)


def split_list(value: Any, field_name: str = "") -> list[str]:
    """Inverse of join_list. A cell with line breaks is split on line breaks only;
    otherwise on 「；」「;」「，」「,」 (ids and unit kinds also on 「、」 and spaces;
    regular expressions: line breaks only). Empty pieces (a trailing "；") are dropped."""
    text = value if isinstance(value, str) else _text(value)
    if not text.strip():
        return []
    if "\n" in text or field_name == "patterns":
        parts = re.split(r"\r?\n", text)
    elif field_name in ("not_applicable_for", "remove"):
        parts = ID_SEPARATORS.split(text)
    elif field_name == "areas":  # an area's name may contain 「，」
        parts = re.split(r"[；;]", text)
    else:
        parts = SEPARATORS.split(text)
    return [p.strip() for p in parts if p.strip()]


def _label_lookup(labels: dict[str, str]) -> dict[str, str]:
    """Chinese label or English value -> value; also the label without its
    parenthetical ("纲要条目" for "纲要条目（计分）")."""
    out = {}
    for value, label in labels.items():
        out[value.lower()] = value
        out[label] = value
        out[re.sub(r"（.*?）", "", label)] = value
    return out


def _choices(labels: dict[str, str]) -> str:
    return "、".join(re.sub(r"（.*?）", "", v) for k, v in labels.items() if k != "unknown")


def _weight_cell(weight: float) -> int | float:
    return int(weight) if float(weight).is_integer() else weight


def _parse_deadline(value: Any) -> str:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%m-%d")
    text = _text(value)
    m = re.fullmatch(r"(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})\s*日?", text)
    return f"{int(m.group(1)):02d}-{int(m.group(2)):02d}" if m else text


# --------------------------------------------------------------------------- export


@dataclass
class ExportSource:
    """What goes into the workbook: header values, items, and for a local
    checklist exported with --own, its extends/remove/overrides."""

    header: dict[str, Any]
    items: list[ItemSpec]
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    own: bool = False
    resolved_from: str | None = None  # extends of a checklist exported resolved


def export_source(name_or_path: str, own: bool = False) -> ExportSource:
    """Load (and thereby validate) a checklist and pick what to export.

    resolved (default): every item after extends/remove/overrides are applied; the
    workbook describes a self-contained checklist (no 基础清单).
    own: for a checklist with `extends`, only what the file itself says: its own
    items, the removed ids, and the overridden fields (sheet 修改基础条目).
    """
    cl = load_checklist(name_or_path)
    spec = cl.spec
    header = {k: getattr(spec, k) for k in ("id", "version", "title", "source", "kind", "years",
                                            "effective_from_year", "rules")}
    if not own or not spec.extends:
        header["areas"] = list(spec.areas)
        return ExportSource(header=header, items=list(spec.items), resolved_from=spec.extends)
    raw = plain(read_yaml(cl.path))
    header["extends"] = str(raw.get("extends"))
    header["remove"] = [str(x) for x in raw.get("remove") or []]
    header["areas"] = [str(a) for a in raw.get("areas") or []]
    items = [ItemSpec.model_validate(it) for it in raw.get("items") or []]
    overrides = {str(k): dict(v) for k, v in (raw.get("overrides") or {}).items()}
    return ExportSource(header=header, items=items, overrides=overrides, own=True)


def _needs_structure_columns(src: ExportSource) -> bool:
    if src.header.get("kind") == "structure":
        return True
    if any(it.check != "content" or it.section_kind or it.deadline for it in src.items):
        return True
    return any(k in STRUCTURE_FIELDS for fields in src.overrides.values() for k in fields)


RULE_OFF, RULE_ON = "关闭", "开启"


def rules_cell(tuning: dict | None) -> str | None:
    """A `rules:` mapping as a cell: "VETO-TRAINING=关闭；SIG-ACT+=验收、考核；SIG-ACT-=聘请";
    anything else (numbers such as max_clauses) as a YAML flow mapping "{…}"."""
    if not tuning:
        return None
    parts: list[str] = []
    for rule_id, value in tuning.items():
        if isinstance(value, bool) or isinstance(value, str):
            on = value is True or (isinstance(value, str) and value.strip().lower() in ("on", "true", "开启", "启用"))
            parts.append(f"{rule_id}={RULE_ON if on else RULE_OFF}")
        elif isinstance(value, dict) and set(value) <= {"words_add", "words_remove"}:
            if value.get("words_add"):
                parts.append(f"{rule_id}+={'、'.join(value['words_add'])}")
            if value.get("words_remove"):
                parts.append(f"{rule_id}-={'、'.join(value['words_remove'])}")
        else:
            buf = io.StringIO()
            flow = YAML()
            flow.default_flow_style = True
            flow.width = 4096
            flow.dump(dict(tuning), buf)
            return buf.getvalue().strip()
    return "；".join(parts)


def parse_rules_cell(text: str) -> tuple[dict, str]:
    """The inverse of rules_cell: (mapping, "" or a Chinese problem)."""
    text = text.strip()
    if not text:
        return {}, ""
    if text.startswith("{"):
        try:
            value = YAML(typ="safe").load(text)
        except Exception:  # noqa: BLE001 - any YAML error is one message
            return {}, f"规则调整「{text[:40]}」不是有效的 {{规则编号: …}} 写法"
        return (value, "") if isinstance(value, dict) else ({}, f"规则调整「{text[:40]}」应为 {{规则编号: …}}")
    out: dict[str, Any] = {}
    for entry in re.split(r"[；;\n]+", text):
        entry = entry.strip()
        if not entry:
            continue
        m = re.fullmatch(r"([A-Za-z][A-Za-z0-9-]*)\s*([+\-]?)[=＝]\s*(.*)", entry)
        if not m:
            return {}, f"规则调整「{entry}」格式不对，应如 VETO-TRAINING=关闭 或 SIG-ACT+=验收"
        rule_id, sign, value = m.group(1).upper(), m.group(2), m.group(3).strip()
        if not sign:
            if value.lower() in ("关闭", "关", "停用", "off", "false", "否"):
                out[rule_id] = "off"
            elif value.lower() in ("开启", "开", "启用", "on", "true", "是"):
                out[rule_id] = "on"
            else:
                return {}, f"规则调整「{entry}」的值应为 关闭 或 开启"
            continue
        words = [w.strip() for w in re.split(r"[、，,]", value) if w.strip()]
        key = "words_add" if sign == "+" else "words_remove"
        current = out.setdefault(rule_id, {})
        if not isinstance(current, dict):
            return {}, f"规则调整中「{rule_id}」既关闭又增删词语"
        current.setdefault(key, []).extend(words)
    return out, ""


def _cell_value(field_name: str, value: Any) -> Any:
    """An ItemSpec field value as it is shown in a cell."""
    if value is None:
        return None
    if field_name == "rules":
        return rules_cell(value)
    if field_name == "weight":
        return _weight_cell(float(value))
    if field_name == "not_applicable_for":
        return join_list([KIND_LABELS.get(getattr(v, "value", v), str(v)) for v in value], field_name)
    if field_name in LIST_FIELDS:
        return join_list([str(v) for v in value], field_name) or None
    if field_name == "check":
        return CHECK_LABELS.get(value, value)
    if field_name == "section_kind":
        return SECTION_LABELS.get(value, value)
    return str(value) if value != "" else None


def write_xlsx(src: ExportSource, out: Path, source_name: str) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")

    def put(ws, row: int, col: int, value: Any, text: bool = True):
        cell = ws.cell(row=row, column=col, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, even if it starts with "="
        if text:
            cell.number_format = "@"
        cell.alignment = wrap
        return cell

    def header_row(ws, labels: list[str], widths: list[int]) -> None:
        for col, (label, width) in enumerate(zip(labels, widths), 1):
            cell = put(ws, 1, col, label)
            cell.font, cell.fill = bold, head_fill
            letter = get_column_letter(col)
            ws.column_dimensions[letter].width = width
            if "weight" not in label:
                ws.column_dimensions[letter].number_format = "@"  # typed "04-01" stays text

    wb = Workbook()
    # Sheet 1: one row per item.
    ws = wb.active
    ws.title = ITEMS_SHEET
    cols = [c for c in ITEM_COLUMNS if c[0] not in STRUCTURE_FIELDS or _needs_structure_columns(src)]
    header_row(ws, [f"{label} {name}" for name, label, _ in cols], [w for _, _, w in cols])
    for r, item in enumerate(src.items, 2):
        for c, (name, label, _) in enumerate(cols, 1):
            value = _cell_value(name, getattr(item, name))
            if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
                raise ChecklistError([f"{source_name}: 条目 {item.id} 的「{label}」含有 Excel 不能保存的控制字符"
                                      f"（如 \\x{ord(ILLEGAL_CHARACTERS_RE.search(value).group()):02x}），请先在 YAML 中删除"])
            put(ws, r, c, value, text=name != "weight")
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(2, len(src.items) + 1)}"

    # Sheet 2: the checklist's header fields; areas one per row.
    hs = wb.create_sheet(HEADER_SHEET)
    header_row(hs, ["字段", "值", "说明"], [24, 60, 60])
    row = 2
    area_rows: list[int] = []
    for name, label, hint in HEADER_FIELDS:
        if name == "remove" and not src.own:
            continue
        if name == "extends" and src.resolved_from:
            hint = (f"原清单以 {src.resolved_from} 为基础；这里已合并为全部条目，导入后是独立的清单，请保持空白。"
                    "只编辑本地增补部分请用 export --own")
        value = src.header.get(name)
        values = value if name == "areas" else [value]
        for v in values or ([None] if name != "areas" else []):
            if name == "kind":
                v = CHECKLIST_KIND_LABELS.get(v, v)
            elif name == "years":
                v = "" if v is None else f"{v[0] or ''}-{v[1] or ''}"
            elif name == "remove":
                v = join_list(v)
            elif name == "rules":
                v = rules_cell(v)
            put(hs, row, 1, f"{label} {name}").font = bold
            put(hs, row, 2, v if v not in (None, "") else None)
            put(hs, row, 3, hint)
            if name == "areas":
                area_rows.append(row)
            row += 1
    if not area_rows:  # an empty areas row the editor can fill in
        put(hs, row, 1, f"{HEADER_LABELS['areas']} areas").font = bold
        put(hs, row, 3, dict((f, h) for f, _, h in HEADER_FIELDS)["areas"])
        area_rows.append(row)
    hs.freeze_panes = "A2"
    if not src.own:
        # 领域 cells offer the areas as a drop-down (a warning, not a block, for new ones).
        first, last = area_rows[0], area_rows[-1] + 20
        dv = DataValidation(type="list", formula1=f"'{HEADER_SHEET}'!$B${first}:$B${last}",
                            allow_blank=True, showErrorMessage=True, errorStyle="warning",
                            errorTitle="领域不在列表中",
                            error=f"这个领域不在“{HEADER_SHEET}”工作表的领域列表中；如果是新领域，请在那里加一行。")
        area_col = get_column_letter(next(i for i, c in enumerate(cols, 1) if c[0] == "area"))
        dv.add(f"{area_col}2:{area_col}{len(src.items) + 200}")
        ws.add_data_validation(dv)

    # Sheet 3 (own export only): overridden fields of base items.
    if src.own:
        os_ = wb.create_sheet(OVERRIDES_SHEET)
        header_row(os_, ["编号 id", "字段 field", "新值 value"], [12, 26, 60])
        row = 2
        for item_id, fields in src.overrides.items():
            for name, value in fields.items():
                if name in ItemSpec.model_fields:
                    value = _cell_value(name, _coerce_override(name, value))
                elif name in OVERRIDE_LABELS:
                    value = join_list([str(v) for v in (value if isinstance(value, list) else [value])], name)
                put(os_, row, 1, item_id)
                put(os_, row, 2, f"{ITEM_LABELS.get(name, OVERRIDE_LABELS.get(name, name))} {name}")
                put(os_, row, 3, value, text=name != "weight")
                row += 1
        os_.freeze_panes = "A2"

    # Last sheet: how to edit.
    gs = wb.create_sheet(HELP_SHEET)
    gs.column_dimensions["A"].width = 110
    for r, line in enumerate(_help_lines(src, source_name, cols), 1):
        cell = put(gs, r, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if r == 1 or line.startswith("【"):
            cell.font = bold
    _atomic_save(wb, out)


def _coerce_override(name: str, value: Any) -> Any:
    if name in LIST_FIELDS and not isinstance(value, list):
        return [value]
    if name == "weight":
        try:
            return float(value)
        except (TypeError, ValueError):
            return value
    return value


def _help_lines(src: ExportSource, source_name: str, cols) -> list[str]:
    kinds = "、".join(v for k, v in KIND_LABELS.items() if k != "unknown")
    lines = [
        f"如何编辑这份检查清单（导出自 {source_name}，清单 {src.header.get('id')} 版本 {src.header.get('version')}）",
        "",
        "【基本规则】",
        f"1. “{ITEMS_SHEET}”工作表一行一个条目。可以修改内容、增加行、删除行、调整行的顺序；不要修改第一行的列标题。",
        "2. 可以增加以“备注”开头的列（如“备注 审核意见”），导入时会忽略；其他不认识的列会报错。",
        "3. 多个值写在同一个格子里，用分号“；”或逗号“，”分隔，或者每个值占一行（Alt+Enter 换行）。"
        "短语本身含顿号“、”时（如“双随机、一公开”），请每个短语占一行。正则表达式每行一个。",
        f"4. “{HEADER_SHEET}”工作表是清单本身的信息：编号、版本、名称、适用年度和领域列表（每行一个领域）。修改条目后请更新版本号。",
        "",
        "【各列含义】",
        "编号 id：条目编号，如 O21-19，清单内不能重复；只能用字母、数字和 - _ .",
        f"领域 area：必须是“{HEADER_SHEET}”中列出的领域之一（报告结构清单可以不填）。",
        "标题 title：条目标题（纲要原文）；要求 requirement：纲要要求，用自己的话概括。两者必填。",
        "达标说明 guidance：报告要写到什么程度才算“已覆盖”，会出现在差距报告中。",
        "权重 weight：大于 0、不超过 10 的数字，不填为 1。得分 = Σ(权重 × 分值) ÷ Σ权重 × 100。",
        "匹配短语 phrases：句子中出现其中任何一个即视为涉及本条目；“A+B”表示 A 和 B 必须出现在同一句中；“A+B|C”表示 A 与 B 或 C 同句（“考评+法治|依法”即“考评+法治”和“考评+依法”两条）。两三个字的短语只在分词后是完整的词时才算命中。",
        "排除短语 exclude：命中的短语如果落在排除短语里面，不算数（如“法律顾问”落在“一村一名法律顾问”里）。",
        "标题词 heading_words：小标题或段首句中出现这些词时，下面的段落视为讲本条目（可以不填）。",
        "正则 patterns：正则表达式（RE2），少用；不支持回溯引用 \\1 和环视 (?=…)。内容条目至少要有匹配短语或正则之一。",
        f"不适用单位 not_applicable_for：本条目对哪些类型的单位不适用，可填：{kinds}。",
    ]
    if any(c[0] in STRUCTURE_FIELDS for c in cols):
        lines += [
            f"检查方式 check：{'、'.join(CHECK_LABELS.values())}（不填为“内容”）。",
            f"章节类型 section_kind：检查方式为“报告部分”时必填，可填：{'、'.join(SECTION_LABELS.values())}。",
            "发布期限 deadline：检查方式为“发布期限”时必填，报告年度次年的月-日，如 04-01。",
        ]
    if src.own:
        lines += [
            "",
            "【地方清单】",
            f"这是在基础清单 {src.header.get('extends')} 上增补的地方清单，只导出了本清单自己的内容：",
            f"“{ITEMS_SHEET}”是新增的条目；“{HEADER_SHEET}”中的“删除基础条目”列出不考核的基础条目编号；",
            f"“{OVERRIDES_SHEET}”一行修改基础清单一个条目的一个字段（如权重、匹配短语、不适用单位），字段写法同“{ITEMS_SHEET}”的列标题。",
            "字段写“匹配短语 phrases”会替换基础条目的整个短语列表；只想增加几个短语，写“增加匹配短语 phrases_add”"
            "（排除短语：“增加排除短语 exclude_add”）。",
        ]
    elif src.resolved_from:
        lines += [
            "",
            "【地方清单】",
            f"原清单在基础清单 {src.resolved_from} 上增补；这里导出的是合并后的全部条目。导入后得到一份独立的清单，"
            "不再随基础清单更新。只想编辑本地增补部分，请用 scorer checklist export … --own 导出。",
        ]
    lines += [
        "",
        "【改完以后】",
        "1. 保存为 .xlsx 格式（WPS 中请选择“Excel 工作簿 (*.xlsx)”）。",
        "2. 导入并检查：scorer checklist import 本文件.xlsx --out 新清单.yaml",
        "   有问题时会一次列出全部问题，格式为“文件:工作表!行号: 问题”，不会写出任何文件；改正后重新导入。",
        "3. 看修改对报告得分的影响：scorer checklist diff 旧清单.yaml 新清单.yaml --reports 报告文件夹",
        "4. 也可以只检查不导入：scorer checklist validate 本文件.xlsx",
    ]
    return lines


def _atomic_save(wb, out: Path) -> None:
    buf = io.BytesIO()
    wb.save(buf)
    atomic_write(out, buf.getvalue())


def export_xlsx(name_or_path: str, out: str | Path, own: bool = False) -> ExportSource:
    src = export_source(name_or_path, own=own)
    write_xlsx(src, Path(out), str(name_or_path))
    return src


# --------------------------------------------------------------------------- import


@dataclass
class Workbook:
    """What was read from the workbook, and where each part came from."""

    header: dict[str, Any] = field(default_factory=dict)
    header_rows: dict[str, int] = field(default_factory=dict)
    area_rows: list[int] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    item_rows: list[int] = field(default_factory=list)
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    override_rows: dict[Any, int] = field(default_factory=dict)  # id, or (id, field) -> row
    problems: list[Problem] = field(default_factory=list)
    file: str = ""
    missing_sheets: bool = False

    def say(self, sheet: str | None, row: int | None, message: str, code: str = "cell") -> None:
        self.problems.append(Problem(file=self.file, message=message, code=code, sheet=sheet, row=row))


class ImportFailed(Exception):
    """The workbook could not be opened at all (exit 2), as opposed to problems in it."""


MAX_XLSX_BYTES = 20 * 1024 * 1024


def _field_of(header: str, known: dict[str, str]) -> str | None:
    """Column title -> field name: by the English field name in it, else the label."""
    text = header.strip()
    for word in re.findall(r"[A-Za-z_]+", text):
        if word in known:
            return word
    plain_text = re.sub(r"[\sA-Za-z_]+", "", text)
    for name, label in known.items():
        if plain_text == label:
            return name
    return None


def read_workbook(path: Path, shown: str | None = None) -> Workbook:
    from openpyxl import load_workbook

    shown = shown if shown is not None else str(path)
    if path.suffix.lower() in (".xls", ".et"):
        raise ImportFailed(f"{shown}: 只支持 .xlsx 格式（请在 Excel 或 WPS 中“另存为”Excel 工作簿 .xlsx）")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ImportFailed(f"{shown}: 文件不存在") from None
    except OSError as exc:
        raise ImportFailed(f"{shown}: 无法读取文件（{exc.strerror or exc}）") from None
    if not stat.S_ISREG(st.st_mode):
        raise ImportFailed(f"{shown}: 不是普通文件，不能作为 Excel 表格导入")
    if st.st_size > MAX_XLSX_BYTES:
        raise ImportFailed(f"{shown}: 文件过大（{st.st_size / 1024 / 1024:.1f} MB），检查清单表格不能超过 "
                           f"{MAX_XLSX_BYTES // 1024 // 1024} MB")
    try:
        wb = load_workbook(path, data_only=False)
    except FileNotFoundError:
        raise ImportFailed(f"{shown}: 文件不存在") from None
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException, ...
        raise ImportFailed(f"{shown}: 无法打开 Excel 文件（{type(exc).__name__}），请确认是 .xlsx 格式") from None
    book = Workbook(file=shown)
    for name in (ITEMS_SHEET, HEADER_SHEET):
        if name not in wb.sheetnames:
            book.say(None, None, f"缺少工作表「{name}」（现有：{'、'.join(wb.sheetnames)}）", "missing_sheet")
            book.missing_sheets = True
    if book.missing_sheets:
        return book
    _read_header(wb[HEADER_SHEET], book)
    _read_items(wb[ITEMS_SHEET], book)
    if OVERRIDES_SHEET in wb.sheetnames:
        _read_overrides(wb[OVERRIDES_SHEET], book)
    return book


def _read_header(ws, book: Workbook) -> None:
    known = {f: label for f, label, _ in HEADER_FIELDS}
    kinds = _label_lookup(CHECKLIST_KIND_LABELS)
    for row in range(2, ws.max_row + 1):
        title, value = ws.cell(row, 1).value, ws.cell(row, 2).value
        if title is None and value is None:
            continue
        say = lambda msg, code="cell", row=row: book.say(HEADER_SHEET, row, msg, code)  # noqa: E731
        name = _field_of(_text(title), known)
        if name is None:
            if _text(title).startswith(NOTE_PREFIX):
                continue
            say(f"无法识别的字段「{_text(title)}」", "unknown_field")
            continue
        if name == "areas":
            for area in split_list(value, "areas"):
                book.header.setdefault("areas", []).append(area)
                book.area_rows.append(row)
            book.header_rows.setdefault("areas", row)
            continue
        if name in book.header_rows:
            say(f"字段「{known[name]}」重复（第 {book.header_rows[name]} 行已有）", "duplicate_field")
            continue
        book.header_rows[name] = row
        text = _text(value)
        if name == "kind":
            if text:
                if text.lower() not in kinds and text not in kinds:
                    say(f"类型「{text}」无法识别（可选：{_choices(CHECKLIST_KIND_LABELS)}）")
                    continue
                book.header["kind"] = kinds.get(text, kinds.get(text.lower()))
        elif name == "years":
            book.header["years"] = None
            if text:
                m = re.fullmatch(r"(\d{4})?\s*年?\s*(?:-|–|—|~|～|至|到)\s*(\d{4})?\s*年?", text)
                single = re.fullmatch(r"(\d{4})\s*年?", text)
                if single:
                    book.header["years"] = [int(single.group(1))] * 2
                elif m:
                    book.header["years"] = [int(g) if g else None for g in m.groups()]
                else:
                    say(f"适用年度「{text}」格式不正确（应如 2016-2020 或 2021-）")
        elif name == "effective_from_year":
            if text:
                if not re.fullmatch(r"\d{4}", text):
                    say(f"结构要求施行年度「{text}」应为四位年份")
                    continue
                book.header[name] = int(text)
        elif name == "remove":
            if text:
                book.header["remove"] = split_list(value, "remove")
        elif name == "rules":
            mapping, problem = parse_rules_cell(text)
            if problem:
                say(problem)
            elif mapping:
                book.header["rules"] = mapping
        elif text or name in ("source", "id", "version", "title"):
            book.header[name] = text
    book.header.setdefault("areas", [])


def _read_items(ws, book: Workbook) -> None:
    known = {f: label for f, label, _ in ITEM_COLUMNS}
    columns: dict[int, str] = {}
    for col in range(1, ws.max_column + 1):
        title = _text(ws.cell(1, col).value)
        if not title or title.startswith(NOTE_PREFIX):
            continue
        name = _field_of(title, known)
        if name is None:
            book.say(ITEMS_SHEET, 1, f"无法识别的列标题「{title}」（第 {_col(col)} 列；"
                                     f"不需要导入的列请以“{NOTE_PREFIX}”开头）", "unknown_field")
        elif name in columns.values():
            book.say(ITEMS_SHEET, 1, f"列「{known[name]}」重复（第 {_col(col)} 列）", "duplicate_field")
        else:
            columns[col] = name
    for row in range(2, ws.max_row + 1):
        cells = {name: ws.cell(row, col).value for col, name in columns.items()}
        if all(_text(v) == "" for v in cells.values()):
            continue
        item: dict[str, Any] = {}
        for name, value in cells.items():
            _put_field(item, name, value, lambda msg, code="cell", row=row: book.say(ITEMS_SHEET, row, msg, code))
        book.items.append(item)
        book.item_rows.append(row)


def _read_overrides(ws, book: Workbook) -> None:
    known = {**{f: label for f, label, _ in ITEM_COLUMNS}, **OVERRIDE_LABELS}
    for row in range(2, ws.max_row + 1):
        item_id, title, value = (ws.cell(row, c).value for c in (1, 2, 3))
        if all(_text(v) == "" for v in (item_id, title, value)):
            continue
        say = lambda msg, code="cell", row=row: book.say(OVERRIDES_SHEET, row, msg, code)  # noqa: E731
        name = _field_of(_text(title), known)
        if not _text(item_id):
            say("缺少要修改的条目编号")
            continue
        if name is None or name == "id":
            say(f"无法识别要修改的字段「{_text(title)}」", "unknown_field")
            continue
        target = book.overrides.setdefault(_text(item_id), {})
        book.override_rows.setdefault(_text(item_id), row)
        if name in target:
            say(f"条目 {_text(item_id)} 的字段「{known[name]}」重复修改", "duplicate_field")
            continue
        book.override_rows[(_text(item_id), name)] = row
        # Validated by the loader, which places a problem at this row (WorkbookLocator).
        _put_field(target, name, value, say, keep_empty=True)


def _col(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def _put_field(item: dict[str, Any], name: str, value: Any, say, keep_empty: bool = False) -> None:
    """One cell into an item dict; unknown labels are reported with Chinese choices.
    Empty cells are left out (the field's default applies)."""
    label = ITEM_LABELS.get(name) or OVERRIDE_LABELS[name]
    if name in LIST_FIELDS or name in OVERRIDE_LABELS:
        values = split_list(value, name)
        text = value if isinstance(value, str) else _text(value)
        if name in ("phrases", "exclude", "phrases_add", "exclude_add") and "\n" not in text:
            for v in values:
                if "、" in v:
                    say(f"{label}「{v}」中有顿号「、」：分隔几个短语请用「；」；如果顿号是短语本身的一部分"
                        "（如“双随机、一公开”），请用 Alt+Enter 让每个短语各占一行", "separator")
        if name == "not_applicable_for":
            lookup = _label_lookup(KIND_LABELS)
            mapped = []
            for v in values:
                if v not in lookup and v.lower() not in lookup:
                    say(f"{label}「{v}」无法识别（可选：{_choices(KIND_LABELS)}）")
                    return
                mapped.append(lookup.get(v, lookup.get(v.lower())))
            values = mapped
        if values or keep_empty:
            item[name] = values
        return
    if name == "rules":
        mapping, problem = parse_rules_cell(value if isinstance(value, str) else _text(value))
        if problem:
            say(problem)
        elif mapping or keep_empty:
            item[name] = mapping
        return
    if name in ("check", "section_kind"):
        labels = CHECK_LABELS if name == "check" else SECTION_LABELS
        text = _text(value)
        if text:
            lookup = _label_lookup(labels)
            if text not in lookup and text.lower() not in lookup:
                say(f"{label}「{text}」无法识别（可选：{'、'.join(labels.values())}）")
                return
            item[name] = lookup.get(text, lookup.get(text.lower()))
        return
    if name == "deadline":
        text = _parse_deadline(value)
        if text:
            item[name] = text
        return
    if name == "weight":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            item[name] = _weight_cell(float(value))
        elif _text(value):
            text = _text(value).replace("，", ".")
            try:
                item[name] = _weight_cell(float(text))
            except ValueError:
                item[name] = text  # the loader reports "权重 weight 必须是数字（现为「两」）"
        return
    text = value if isinstance(value, str) else _text(value)
    if text.strip() or keep_empty:
        item[name] = text.strip()


# --------------------------------------------------------------------------- YAML


def _yaml() -> YAML:
    yaml = YAML()
    yaml.width = 4096  # never wrap: a wrapped flow list leaves trailing spaces
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    # `years: null` reads better for an editor than `years:`
    yaml.representer.add_representer(
        type(None), lambda r, d: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


def _flow(values: list[Any]) -> CommentedSeq:
    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq


_FLOW_UNSAFE = re.compile(r"""^[-?:,\[\]{}#&*!|>'"%@`\s]|[,\[\]{}#:"']|\s$""")


def _scalar(value: Any, flow: bool = False) -> Any:
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value) if not flow else DoubleQuotedScalarString(value)
    if flow and isinstance(value, str) and _FLOW_UNSAFE.search(value):
        # ruamel leaves e.g. "?0" plain inside [...], where it reads back as a mapping
        return DoubleQuotedScalarString(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _note(m: CommentedMap, key: str, text: str, indent: int = 0) -> None:
    """An end-of-line comment two spaces after the value."""
    value = m[key]
    if value is None:
        shown = "null"
    elif isinstance(value, list):
        shown = "[" + ", ".join(str(v) for v in value) + "]"
    else:
        shown = str(value) + ("  " if isinstance(value, DoubleQuotedScalarString) else "")
    m.yaml_add_eol_comment("# " + text, key, column=indent + len(key) + 2 + len(shown) + 2)


def _item_map(item: dict[str, Any], structure: bool = False) -> CommentedMap:
    m = CommentedMap()
    order = [f for f, _, _ in ITEM_COLUMNS] + [k for k in item if k not in ITEM_LABELS]
    for name in order:
        if name not in item:
            continue
        value = item[name]
        if name == "weight" and structure and value == 1:
            continue  # structure items are not scored
        if name == "patterns":
            m[name] = CommentedSeq(value) if isinstance(value, list) else value
        elif isinstance(value, list):
            m[name] = _flow([_scalar(v, flow=True) for v in value])
            if name == "not_applicable_for":
                _note(m, name, "不适用：" + "、".join(KIND_LABELS.get(v, v) for v in value), indent=4)
        elif name == "deadline" and isinstance(value, str):
            m[name] = DoubleQuotedScalarString(value)
        else:
            m[name] = _scalar(value)
    return m


def build_yaml(book: Workbook, source_name: str) -> CommentedMap:
    h = book.header
    top = CommentedMap()
    for name in ("id", "version", "title", "source", "kind"):
        if name in h:
            top[name] = DoubleQuotedScalarString(h[name]) if name == "version" else h[name]
    if "kind" in top:
        _note(top, "kind", CHECKLIST_KIND_LABELS.get(top["kind"], ""))
    structure = h.get("kind") == "structure"
    if "years" in h and not (structure and h["years"] is None and "extends" not in h):
        years = h["years"]
        top["years"] = None if years is None else _flow(list(years))
        if years is None:
            _note(top, "years", "不参与按年度自动选用，只在 --checklist 明确指定时使用")
        else:
            lo, hi = years
            if lo and hi:
                span = f"{lo}–{hi} 年度" if lo != hi else f"{lo} 年度"
            else:
                span = f"{lo} 年度及以后" if lo else (f"{hi} 年度及以前" if hi else "任何年度")
            _note(top, "years", f"{span}的报告自动选用本清单")
    if "effective_from_year" in h:
        top["effective_from_year"] = h["effective_from_year"]
        _note(top, "effective_from_year", "早于此年度的报告，结构问题只作建议")
    if "extends" in h:
        top["extends"] = h["extends"]
        _note(top, "extends", "以此清单为基础增补")
    if "remove" in h:
        top["remove"] = _flow(list(h["remove"]))
        _note(top, "remove", "不考核的基础条目")
    if book.overrides:
        over = CommentedMap()
        for item_id, fields in book.overrides.items():
            over[item_id] = _item_map(fields)
        top["overrides"] = over
    areas = CommentedSeq(h.get("areas", []))
    top["areas"] = areas
    items = CommentedSeq()
    last_area = object()
    for i, item in enumerate(book.items):
        items.append(_item_map(item, structure))
        area = item.get("area", "")
        if area != last_area and area:
            items.yaml_set_comment_before_after_key(i, before=f"———— {area} ————", indent=2)
        last_area = area
    top["items"] = items
    today = dt.date.today().isoformat()
    top.yaml_set_start_comment(
        f"{h.get('title', '检查清单')}\n"
        f"由 scorer checklist import 于 {today} 从 {source_name} 生成。\n"
        "可以直接编辑本文件（字段说明见 checklists/README.md），也可以再导出成 Excel 编辑：\n"
        "  scorer checklist export 本文件.yaml --xlsx 清单.xlsx\n"
        "修改后请更新 version，并运行 scorer checklist validate 本文件.yaml 检查。"
    )
    return top


# --------------------------------------------------------------------------- import: validate + write


@dataclass
class ImportResult:
    problems: list[Problem]
    checklist: Checklist | None = None
    out: Path | None = None
    text: str | None = None  # the YAML that was (or would be) written


class WorkbookLocator(Locator):
    """Checklist parts -> the sheet and row they were read from."""

    def __init__(self, file: str, book: Workbook):
        super().__init__(file)
        self.book = book

    def where(self, loc: tuple[Any, ...]) -> dict[str, Any]:
        b = self.book
        if not loc:
            return {}
        head = loc[0]
        if head == "items":
            if len(loc) > 1 and isinstance(loc[1], int) and 0 <= loc[1] < len(b.item_rows):
                return {"sheet": ITEMS_SHEET, "row": b.item_rows[loc[1]]}
            return {"sheet": ITEMS_SHEET}
        if head == "overrides" and len(loc) > 1:
            key = str(loc[1])
            row = b.override_rows.get((key, loc[2])) if len(loc) > 2 else None
            return {"sheet": OVERRIDES_SHEET, "row": row or b.override_rows.get(key)}
        if head == "areas" and len(loc) > 1 and isinstance(loc[1], int) and loc[1] < len(b.area_rows):
            return {"sheet": HEADER_SHEET, "row": b.area_rows[loc[1]]}
        row = b.header_rows.get(str(head))
        return {"sheet": HEADER_SHEET, "row": row} if row else {"sheet": HEADER_SHEET}


def dump_yaml(tree: CommentedMap) -> str:
    buf = io.StringIO()
    _yaml().dump(tree, buf)
    return buf.getvalue()


def import_xlsx(xlsx: str | Path, out: str | Path | None, check_only: bool = False) -> ImportResult:
    """Read and validate the workbook; unless check_only or invalid, write the checklist.
    Every problem is returned at once, in workbook order. Raises ImportFailed when the
    workbook cannot be opened."""
    shown = str(xlsx)
    xlsx = Path(xlsx)
    book = read_workbook(xlsx, shown)
    if book.missing_sheets:
        return ImportResult(book.problems)
    target = Path(out) if out is not None else xlsx.with_suffix(".yaml")
    text = dump_yaml(build_yaml(book, xlsx.name))
    # Validate the text as it will be written, from the folder it will be written to
    # (a relative `extends` resolves the same way).
    folder = (target.parent if out is not None else xlsx.parent).resolve()
    problems = list(book.problems)
    checklist = None
    try:
        raw = parse_yaml_text(text, shown)
        checklist = build_checklist(raw, WorkbookLocator(shown, book), base_dir=folder,
                                    path=folder / target.name)
    except ChecklistError as exc:
        problems += exc.records
    if problems or check_only:
        return ImportResult(_by_row(problems), checklist, text=text)
    atomic_write(target, text)
    checklist.path = target.resolve()
    return ImportResult([], checklist, target, text)


def _by_row(problems: list[Problem]) -> list[Problem]:
    """Problems in workbook order: sheet by sheet, row by row (stable otherwise);
    problems in other files (a broken base checklist) last."""
    order = {None: 0, ITEMS_SHEET: 1, HEADER_SHEET: 2, OVERRIDES_SHEET: 3}

    def key(p: Problem) -> tuple[int, int]:
        if p.sheet is None and p.line is not None:
            return (9, 0)
        return (order.get(p.sheet, 8), p.row or 0)

    return sorted(problems, key=key)


__all__ = [
    "ExportSource", "ImportFailed", "ImportResult", "WorkbookLocator", "export_source", "export_xlsx",
    "import_xlsx", "join_list", "read_workbook", "split_list",
]
