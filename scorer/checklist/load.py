"""Loading checklists: YAML -> validated, resolved Checklist.

Every problem in a file is collected and reported at once as a Problem record (file,
line, code, Chinese message), shown as `path:line: message` the way a linter reports,
so an editor can fix them all in one pass. The same validation runs on a workbook being
imported (scorer.checklist.xlsx): only the Locator differs, which says where a field
came from (a YAML line, or a sheet and row).

A checklist is data a legal officer edits, so reading one is guarded like reading a
report: only regular files up to 2 MB, UTF-8, no YAML anchors/aliases (a "billion
laughs" file would expand without limit), `extends` only to shipped checklists or files
in the checklist's own folder tree or repository, and regular expressions compiled with
RE2, whose matching time is linear in the text (no catastrophic backtracking).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import re2
from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

from scorer.checklist.rules import RULEBOOK_NAME, load_rulebook_spec, rulebook_path, tuning_problems
from scorer.checklist.schema import ChecklistSpec, ItemSpec
from scorer.checklist import diskcache
from scorer.checklist.looked_up import looked_up
from scorer.errors import ChecklistError, Problem
from scorer.models import JurisdictionKind
from scorer.paths import CHECKLIST_DIR

STRUCTURE_CHECKLIST = "report-structure"
MAX_CHECKLIST_BYTES = 2 * 1024 * 1024
YAML_SUFFIXES = (".yaml", ".yml")
# Top-level keys of which a checklist has at least one; a file with none is not a
# checklist, and none of its content is echoed back.
CHECKLIST_KEYS = frozenset(ChecklistSpec.model_fields)
# Override keys that add to a base item's list instead of replacing it.
ADD_KEYS = {"phrases_add": "phrases", "exclude_add": "exclude"}

KIND_CHOICES = {
    JurisdictionKind.province.value: "省级",
    JurisdictionKind.city.value: "设区的市",
    JurisdictionKind.county.value: "县级",
    JurisdictionKind.development_zone.value: "开发区",
    JurisdictionKind.department.value: "政府部门",
}


@dataclass
class Checklist:
    spec: ChecklistSpec
    path: Path
    sha256: str
    # RE2 patterns: .search/.finditer/.pattern as re.Pattern, matching in linear time.
    compiled_patterns: dict[str, list[Any]] = field(default_factory=dict)

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
    """Name -> path of every checklist shipped in checklists/ (the folder is listed once
    per report: looked_up.py)."""
    return dict(looked_up(("shipped checklists", CHECKLIST_DIR), _list_shipped))


def _list_shipped() -> dict[str, Path]:
    # os.scandir rather than Path.glob("*.yaml"): the same names in the same order (glob's "*" takes
    # hidden names too, and a folder that cannot be listed lists nothing), without pathlib's selector
    # machinery, which cost ~0.1 ms per report
    try:
        with os.scandir(CHECKLIST_DIR) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(".yaml"))
    except OSError:
        return {}
    return {p.stem: p for p in (CHECKLIST_DIR / name for name in names) if p.stem != RULEBOOK_NAME}


_ID_LINE = re.compile(r"""^id:\s*["']?([a-z0-9][a-z0-9_.-]*)["']?\s*(?:#.*)?$""", re.M)


def shipped_ids() -> dict[str, Path]:
    """id -> path of the shipped checklists (a file may be named differently from its id)."""
    out: dict[str, Path] = {}
    for name, path in shipped_checklists().items():
        try:
            with open(path, "rb") as fh:
                head = fh.read(8192).decode("utf-8-sig", errors="replace")
        except OSError:
            continue
        m = _ID_LINE.search(head)
        if m:
            out.setdefault(m.group(1), path)
    return out


def _looks_like_path(text: str) -> bool:
    return "/" in text or os.sep in text or text.lower().endswith(YAML_SUFFIXES)


def is_checklist_name(text: str) -> bool:
    """True for the name (file stem) or id of a shipped checklist."""
    return text in shipped_checklists() or (not _looks_like_path(text) and text in shipped_ids())


def shown_path(path: Path) -> str:
    """A path as a message shows it: relative to the current folder when inside it,
    else absolute (so a message never names a folder relative to somewhere else)."""
    path = Path(os.path.abspath(path))
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _named(path: Path, shown: str | None) -> str:
    """How a message names `path`: `shown` when given, else shown_path (worked out only for a message)."""
    return shown_path(path) if shown is None else shown


def _not_found(text: str) -> ChecklistError:
    names = "、".join(shipped_checklists()) or "（无）"
    return ChecklistError([Problem(file=text, code="not_found",
                                   message=f"找不到检查清单（内置清单有：{names}，在 {CHECKLIST_DIR}）")])


def _resolve(text: str, relative_to: Path | None = None) -> tuple[Path, bool]:
    """(path, whether `text` named a shipped checklist)."""
    shipped = shipped_checklists()
    if text in shipped:
        return shipped[text], True
    if not _looks_like_path(text):
        ids = shipped_ids()
        if text in ids:
            return ids[text], True
    candidate = Path(text)
    if not candidate.is_absolute() and relative_to is not None:
        candidate = relative_to / candidate
    if candidate.exists() or candidate.is_symlink():
        return candidate, False
    raise _not_found(text)


def resolve_checklist_path(name_or_path: str | os.PathLike, relative_to: Path | None = None) -> Path:
    """A shipped checklist by name or id, else a path (relative to `relative_to` if given)."""
    return _resolve(str(name_or_path), relative_to)[0]


def _git_root(folder: Path) -> Path | None:
    for d in [folder, *folder.parents]:
        if (d / ".git").exists():
            return d
    return None


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def resolve_extends(value: str, base_dir: Path) -> Path:
    """The base checklist named by `extends`: a shipped checklist (name or id), or a .yaml
    file inside the checklist's own folder tree, its git repository, or the shipped
    checklists folder. Anything else is refused without being opened."""
    text = value.strip()
    if is_checklist_name(text):
        return resolve_checklist_path(text)
    candidate = Path(text)
    if not candidate.is_absolute():
        candidate = base_dir / candidate
    resolved = candidate.resolve()
    roots = [CHECKLIST_DIR.resolve(), base_dir.resolve()]
    repo = _git_root(base_dir.resolve())
    if repo is not None:
        roots.append(repo)
    if resolved.suffix.lower() not in YAML_SUFFIXES or not any(_inside(resolved, r) for r in roots):
        raise ChecklistError([Problem(
            file=text, code="extends_refused",
            message="不能作为基础清单：extends 只能写内置清单名称（如 outline-2021），"
                    "或本清单所在文件夹（及其子文件夹、所在仓库）中的 .yaml 清单文件")])
    if not resolved.exists():
        raise _not_found(text)
    return resolved


# --------------------------------------------------------------------------- reading


def _problem(file: str, message: str, code: str, line: int | None = None) -> ChecklistError:
    return ChecklistError([Problem(file=file, message=message, code=code, line=line)])


def check_file(path: Path, shown: str | None = None, noun: str = "检查清单") -> os.stat_result:
    """A checklist (or, with `noun`, the rule book) is a regular file of reasonable size: never a device,
    pipe or folder (reading /dev/zero would not end; opening a fifo would block). `shown`: the path as a
    message names it (None: shown_path, worked out only for a message)."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _problem(_named(path, shown), f"无法读取文件（{exc.strerror or exc}）", "unreadable") from None
    if not stat.S_ISREG(st.st_mode):
        what = "文件夹" if stat.S_ISDIR(st.st_mode) else "设备、管道等特殊文件"
        raise _problem(_named(path, shown), f"不是普通文件（是{what}），不能作为{noun}", "not_regular_file")
    if st.st_size > MAX_CHECKLIST_BYTES:
        raise _problem(_named(path, shown), f"文件过大（{st.st_size / 1024 / 1024:.1f} MB），{noun}不能超过 "
                                            f"{MAX_CHECKLIST_BYTES // 1024 // 1024} MB", "too_large")
    return st


# ruamel's English problem -> what an editor should do (first match wins).
_YAML_MESSAGES = [
    (re.compile(r"'\\t'|\btabs?\b"), "这一行有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格"),
    (re.compile(r"mapping values are not allowed"), "这里不能有冒号「:」（文字中有英文冒号时，请给整段文字加引号）"),
    (re.compile(r"could not find expected ':'"), "缺少冒号「:」，或者前面的引号没有配对"),
    (re.compile(r"expected <block end>|did not find expected key|expected <block mapping start>"),
     "缩进没有对齐（同一层的字段要对齐，只能用空格缩进）"),
    (re.compile(r"did not find expected ',' or '\]'|expected ',' or '\]'"), "方括号列表 [...] 没有正确结束（缺少「]」或逗号）"),
    (re.compile(r"did not find expected ',' or '\}'|expected ',' or '\}'"), "花括号 {...} 没有正确结束（缺少「}」或逗号）"),
    (re.compile(r"end of stream|unexpected end"), "文件意外结束（引号或括号没有配对）"),
    (re.compile(r"found unknown escape character"), "双引号中的反斜杠「\\」用法不对（正则表达式请用单引号）"),
    (re.compile(r"found character .* that cannot start any token"), "这里的字符不能作为内容的开头（请给这段文字加引号）"),
    (re.compile(r"found undefined (alias|tag)"), "内容不能以「*」或「!」开头（请给这段文字加引号）"),
]


def _yaml_message(exc: MarkedYAMLError) -> str:
    detail = (exc.problem or "").strip()
    if "duplicate" in str(exc).lower():
        key = re.search(r'found duplicate key "([^"]*)"', str(exc))
        return f"键重复（「{_clip(key.group(1)) if key else ''}」写了两次）"
    for rx, message in _YAML_MESSAGES:
        if rx.search(detail):
            return message
    return f"YAML 语法错误（{_clip(detail, 60)}）"


def read_yaml(path: Path, shown: str | None = None) -> Any:
    """The ruamel round-trip tree of a checklist file (line numbers kept).
    Raises ChecklistError with one Problem for a file that cannot be read or parsed."""
    shown = _named(path, shown)
    check_file(path, shown)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_CHECKLIST_BYTES + 1)
    except OSError as exc:
        raise _problem(shown, f"无法读取文件（{exc.strerror or exc}）", "unreadable") from None
    if len(data) > MAX_CHECKLIST_BYTES:
        raise _problem(shown, f"文件过大，检查清单不能超过 {MAX_CHECKLIST_BYTES // 1024 // 1024} MB", "too_large")
    if b"\x00" in data:
        raise _problem(shown, "不是文本文件，不能作为检查清单", "not_a_checklist")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            data.decode("gb18030")
            what = "文件是 GBK（GB18030）编码"
        except UnicodeDecodeError:
            what = "文件不是 UTF-8 编码"
        raise _problem(shown, f"{what}，检查清单必须是 UTF-8 编码：请在记事本中“另存为”，编码选“UTF-8”后保存"
                              "（WPS、VS Code 中同样在保存时选择 UTF-8）", "unreadable") from None
    return parse_yaml_text(text, shown)


def parse_yaml_text(text: str, shown: str) -> Any:
    yaml = YAML(typ="rt")
    try:
        # Anchors and aliases are refused before anything is built: nine levels of nine
        # aliases expand to 9^9 nodes. A legal officer never needs them.
        for ev in yaml.parse(text):
            if isinstance(ev, AliasEvent) or getattr(ev, "anchor", None):
                raise _problem(shown, "检查清单中不能使用 YAML 锚点和别名（以 & 或 * 开头的写法）：请把内容直接写出来；"
                                      "如果文字本身以 & 或 * 开头，请加引号", "yaml_alias", ev.start_mark.line + 1)
        return YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise _problem(shown, _yaml_message(exc), "yaml_syntax", line) from None
    except (YAMLError, ValueError, TypeError) as exc:  # ruamel raises a few non-marked errors too
        raise _problem(shown, f"YAML 无法解析（{_clip(str(exc), 60)}）", "yaml_syntax", 1) from None


def plain(node: Any) -> Any:
    """A ruamel tree as plain dicts and lists."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    return node


def _clip(text: str, n: int = 40) -> str:
    text = re.sub(r"[\x00-\x1f\x7f]", " ", str(text))
    return text if len(text) <= n else text[: n - 1] + "…"


# --------------------------------------------------------------------------- locations


def node_line(node: Any, key: Any = None) -> int:
    """1-based line of `key` inside a ruamel node (or of the node itself)."""
    try:
        if key is not None and isinstance(node, CommentedMap) and key in node:
            return node.lc.key(key)[0] + 1
        if key is not None and isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            return node.lc.item(key)[0] + 1
        return node.lc.line + 1
    except Exception:
        return 1


class Locator:
    """Where a part of a checklist came from. `loc` is a path into the checklist data,
    e.g. ("items", 3, "weight") or ("overrides", "O21-19", "phrases")."""

    def __init__(self, file: str):
        self.file = file

    def where(self, loc: tuple[Any, ...]) -> dict[str, Any]:
        return {}

    def place(self, loc: tuple[Any, ...]) -> str:
        """「第 N 行」 for messages that refer to another place."""
        w = self.where(loc)
        n = w.get("line") or w.get("row")
        return f"第 {n} 行" if n else "前面"

    def problem(self, loc: tuple[Any, ...], message: str, code: str = "invalid") -> Problem:
        return Problem(file=self.file, message=message, code=code, **self.where(loc))


class YamlLocator(Locator):
    def __init__(self, file: str, raw: Any):
        super().__init__(file)
        self.raw = raw

    def where(self, loc: tuple[Any, ...]) -> dict[str, Any]:
        node, line = self.raw, node_line(self.raw)
        for part in loc:
            if isinstance(node, (CommentedMap, CommentedSeq)):
                try:
                    if isinstance(node, CommentedSeq) and not (isinstance(part, int) and 0 <= part < len(node)):
                        break
                    if isinstance(node, CommentedMap) and part not in node:
                        break
                    line = node_line(node, part)
                    node = node[part]
                    continue
                except (KeyError, IndexError, TypeError):
                    break
            break
        return {"line": line}


# --------------------------------------------------------------------------- messages

_FIELD_NAMES = {
    "id": "编号 id",
    "version": "版本 version",
    "title": "标题 title",
    "requirement": "要求 requirement",
    "guidance": "达标说明 guidance",
    "weight": "权重 weight",
    "phrases": "短语 phrases",
    "exclude": "排除短语 exclude",
    "patterns": "正则 patterns",
    "not_applicable_for": "不适用单位 not_applicable_for",
    "area": "领域 area",
    "areas": "领域列表 areas",
    "items": "条目 items",
    "deadline": "期限 deadline",
    "years": "适用年度 years",
    "kind": "类型 kind",
    "check": "检查方式 check",
    "section_kind": "章节类型 section_kind",
    "effective_from_year": "结构要求施行年度 effective_from_year",
    "extends": "基础清单 extends",
    "remove": "删除基础条目 remove",
    "overrides": "修改基础条目 overrides",
}


def field_label(name: str) -> str:
    return _FIELD_NAMES.get(name, name)


def _shown_value(value: Any) -> str:
    if isinstance(value, str):
        return f"「{_clip(value)}」"
    return " " + _clip(repr(value) if value is not None else "空") + " "


def _now(value: Any) -> str:
    """「（现为「两」）」 / 「（现为 20）」: the bad value, echoed."""
    return f"（现为{_shown_value(value).rstrip()}）"


def translate(err: dict[str, Any]) -> str:
    """One pydantic error as a Chinese message (without the location)."""
    kind = err["type"]
    name = next((str(p) for p in reversed(err["loc"]) if isinstance(p, str)), "")
    label = field_label(name)
    ctx = err.get("ctx") or {}
    value = err.get("input")
    pos = err["loc"][-1] if err["loc"] and isinstance(err["loc"][-1], int) else None  # an entry of a list field
    nth = f" 第 {pos + 1} 项" if pos is not None else ""
    if kind == "extra_forbidden":
        return f"未知字段「{_clip(name)}」（请检查拼写；可用字段见 checklists/README.md）"
    if kind == "missing":
        return f"缺少必填字段「{label}」"
    if kind in ("greater_than", "less_than_equal", "greater_than_equal", "less_than"):
        if name == "weight":
            return f"权重超出范围：必须大于 0 且不超过 10{_now(value)}"
        if name == "check_below":
            return f"check_below（建议核对的界线）超出范围：必须在 0 到 1 之间{_now(value)}"
        return f"{label} 超出范围{_now(value)}"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        return f"{label}{nth} 必须是数字{_now(value)}"
    if kind in ("string_too_short", "too_short"):
        return f"{label} 不能为空"
    if kind == "string_pattern_mismatch":
        if name == "id":
            return f"编号格式不正确{_now(value)}：只能用字母、数字、-、_、."
        if name == "deadline":
            return f"期限 deadline 格式不正确{_now(value)}：应为“月-日”，如 \"04-01\""
        return f"{label} 格式不正确{_now(value)}"
    if kind == "enum" and name == "not_applicable_for":
        choices = "、".join(f"{k}（{v}）" for k, v in KIND_CHOICES.items())
        return f"{label}{nth}{_shown_value(value).strip()}不是可用的单位类型（可选：{choices}）"
    if kind in ("literal_error", "enum"):
        expected = re.sub(r"'([^']*)'", r"\1", str(ctx.get("expected", ""))).replace(" or ", "、").replace(", ", "、")
        return f"{label}{_shown_value(value).strip()}取值不正确（可选：{expected}）"
    if kind == "string_type":
        return f"{label}{nth} 必须是文字{_now(value)}：数字或特殊符号开头的内容请加引号"
    if kind in ("list_type", "dict_type", "model_type", "tuple_type", "model_attributes_type"):
        want = "列表，如 [甲, 乙]" if kind in ("list_type", "tuple_type") else "字段映射"
        return f"{label} 类型不正确（应为{want}）"
    if kind == "too_long":
        return f"{label} 项数过多"
    if kind == "value_error":
        return str(err.get("msg", "")).removeprefix("Value error, ")
    return f"{label}：{err.get('msg', kind)}"


# --------------------------------------------------------------------------- loading

_CACHE: dict[str, tuple[Checklist, list[tuple[str, int, int]]]] = {}


def _stamp(path: Path) -> tuple[str, int, int]:
    st = os.stat(path)
    return (str(path), st.st_mtime_ns, st.st_size)


_RESOLVED: dict[str, tuple[tuple[int, int], Path]] = {}


def _resolved(path: Path, st: os.stat_result) -> Path:
    """path.resolve(), reused while the path still leads to the same file (device and
    inode): resolving walks every folder of the path, one system call each."""
    key, ident = str(path), (st.st_dev, st.st_ino)
    seen = _RESOLVED.get(key)
    if seen is not None and seen[0] == ident:
        return seen[1]
    resolved = path.resolve()
    if len(_RESOLVED) > 256:
        _RESOLVED.clear()
    _RESOLVED[key] = (ident, resolved)
    return resolved


def load_checklist(name_or_path: str | os.PathLike, _chain: tuple[Path, ...] = ()) -> Checklist:
    """A checklist by shipped name, id, or path. Raises ChecklistError with every problem."""
    text = str(name_or_path)
    path, named = _resolve(text)
    return _load_path(path, None if named else text, _chain)


def _load_path(path: Path, shown: str | None, chain: tuple[Path, ...]) -> Checklist:
    """`shown`: how messages name the file; None: shown_path(path), worked out only when a message
    or a fresh load needs it (it asks the OS for the current folder: a loaded checklist, the usual
    case, is returned without it)."""
    st = check_file(path, shown)
    resolved = _resolved(path, st)
    if resolved in chain:
        raise _problem(_named(path, shown), "extends 形成循环引用（基础清单又以本清单为基础）", "extends_cycle", 1)
    cached = _CACHE.get(str(resolved))
    if cached is not None:
        try:
            # The file itself was just stat'ed (check_file): only the files it extends are looked at again.
            own, *others = cached[1]
            if own == (str(resolved), st.st_mtime_ns, st.st_size) and all(
                    _stamp(Path(p)) == (p, m, s) for p, m, s in others):
                return cached[0]
        except (OSError, ValueError):
            pass
    stored = _stored_checklist(resolved)
    if stored is not None:
        _CACHE[str(resolved)] = stored
        return stored[0]
    shown = _named(path, shown)
    raw = read_yaml(path, shown)
    deps: list[tuple[str, int, int]] = [_stamp(resolved)]
    checklist = build_checklist(raw, YamlLocator(shown, raw), base_dir=resolved.parent, path=resolved,
                                chain=chain + (resolved,), deps=deps)
    _CACHE[str(resolved)] = (checklist, deps)
    _store_checklist(resolved, checklist, deps)
    return checklist


# --------------------------------------------------------------------------- start-up cache
# A validated checklist is kept on disk (scorer/checklist/diskcache.py), keyed by the bytes of the
# checklist, of the rule book and of its path; the files it extends are checked by their bytes.


def _file_digest(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _cache_name(resolved: Path) -> str:
    return "checklist-" + diskcache.key(resolved.read_bytes(), rulebook_path().read_bytes(), str(resolved))


def _stored_checklist(resolved: Path) -> tuple[Checklist, list[tuple[str, int, int]]] | None:
    try:
        stored = diskcache.get(_cache_name(resolved))
        if stored is None:
            return None
        checklist, digests = stored
        if not isinstance(checklist, Checklist) or any(checklist.compiled_patterns.values()):
            return None
        if any(_file_digest(p) != d for p, d in digests):  # an extended file changed
            return None
        return checklist, [_stamp(Path(p)) for p, _ in digests]
    except Exception:  # noqa: BLE001 - a cache that cannot be used is read afresh
        return None


def _store_checklist(resolved: Path, checklist: Checklist, deps: list[tuple[str, int, int]]) -> None:
    if any(checklist.compiled_patterns.values()):  # RE2 patterns are compiled afresh, not stored
        return
    try:
        diskcache.put(_cache_name(resolved), (checklist, [(p, _file_digest(p)) for p, _, _ in deps]))
    except OSError:
        pass


def build_checklist(raw: Any, locator: Locator, *, base_dir: Path, path: Path,
                    chain: tuple[Path, ...] = (), deps: list | None = None) -> Checklist:
    """Validate a parsed checklist (YAML tree) and resolve its `extends`.
    Every problem is collected; raises ChecklistError with all of them."""
    problems: list[Problem] = []
    if not isinstance(raw, dict):
        raise ChecklistError([Problem(file=locator.file, code="not_a_checklist",
                                      message="不是检查清单：顶层应该是 id、version、items 等字段")])
    if not any(str(k) in CHECKLIST_KEYS for k in raw):
        raise ChecklistError([Problem(file=locator.file, code="not_a_checklist",
                                      message="不是检查清单：没有 id、version、title、items 等字段")])
    data = plain(raw)

    base: Checklist | None = None
    if data.get("extends") not in (None, ""):
        if not isinstance(data["extends"], str):
            problems.append(locator.problem(("extends",), "基础清单 extends 必须是清单名称或文件路径"))
        else:
            try:
                base_path = resolve_extends(data["extends"], base_dir)
                base = _load_path(base_path, None, chain)
                if deps is not None:
                    deps.extend(d for d in _CACHE.get(str(base_path.resolve()), (None, []))[1] if d not in deps)
            except ChecklistError as exc:
                first = exc.records[0]
                if len(exc.records) == 1 and first.line is None and first.sheet is None:
                    # The base is missing, refused or not a checklist: say so, echo nothing of it.
                    problems.append(locator.problem(("extends",), f"基础清单「{_clip(data['extends'])}」无法使用："
                                                    f"{first.message}", first.code))
                else:
                    problems.append(locator.problem(("extends",), f"基础清单「{_clip(data['extends'])}」有问题（见下）",
                                                    "extends"))
                    problems += exc.records
                raise ChecklistError(problems) from None
    elif data.get("remove") or data.get("overrides"):
        key = "remove" if data.get("remove") else "overrides"
        problems.append(locator.problem((key,), f"{field_label(key)} 只能与 extends（基础清单）一起使用"))

    # Header fields (for a local checklist: on top of the base's).
    header = {k: v for k, v in data.items() if k != "items"}
    if base is not None:
        merged = base.spec.model_dump(mode="json", exclude={"items"})
        merged.update({k: v for k, v in header.items() if k not in ("areas", "remove", "overrides")})
        own_areas = header.get("areas") or []
        merged["areas"] = list(base.spec.areas) + (
            [a for a in own_areas if a not in base.spec.areas] if isinstance(own_areas, list) else own_areas)
        merged["remove"], merged["overrides"] = [], {}
        own_rules = header.get("rules")
        merged["rules"] = {**base.spec.rules, **(own_rules if isinstance(own_rules, dict) else {})}
        header = merged
    spec: ChecklistSpec | None = None
    try:
        spec = ChecklistSpec.model_validate({**header, "items": []})
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(locator.problem(tuple(err["loc"]), translate(err), "field"))

    # Items: the base's (minus remove, with overrides), then the file's own.
    entries: list[tuple[Any, tuple[Any, ...]]] = []  # (item dict, loc prefix)
    if base is not None:
        entries += _base_entries(base, data, locator, problems)
    own = data.get("items", [])
    if own is None:
        own = []
    if not isinstance(own, list):
        problems.append(locator.problem(("items",), "条目 items 必须是列表（每个条目以「- id: …」开头）"))
        own = []
    entries += [(item, ("items", j)) for j, item in enumerate(own)]

    valid: list[tuple[ItemSpec, tuple[Any, ...]]] = []
    for item, prefix in entries:
        try:
            valid.append((ItemSpec.model_validate(item), prefix))
        except ValidationError as exc:
            for err in exc.errors():
                problems.append(locator.problem(prefix + tuple(err["loc"]), translate(err), "field"))

    compiled: dict[str, list[Any]] = {}
    _check_items(spec, header, own, entries, base, locator, problems, compiled)
    problems += [locator.problem(("rules",), msg, "rules") for msg in tuning_problems(data.get("rules"))]

    if problems or spec is None:
        # In file order: this file's problems by line (workbooks sort their own), then others'.
        problems.sort(key=lambda p: (p.file != locator.file, p.line or 0))
        raise ChecklistError(problems or [locator.problem((), "检查清单无效", "invalid")])
    spec.items = [it for it, _ in valid]
    # The digest covers the rule book too: a changed rule changes what the checklist decides.
    load_rulebook_spec()
    digest = hashlib.sha256(
        json.dumps(spec.model_dump(mode="json"), ensure_ascii=False, sort_keys=True).encode()
        + rulebook_path().read_bytes()
    ).hexdigest()
    return Checklist(spec=spec, path=path, sha256=digest, compiled_patterns=compiled)


def _base_entries(base: Checklist, data: dict, locator: Locator, problems: list[Problem]):
    """Base items after `remove` and `overrides`, each with the place a problem in it
    belongs to (its override, else the extends line)."""
    items = {it.id: it.model_dump(mode="json") for it in base.items}
    where: dict[str, tuple[Any, ...]] = {}
    remove = data.get("remove") or []
    if not isinstance(remove, list):
        problems.append(locator.problem(("remove",), "删除基础条目 remove 必须是编号列表，如 [O21-04, O21-05]"))
        remove = []
    for j, item_id in enumerate(remove):
        if str(item_id) not in items:
            problems.append(locator.problem(("remove", j), f"remove 中的编号「{_clip(item_id)}」在基础清单中不存在"))
        items.pop(str(item_id), None)
    overrides = data.get("overrides") or {}
    if not isinstance(overrides, dict):
        problems.append(locator.problem(("overrides",), "修改基础条目 overrides 必须是“编号: 字段映射”"))
        overrides = {}
    allowed = set(ItemSpec.model_fields)
    for item_id, fields in overrides.items():
        loc = ("overrides", item_id)
        if item_id not in items:
            problems.append(locator.problem(loc, f"overrides 中的编号「{_clip(item_id)}」在基础清单中不存在"
                                            + ("（已在 remove 中删去）" if item_id in map(str, remove) else "")))
            continue
        if not isinstance(fields, dict):
            problems.append(locator.problem(loc, f"overrides.{item_id} 必须是字段映射，如 {{weight: 2}}"))
            continue
        where[item_id] = loc
        target = items[item_id]
        for key, value in fields.items():
            floc = loc + (key,)
            if key == "id":
                problems.append(locator.problem(floc, f"条目 {item_id}：编号 id 不能修改（要换编号，请在 remove 中删去"
                                                      "原条目，再在 items 中新增）"))
                continue
            name = ADD_KEYS.get(key, key)
            if name not in allowed:
                problems.append(locator.problem(floc, f"条目 {item_id}：未知字段「{_clip(key)}」（请检查拼写；可用字段见 "
                                                      "checklists/README.md）", "field"))
                continue
            if key in ADD_KEYS:
                if not isinstance(value, list):
                    value = [value]
                value = list(target.get(name) or []) + [v for v in value if v not in (target.get(name) or [])]
            try:
                probe = ItemSpec.model_construct()
                ItemSpec.__pydantic_validator__.validate_assignment(probe, name, value)
                target[name] = plain(getattr(probe, name))
                if hasattr(target[name], "value"):
                    target[name] = target[name].value
                if isinstance(target[name], list):
                    target[name] = [getattr(v, "value", v) for v in target[name]]
            except ValidationError as exc:
                for err in exc.errors():
                    err = {**err, "loc": (key,) + tuple(err["loc"])[1:]}
                    problems.append(locator.problem(floc, f"条目 {item_id}：{translate(err)}", "field"))
    return [(it, where.get(i, ("extends",))) for i, it in items.items()]


def _check_items(spec, header, own, entries, base, locator: Locator, problems: list[Problem], compiled) -> None:
    """Checks across fields and items. They run on every item, valid or not, and even
    when the header is broken, so that one import or validate lists everything."""
    seen: dict[str, tuple[Any, ...]] = {}
    base_ids = {it.id for it in base.items} if base is not None else set()
    for j, item in enumerate(own):
        item_id = item.get("id") if isinstance(item, dict) else None
        if item_id is None:
            continue
        loc = ("items", j, "id")
        if str(item_id) in seen:
            problems.append(locator.problem(loc, f"编号「{_clip(item_id)}」重复（{locator.place(seen[str(item_id)])}已有）",
                                            "duplicate_id"))
        elif str(item_id) in base_ids:
            problems.append(locator.problem(loc, f"编号「{_clip(item_id)}」已在基础清单中，修改请写在 overrides 下",
                                            "duplicate_id"))
        else:
            seen[str(item_id)] = loc
    if spec is not None:
        kind, areas = spec.kind, set(spec.areas)
    else:
        kind = header.get("kind") if header.get("kind") in ("outline", "structure") else "outline"
        raw_areas = header.get("areas")
        areas = {a for a in raw_areas if isinstance(a, str)} if isinstance(raw_areas, list) else None
    for item, prefix in entries:
        if not isinstance(item, dict):
            continue
        name = _clip(item.get("id") or "（无编号）")
        check = item.get("check") or "content"
        area = item.get("area", "")
        if kind == "outline" and areas is not None and isinstance(area, str) and area.strip() not in areas:
            problems.append(locator.problem(prefix + ("area",), f"条目 {name} 的领域「{_clip(area)}」不在 areas 列表中",
                                            "unknown_area"))
        problems += [locator.problem(prefix + ("rules",), f"条目 {name} 的 {msg}", "rules")
                     for msg in tuning_problems(item.get("rules"))]
        if kind == "outline" and check == "content" and not item.get("phrases") and not item.get("patterns"):
            problems.append(locator.problem(prefix, f"条目 {name} 没有任何匹配规则（phrases 或 patterns）", "no_rules"))
        pats = []
        patterns = item.get("patterns") or []
        for j, pattern in enumerate(patterns if isinstance(patterns, list) else []):
            if not isinstance(pattern, str) or not pattern.strip():
                continue  # reported by the field check
            try:
                pats.append(re2.compile(pattern))
            except Exception as exc:  # re2.error; the message names the construct
                problems.append(locator.problem(
                    prefix + ("patterns", j),
                    f"条目 {name} 的正则「{_clip(pattern)}」无效（{_clip(str(exc), 60)}；"
                    "不支持回溯引用 \\1 和环视 (?=…)、(?<=…)）", "regex"))
        if isinstance(item.get("id"), str):
            compiled[item["id"]] = pats
        if check == "section" and not item.get("section_kind"):
            problems.append(locator.problem(prefix, f"条目 {name} 为 section 检查，必须写 section_kind", "field"))
        if check == "publication_deadline" and not item.get("deadline"):
            problems.append(locator.problem(prefix, f"条目 {name} 为发布期限检查，必须写 deadline（如 \"04-01\"）",
                                            "field"))


# --------------------------------------------------------------------------- automatic choice


def _years_text(years) -> str:
    lo, hi = years
    if lo and hi:
        return f"{lo}–{hi}" if lo != hi else f"{lo}"
    return f"{lo} 年起" if lo else (f"{hi} 年及以前" if hi else "所有年度")


def _overlap(a, b) -> bool:
    lo1, hi1 = a
    lo2, hi2 = b
    return (lo1 or -10**9) <= (hi2 or 10**9) and (lo2 or -10**9) <= (hi1 or 10**9)


def years_conflicts(spec: ChecklistSpec, ignore: Path | None = None) -> list[tuple[Path, ChecklistSpec]]:
    """Shipped outline checklists whose `years` overlap `spec`'s (automatic choice would
    be ambiguous). Checklists that do not load are left to their own error."""
    if spec.kind != "outline" or not spec.years:
        return []
    out = []
    for _name, path in shipped_checklists().items():
        if ignore is not None and path.resolve() == ignore.resolve():
            continue
        try:
            other = load_checklist(path)
        except ChecklistError:
            continue
        if other.spec.kind == "outline" and other.spec.years and _overlap(spec.years, other.spec.years):
            out.append((path, other.spec))
    return out


def auto_outlines() -> list[Checklist]:
    """The outline checklists chosen automatically by report year, oldest first.
    Two of them claiming the same year is an error, never a silent choice."""
    outlines = []
    for name in shipped_checklists():
        cl = load_checklist(name)
        if cl.spec.kind == "outline" and cl.spec.years:
            outlines.append(cl)
    if not outlines:
        raise ChecklistError([Problem(file=str(CHECKLIST_DIR), code="not_found",
                                      message="没有可按年度自动选用的纲要检查清单（years 字段），请用 --checklist 指定清单")])
    outlines.sort(key=lambda c: c.spec.years[0] or 0)
    problems = []
    for i, a in enumerate(outlines):
        for b in outlines[i + 1:]:
            if _overlap(a.spec.years, b.spec.years):
                problems.append(Problem(
                    file=str(CHECKLIST_DIR), code="years_overlap",
                    message=f"{a.path.name}（{a.id}，适用年度 {_years_text(a.spec.years)}）与 {b.path.name}（{b.id}，"
                            f"适用年度 {_years_text(b.spec.years)}）的适用年度重叠，无法按年度自动选用清单。"
                            "请把其中一个的 years 改为 null（只在 --checklist 指定时使用）或移出这个文件夹，"
                            "或者用 --checklist 指定清单"))
    if problems:
        raise ChecklistError(problems)
    return outlines


def validate_paths(paths: list[str]) -> list[str]:
    """All problems across several checklists (for `scorer checklist validate`)."""
    problems: list[str] = []
    for p in paths:
        try:
            load_checklist(p)
        except ChecklistError as exc:
            problems += exc.problems
    return problems
