"""Loading checklists: YAML -> validated, resolved Checklist.

Every problem in a file is collected and reported at once as `path:line: message`
(Chinese), the way a linter reports, so an editor can fix them all in one pass.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from scorer.checklist.rules import RULEBOOK_NAME, load_rulebook_spec, rulebook_path, tuning_problems
from scorer.checklist.schema import ChecklistSpec, ItemSpec
from scorer.errors import ChecklistError

from scorer.paths import CHECKLIST_DIR

STRUCTURE_CHECKLIST = "report-structure"

# A regex a checklist author writes must not be able to hang the matcher on a long
# report (issue: catastrophic backtracking). Nested quantifiers like (a+)+ are refused.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]")


@dataclass
class Checklist:
    spec: ChecklistSpec
    path: Path
    sha256: str
    compiled_patterns: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def items(self) -> list[ItemSpec]:
        return self.spec.items

    def item(self, item_id: str) -> ItemSpec | None:
        return next((it for it in self.spec.items if it.id == item_id), None)


# --------------------------------------------------------------------------- locating


def shipped_checklists() -> dict[str, Path]:
    """Name -> path of every checklist shipped in checklists/."""
    return {p.stem: p for p in sorted(CHECKLIST_DIR.glob("*.yaml")) if p.stem != RULEBOOK_NAME}


def resolve_checklist_path(name_or_path: str | os.PathLike, relative_to: Path | None = None) -> Path:
    text = str(name_or_path)
    shipped = shipped_checklists()
    if text in shipped:
        return shipped[text]
    candidate = Path(text)
    if not candidate.is_absolute() and relative_to is not None and not candidate.exists():
        candidate = relative_to / candidate
    if candidate.exists():
        return candidate
    names = "、".join(shipped) or "（无）"
    raise ChecklistError([f"{text}: 找不到检查清单（内置清单有：{names}）"])


# --------------------------------------------------------------------------- loading

_CACHE: dict[tuple[str, float], Checklist] = {}


def load_checklist(name_or_path: str | os.PathLike, _chain: tuple[Path, ...] = ()) -> Checklist:
    path = resolve_checklist_path(name_or_path).resolve()
    key = (str(path), path.stat().st_mtime)
    if key in _CACHE and not _chain:
        return _CACHE[key]
    if path in _chain:
        raise ChecklistError([f"{path}:1: extends 形成循环引用"])
    checklist = _load_uncached(path, _chain + (path,))
    if not _chain:
        _CACHE[key] = checklist
    return checklist


def _load_uncached(path: Path, chain: tuple[Path, ...]) -> Checklist:
    raw = _read_yaml(path)
    problems: list[str] = []
    if not isinstance(raw, CommentedMap):
        raise ChecklistError([f"{path}:1: 检查清单的顶层必须是键值映射（id、version、items ……）"])

    base: Checklist | None = None
    if raw.get("extends"):
        try:
            base = load_checklist(
                resolve_checklist_path(str(raw["extends"]), relative_to=path.parent), chain
            )
        except ChecklistError as exc:
            problems += [f"{path}:{_line(raw, 'extends')}: 基础清单无法加载：{p}" for p in exc.problems]
            raise ChecklistError(problems) from None

    data = _plain(raw)
    if base is not None:
        data = _merge_extends(base, data, raw, path, problems)

    spec, valid = _validate(data, raw, path, problems)
    compiled: dict[str, list[re.Pattern[str]]] = {}
    if spec is not None:
        total = len(data.get("items") or []) if isinstance(data, dict) else 0
        _check_semantics(spec, valid, total, raw, path, problems, compiled)
    if problems or spec is None:
        raise ChecklistError(problems or [f"{path}:1: 检查清单无效"])
    # The digest covers the rule book too: a changed rule changes what the checklist decides.
    load_rulebook_spec()
    digest = hashlib.sha256(
        json.dumps(spec.model_dump(mode="json"), ensure_ascii=False, sort_keys=True).encode()
        + rulebook_path().read_bytes()
    ).hexdigest()
    return Checklist(spec=spec, path=path, sha256=digest, compiled_patterns=compiled)


def _read_yaml(path: Path) -> Any:
    yaml = YAML(typ="rt")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ChecklistError([f"{path}:1: 文件不是 UTF-8 编码"]) from None
    except OSError as exc:
        raise ChecklistError([f"{path}:1: 无法读取文件（{exc.strerror or exc}）"]) from None
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = "键重复" if "duplicate" in str(exc).lower() else "YAML 语法错误"
        detail = (exc.problem or "").strip()
        raise ChecklistError([f"{path}:{line}: {what}（{detail}）"]) from None
    except Exception as exc:  # ruamel raises a handful of non-marked errors too
        raise ChecklistError([f"{path}:1: YAML 无法解析（{exc}）"]) from None


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _line(node: Any, key: Any = None) -> int:
    """1-based line of `key` inside a ruamel node (or of the node itself)."""
    try:
        if key is not None and isinstance(node, CommentedMap) and key in node:
            return node.lc.key(key)[0] + 1
        if key is not None and isinstance(node, CommentedSeq) and isinstance(key, int):
            return node.lc.item(key)[0] + 1
        return node.lc.line + 1
    except Exception:
        return 1


def _line_for_loc(raw: Any, loc: tuple[Any, ...]) -> int:
    """Walk a pydantic error location through the ruamel tree to its line."""
    node, line = raw, _line(raw)
    for part in loc:
        if isinstance(node, (CommentedMap, CommentedSeq)):
            try:
                line = _line(node, part)
                node = node[part]
                continue
            except (KeyError, IndexError, TypeError):
                break
        break
    return line


_FIELD_NAMES = {
    "id": "编号 id",
    "version": "版本 version",
    "title": "标题 title",
    "requirement": "要求 requirement",
    "weight": "权重 weight",
    "phrases": "短语 phrases",
    "exclude": "排除短语 exclude",
    "patterns": "正则 patterns",
    "area": "领域 area",
    "items": "条目 items",
    "deadline": "期限 deadline",
}


def _translate(err: dict[str, Any]) -> str:
    kind = err["type"]
    name = next((str(p) for p in reversed(err["loc"]) if isinstance(p, str)), "")
    label = _FIELD_NAMES.get(name, name)
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        return f"未知字段「{name}」（请检查拼写；可用字段见 checklists/README.md）"
    if kind == "missing":
        return f"缺少必填字段「{label}」"
    if kind in ("greater_than", "less_than_equal", "greater_than_equal", "less_than"):
        if name == "weight":
            return f"权重超出范围：必须大于 0 且不超过 10（现为 {err.get('input')}）"
        return f"{label} 超出范围"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type"):
        return f"{label} 必须是数字"
    if kind in ("string_too_short", "too_short"):
        return f"{label} 不能为空"
    if kind == "string_pattern_mismatch":
        if name == "id":
            return "编号格式不正确（只能用字母、数字、-、_、.）"
        return f"{label} 格式不正确（应为 {ctx.get('pattern', '')}）"
    if kind in ("literal_error", "enum"):
        return f"{label} 取值不正确（可选：{ctx.get('expected', '')}）"
    if kind == "string_type":
        pos = next((p for p in reversed(err["loc"]) if isinstance(p, int)), None)
        where = f"第 {pos + 1} 项" if pos is not None else ""
        return f"{label}{where}必须是文字（数字或特殊符号开头的内容请加引号）"
    if kind in ("list_type", "dict_type"):
        return f"{label} 类型不正确（应为{'列表' if kind == 'list_type' else '映射'}）"
    if kind == "value_error":
        return str(err.get("msg", "")).removeprefix("Value error, ")
    return f"{label}：{err.get('msg', kind)}"


def _validate(data: Any, raw: CommentedMap, path: Path, problems: list[str]):
    """Validate the header and each item separately, so that one bad item does not
    hide the problems of the others. Returns (spec or None, [(index, item)])."""
    def report(exc: ValidationError, prefix: tuple[Any, ...]) -> None:
        for err in exc.errors():
            loc = prefix + tuple(err["loc"])
            problems.append(f"{path}:{_line_for_loc(raw, loc)}: {_translate(err)}")

    header = {k: v for k, v in data.items() if k != "items"} if isinstance(data, dict) else data
    spec = None
    try:
        spec = ChecklistSpec.model_validate({**header, "items": []})
    except ValidationError as exc:
        report(exc, ())
    raw_items = data.get("items", []) if isinstance(data, dict) else []
    if not isinstance(raw_items, list):
        problems.append(f"{path}:{_line(raw, 'items')}: 条目 items 必须是列表")
        raw_items = []
    valid: list[tuple[int, ItemSpec]] = []
    for idx, item in enumerate(raw_items):
        try:
            valid.append((idx, ItemSpec.model_validate(item)))
        except ValidationError as exc:
            report(exc, ("items", idx))
    if spec is not None:
        spec.items = [it for _, it in valid]
    return spec, valid


def _check_semantics(spec, valid, total, raw, path, problems, compiled) -> None:
    raw_items = raw.get("items") or []
    # With `extends`, the base's items come first and have no line in this file.
    offset = total - len(raw_items)
    # Duplicates are looked for among all items, valid or not.
    seen: dict[str, int] = {}
    for j, raw_item in enumerate(raw_items):
        item_id = raw_item.get("id") if isinstance(raw_item, CommentedMap) else None
        if item_id is None:
            continue
        if str(item_id) in seen:
            problems.append(f"{path}:{_line(raw_item, 'id')}: 编号「{item_id}」重复（第 {seen[str(item_id)]} 行已有）")
        else:
            seen[str(item_id)] = _line(raw_item, "id")
    problems += tuning_problems(spec.rules, f"{path}:{_line(raw, 'rules')}")
    areas = set(spec.areas)
    for idx, item in valid:
        own = 0 <= idx - offset < len(raw_items)
        raw_item = raw_items[idx - offset] if own else raw
        line = _line(raw_items, idx - offset) if own else _line(raw)
        if spec.kind == "outline" and item.area not in areas:
            problems.append(
                f"{path}:{_line(raw_item, 'area')}: 条目 {item.id} 的领域「{item.area}」不在 areas 列表中"
            )
        problems += tuning_problems(item.rules, f"{path}:{line}: 条目 {item.id}")
        if spec.kind == "outline" and item.check == "content" and not (item.phrases or item.patterns):
            problems.append(f"{path}:{line}: 条目 {item.id} 没有任何匹配规则（phrases 或 patterns）")
        pats = []
        raw_pats = raw_item.get("patterns") if isinstance(raw_item, CommentedMap) else None
        for j, pattern in enumerate(item.patterns):
            pline = _line(raw_pats, j) if isinstance(raw_pats, CommentedSeq) else line
            if _NESTED_QUANTIFIER.search(pattern):
                problems.append(f"{path}:{pline}: 条目 {item.id} 的正则「{pattern}」含嵌套重复，可能导致匹配卡死，请改写")
                continue
            try:
                pats.append(re.compile(pattern))
            except re.error as exc:
                problems.append(f"{path}:{pline}: 条目 {item.id} 的正则「{pattern}」无效（{exc}）")
        compiled[item.id] = pats
        if item.check == "section" and item.section_kind is None:
            problems.append(f"{path}:{line}: 条目 {item.id} 为 section 检查，必须写 section_kind")
        if item.check == "publication_deadline" and item.deadline is None:
            problems.append(f"{path}:{line}: 条目 {item.id} 为发布期限检查，必须写 deadline（如 \"04-01\"）")


def _merge_extends(base: Checklist, data: dict, raw: CommentedMap, path: Path, problems: list[str]) -> dict:
    """A local checklist on top of a national one: base items, minus `remove`,
    with `overrides` applied, plus the local `items`."""
    base_items = {it.id: it.model_dump(mode="json") for it in base.items}
    for item_id in data.get("remove", []) or []:
        if item_id not in base_items:
            problems.append(f"{path}:{_line(raw, 'remove')}: remove 中的编号「{item_id}」在基础清单中不存在")
        base_items.pop(item_id, None)
    overrides = data.get("overrides", {}) or {}
    raw_over = raw.get("overrides")
    allowed = set(ItemSpec.model_fields)
    for item_id, fields in overrides.items():
        line = _line(raw_over, item_id)
        if item_id not in base_items:
            problems.append(f"{path}:{line}: overrides 中的编号「{item_id}」在基础清单中不存在")
            continue
        if not isinstance(fields, dict):
            problems.append(f"{path}:{line}: overrides.{item_id} 必须是字段映射")
            continue
        for key, value in fields.items():
            if key not in allowed or key == "id":
                problems.append(f"{path}:{line}: overrides.{item_id} 中的字段「{key}」不能覆盖")
                continue
            base_items[item_id][key] = value
    own = data.get("items", []) or []
    for j, item in enumerate(own):
        if isinstance(item, dict) and item.get("id") in base_items:
            problems.append(
                f"{path}:{_line(raw.get('items'), j)}: 编号「{item['id']}」已在基础清单中，修改请写在 overrides 下"
            )
    merged = dict(base.spec.model_dump(mode="json"))
    merged.update({k: v for k, v in data.items() if k not in ("items", "areas", "remove", "overrides")})
    merged["areas"] = list(base.spec.areas) + [a for a in data.get("areas", []) or [] if a not in base.spec.areas]
    merged["items"] = list(base_items.values()) + own
    merged["remove"], merged["overrides"] = [], {}
    merged["rules"] = {**base.spec.rules, **(data.get("rules") or {})}
    return merged


def validate_paths(paths: list[str]) -> list[str]:
    """All problems across several checklists (for `scorer checklist validate`)."""
    problems: list[str] = []
    for p in paths:
        try:
            load_checklist(p)
        except ChecklistError as exc:
            problems += exc.problems
    return problems
