"""`scorer checklist validate|export|import|diff`, driven as a legal officer runs them."""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap

import openpyxl
import pytest
from cli_helpers import ROOT, SEEDS, run_scorer

from scorer.checklist.load import load_checklist, shipped_checklists
from scorer.checklist.xlsx import HEADER_SHEET, HELP_SHEET, ITEMS_SHEET, OVERRIDES_SHEET, join_list, split_list

NATIONAL = ["outline-2015", "outline-2021", "report-structure"]
CITY_EXAMPLE = ROOT / "checklists" / "examples" / "city-example.yaml"

SMALL = """\
id: small-test
version: "1"
title: 测试清单
years: [2016, 2020]
areas: [依法行政, 政务公开]
items:
  - id: T-01
    area: 依法行政
    title: 加强行政复议工作
    requirement: 办理行政复议案件
    weight: 2
    phrases: [行政复议, 复议案件, 复议+纠错]
    exclude: [一村一名法律顾问]
    patterns: ['\\d+件复议', '[，；]x']
    not_applicable_for: [department, development_zone]
  - id: T-02
    area: 政务公开
    title: 推进政务公开
    requirement: "公开: 政府信息"
    weight: 0.5
    phrases: [政务公开]
"""


def write(tmp_path, text, name="c.yaml"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def need_national():
    missing = [n for n in NATIONAL if n not in shipped_checklists()]
    if missing:
        pytest.skip(f"shipped checklists not written yet: {missing}")


# --------------------------------------------------------------------------- validate


def test_validate_shipped_checklists_ok():
    need_national()
    proc = run_scorer("checklist", "validate")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ok = [ln for ln in proc.stdout.splitlines() if ln.startswith("通过")]
    assert len(ok) == len(shipped_checklists()) + 1  # and the rule book, which legal staff edit too
    assert any("outline-2015" in ln and "44 项" in ln for ln in ok)
    assert any("outline-2021" in ln and "32 项" in ln for ln in ok)
    assert any("rules.yaml" in ln and "评查规则手册" in ln for ln in ok)


def test_validate_lists_every_problem_with_line_numbers(tmp_path):
    good = write(tmp_path, SMALL, "good.yaml")
    bad = write(tmp_path, SMALL.replace("    weight: 2\n", "    weight: 20\n    colour: red\n")
                .replace("  - id: T-02\n    area: 政务公开", "  - id: T-01\n    area: 不存在的领域"), "bad.yaml")
    proc = run_scorer("checklist", "validate", good, bad)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    out = proc.stdout
    assert f"通过  {good}：2 项" in out
    problems = [ln for ln in out.splitlines() if ln.startswith(f"{bad}:")]
    assert f"{bad}:11: 权重超出范围：必须大于 0 且不超过 10（现为 20）" in problems
    assert f"{bad}:12: 未知字段「colour」（请检查拼写；可用字段见 checklists/README.md）" in problems
    assert any(re.match(rf"{re.escape(str(bad))}:\d+: 编号「T-01」重复", p) for p in problems)
    assert any("领域「不存在的领域」不在 areas 列表中" in p for p in problems)
    assert "共 4 个问题" in out


def test_validate_missing_file_is_a_usage_error(tmp_path):
    proc = run_scorer("checklist", "validate", tmp_path / "没有这个.yaml")
    assert proc.returncode == 2 and "找不到检查清单" in proc.stdout and "Traceback" not in proc.stderr


# --------------------------------------------------------------------------- export / import


def test_list_cells_round_trip():
    assert split_list("甲；乙;丙；") == ["甲", "乙", "丙"]
    assert split_list("甲\n乙；丙") == ["甲", "乙；丙"]
    assert split_list(join_list(["甲", "乙；丙"])) == ["甲", "乙；丙"]
    assert split_list(join_list([r"\d+;x", "[，；]"], "patterns"), "patterns") == [r"\d+;x", "[，；]"]
    assert split_list(join_list(["甲;乙"])) == ["甲;乙"]
    assert split_list(join_list(["A+B"])) == ["A+B"]


@pytest.mark.parametrize("name", NATIONAL)
def test_export_import_round_trip_national(tmp_path, name):
    need_national()
    xlsx, out = tmp_path / f"{name}.xlsx", tmp_path / f"{name}.yaml"
    proc = run_scorer("checklist", "export", name, "--xlsx", xlsx)
    assert proc.returncode == 0, proc.stderr
    proc = run_scorer("checklist", "import", xlsx, "--out", out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    original, back = load_checklist(name), load_checklist(out)
    assert back.spec == original.spec
    assert back.sha256 == original.sha256
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# ") and "scorer checklist import" in text
    assert original.items[0].title in text  # Chinese kept as is, not \u escapes


def test_exported_workbook_layout(tmp_path):
    src = write(tmp_path, SMALL)
    xlsx = tmp_path / "small.xlsx"
    assert run_scorer("checklist", "export", src, "--xlsx", xlsx).returncode == 0
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == [ITEMS_SHEET, HEADER_SHEET, HELP_SHEET]
    ws = wb[ITEMS_SHEET]
    heads = [c.value for c in ws[1]]
    assert heads[:6] == ["编号 id", "领域 area", "标题 title", "要求 requirement", "达标说明 guidance", "权重 weight"]
    assert "检查方式 check" not in heads  # structure columns only where needed
    assert ws.freeze_panes == "B2"
    assert ws.column_dimensions["D"].width >= 40 and ws["D2"].alignment.wrap_text
    row = {h: c.value for h, c in zip(heads, ws[2])}
    assert row["匹配短语 phrases"] == "行政复议；复议案件；复议+纠错"
    assert row["正则 patterns"] == "\\d+件复议\n[，；]x"
    assert row["不适用单位 not_applicable_for"] == "政府部门；开发区"
    assert row["权重 weight"] == 2
    header = {r[0].value: r[1].value for r in wb[HEADER_SHEET].iter_rows(min_row=2)}
    assert header["适用年度 years"] == "2016-2020" and header["版本 version"] == "1"
    assert "如何编辑" in wb[HELP_SHEET]["A1"].value


def test_structure_columns_for_structure_checklist(tmp_path):
    need_national()
    xlsx = tmp_path / "rs.xlsx"
    assert run_scorer("checklist", "export", "report-structure", "--xlsx", xlsx).returncode == 0
    heads = [c.value for c in openpyxl.load_workbook(xlsx)[ITEMS_SHEET][1]]
    assert {"检查方式 check", "章节类型 section_kind", "发布期限 deadline"} <= set(heads)


def test_import_accepts_what_an_editor_types(tmp_path):
    src = write(tmp_path, SMALL)
    xlsx, out = tmp_path / "edit.xlsx", tmp_path / "edited.yaml"
    assert run_scorer("checklist", "export", src, "--xlsx", xlsx).returncode == 0
    wb = openpyxl.load_workbook(xlsx)
    ws = wb[ITEMS_SHEET]
    heads = [c.value for c in ws[1]]
    col = {h.split()[-1]: i + 1 for i, h in enumerate(heads)}
    ws.cell(2, col["phrases"], "行政复议\n复议案件\n复议应诉")  # one per line
    ws.cell(3, col["phrases"], "政务公开；信息公开；")  # trailing separator
    ws.cell(3, col["weight"], "3")  # a number typed as text
    ws.cell(3, col["not_applicable_for"], "县级;省级")
    ws.cell(1, len(heads) + 1, "备注 审核意见")
    ws.cell(2, len(heads) + 1, "请法规科确认")
    ws.insert_rows(3)  # a blank row in the middle
    wb.save(xlsx)
    proc = run_scorer("checklist", "import", xlsx, "--out", out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    cl = load_checklist(out)
    t1, t2 = cl.item("T-01"), cl.item("T-02")
    assert t1.phrases == ["行政复议", "复议案件", "复议应诉"]
    assert t2.phrases == ["政务公开", "信息公开"] and t2.weight == 3.0
    assert [k.value for k in t2.not_applicable_for] == ["county", "province"]
    assert "请法规科确认" not in out.read_text(encoding="utf-8")


def test_import_structure_deadline_typed_as_date(tmp_path):
    need_national()
    xlsx, out = tmp_path / "rs.xlsx", tmp_path / "rs.yaml"
    assert run_scorer("checklist", "export", "report-structure", "--xlsx", xlsx).returncode == 0
    wb = openpyxl.load_workbook(xlsx)
    ws = wb[ITEMS_SHEET]
    heads = [c.value for c in ws[1]]
    c = heads.index("发布期限 deadline") + 1
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, c).value)
    ws.cell(row, c).value = dt.datetime(2026, 3, 31)  # Excel turned "03-31" into a date
    wb.save(xlsx)
    assert run_scorer("checklist", "import", xlsx, "--out", out).returncode == 0
    assert load_checklist(out).item("S-5").deadline == "03-31"


def test_import_errors_name_sheet_and_row(tmp_path):
    src = write(tmp_path, SMALL)
    xlsx, out = tmp_path / "bad.xlsx", tmp_path / "bad.yaml"
    assert run_scorer("checklist", "export", src, "--xlsx", xlsx).returncode == 0
    wb = openpyxl.load_workbook(xlsx)
    ws = wb[ITEMS_SHEET]
    heads = [c.value for c in ws[1]]
    col = {h.split()[-1]: i + 1 for i, h in enumerate(heads)}
    ws.cell(2, col["weight"], 20)
    ws.cell(3, col["area"], "不存在的领域")
    ws.cell(3, col["not_applicable_for"], "乡镇")
    ws.append(["T-01", "依法行政", "重复的编号", "要求", None, "两分", "复议"])  # row 4
    ws.append([None, "依法行政", None, "没有编号和标题", None, None, "复议"])  # row 5
    ws.cell(1, len(heads) + 1, "颜色")
    wb.save(xlsx)
    proc = run_scorer("checklist", "import", xlsx, "--out", out)
    assert proc.returncode == 1
    assert not out.exists() and not list(tmp_path.glob(".bad*"))  # nothing written, no temp left
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith(f"{xlsx}:")]
    expect = [
        f"{xlsx}:{ITEMS_SHEET}!1: 无法识别的列标题「颜色」",
        f"{xlsx}:{ITEMS_SHEET}!2: 权重超出范围：必须大于 0 且不超过 10（现为 20）",
        f"{xlsx}:{ITEMS_SHEET}!3: 不适用单位「乡镇」无法识别（可选：省级、设区的市、县级、开发区、政府部门）",
        f"{xlsx}:{ITEMS_SHEET}!3: 条目 T-02 的领域「不存在的领域」不在 areas 列表中",
        f"{xlsx}:{ITEMS_SHEET}!4: 权重 weight 必须是数字",
        f"{xlsx}:{ITEMS_SHEET}!4: 编号「T-01」重复（第 2 行已有）",
        f"{xlsx}:{ITEMS_SHEET}!5: 缺少必填字段「编号 id」",
        f"{xlsx}:{ITEMS_SHEET}!5: 缺少必填字段「标题 title」",
    ]
    for e in expect:
        assert any(ln.startswith(e) for ln in lines), (e, proc.stdout)
    assert len(lines) == len(expect), proc.stdout


def test_import_header_errors(tmp_path):
    src = write(tmp_path, SMALL)
    xlsx, out = tmp_path / "bad.xlsx", tmp_path / "bad.yaml"
    assert run_scorer("checklist", "export", src, "--xlsx", xlsx).returncode == 0
    wb = openpyxl.load_workbook(xlsx)
    hs = wb[HEADER_SHEET]
    rows = {hs.cell(r, 1).value: r for r in range(2, hs.max_row + 1)}
    hs.cell(rows["版本 version"], 2).value = None
    hs.cell(rows["适用年度 years"], 2).value = "从2016年起"
    wb.save(xlsx)
    proc = run_scorer("checklist", "import", xlsx, "--out", out)
    assert proc.returncode == 1 and not out.exists()
    assert f"{xlsx}:{HEADER_SHEET}!{rows['版本 version']}: 版本 version 不能为空" in proc.stdout
    assert f"{xlsx}:{HEADER_SHEET}!{rows['适用年度 years']}: 适用年度「从2016年起」格式不正确" in proc.stdout


def test_import_unreadable_workbook(tmp_path):
    fake = tmp_path / "not.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    proc = run_scorer("checklist", "import", fake, "--out", tmp_path / "x.yaml")
    assert proc.returncode == 2 and "无法打开 Excel 文件" in proc.stderr and "Traceback" not in proc.stderr
    missing_sheet = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(missing_sheet)
    proc = run_scorer("checklist", "import", missing_sheet, "--out", tmp_path / "x.yaml")
    assert proc.returncode == 1 and f"缺少工作表「{ITEMS_SHEET}」" in proc.stdout


def test_validate_accepts_a_workbook(tmp_path):
    src = write(tmp_path, SMALL)
    xlsx = tmp_path / "small.xlsx"
    assert run_scorer("checklist", "export", src, "--xlsx", xlsx).returncode == 0
    proc = run_scorer("checklist", "validate", xlsx)
    assert proc.returncode == 0 and f"通过  {xlsx}：2 项" in proc.stdout
    assert sorted(f.name for f in tmp_path.iterdir()) == ["c.yaml", "small.xlsx"]  # validate writes nothing


def test_extends_checklist_own_and_resolved(tmp_path):
    need_national()
    own_x, res_x = tmp_path / "own.xlsx", tmp_path / "resolved.xlsx"
    assert run_scorer("checklist", "export", CITY_EXAMPLE, "--xlsx", own_x, "--own").returncode == 0
    proc = run_scorer("checklist", "export", CITY_EXAMPLE, "--xlsx", res_x)
    assert proc.returncode == 0 and "合并后的全部条目" in proc.stdout
    wb = openpyxl.load_workbook(own_x)
    assert OVERRIDES_SHEET in wb.sheetnames
    overrides = [[c.value for c in r] for r in wb[OVERRIDES_SHEET].iter_rows(min_row=2)]
    assert ["O21-19", "权重 weight", 2] in overrides
    assert [r[0].value for r in wb[ITEMS_SHEET].iter_rows(min_row=2)] == ["CITY-01"]

    original = load_checklist(CITY_EXAMPLE)
    # --own: an equivalent local checklist on the same base
    proc = run_scorer("checklist", "import", own_x, "--out", tmp_path / "own.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    own = load_checklist(tmp_path / "own.yaml")
    assert own.spec == original.spec and own.sha256 == original.sha256
    assert "extends: outline-2021" in (tmp_path / "own.yaml").read_text(encoding="utf-8")
    # --resolved: a self-contained checklist with the same items
    proc = run_scorer("checklist", "import", res_x, "--out", tmp_path / "resolved.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    resolved = load_checklist(tmp_path / "resolved.yaml")
    assert resolved.spec.extends is None
    assert resolved.items == original.items and resolved.spec.areas == original.spec.areas


def test_own_export_override_errors_point_at_their_row(tmp_path):
    need_national()
    xlsx = tmp_path / "own.xlsx"
    assert run_scorer("checklist", "export", CITY_EXAMPLE, "--xlsx", xlsx, "--own").returncode == 0
    wb = openpyxl.load_workbook(xlsx)
    ws = wb[OVERRIDES_SHEET]
    ws.append(["O99-99", "权重 weight", 2])
    ws.append(["O21-20", "权重 weight", 20])
    wb.save(xlsx)
    proc = run_scorer("checklist", "import", xlsx, "--out", tmp_path / "x.yaml")
    assert proc.returncode == 1
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith(f"{xlsx}:")]
    assert lines == [
        f"{xlsx}:{OVERRIDES_SHEET}!{ws.max_row - 1}: overrides 中的编号「O99-99」在基础清单中不存在",
        f"{xlsx}:{OVERRIDES_SHEET}!{ws.max_row}: 条目 O21-20：权重超出范围：必须大于 0 且不超过 10（现为 20）",
    ], proc.stdout


# --------------------------------------------------------------------------- diff


def test_diff_lists_field_changes(tmp_path):
    old = write(tmp_path, SMALL, "old.yaml")
    new = write(tmp_path, SMALL.replace('version: "1"', 'version: "2"').replace("weight: 2", "weight: 3")
                .replace("[行政复议, 复议案件, 复议+纠错]", "[行政复议, 复议应诉, 复议+纠错]")
                .replace("  - id: T-02\n", "  - id: T-03\n    area: 政务公开\n    title: 新条目\n"
                         "    requirement: 新要求\n    phrases: [新短语]\n  - id: T-02\n"), "new.yaml")
    proc = run_scorer("checklist", "diff", old, new)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "版本 version：「1」 → 「2」" in out
    assert "+ T-03 新条目" in out
    assert "~ T-01 加强行政复议工作" in out and "权重 weight：2 → 3" in out
    assert "匹配短语 phrases：增加「复议应诉」；删除「复议案件」" in out


def expected_score(items, weights):
    value = {"covered": 1.0, "partial": 0.5, "missing": 0.0}
    applicable = [it for it in items if it["status"] in value and it["id"] in weights]
    total = sum(weights[it["id"]] for it in applicable)
    return round(100 * sum(weights[it["id"]] * value[it["status"]] for it in applicable) / total, 1)


def test_diff_shows_effect_on_report_scores(tmp_path):
    need_national()
    report = SEEDS / "huaian-hongze-2023.txt"
    base = json.loads(run_scorer("score", report, "--format", "json").stdout)[0]
    statuses = {it["id"]: it for it in base["items"]}
    # Raise the weight of a covered item and drop a missing/partial one: the score must go up.
    up = next(i for i, it in statuses.items() if it["status"] == "covered")
    gone = next((i for i, it in statuses.items() if it["status"] == "missing"), None) or \
        next(i for i, it in statuses.items() if it["status"] != "covered")
    new = write(tmp_path, f"""\
        id: outline-2021-edit
        version: "test"
        title: 修改后的纲要清单
        extends: outline-2021
        remove: [{gone}]
        overrides:
          {up}: {{weight: 4}}
        """, "new.yaml")
    proc = run_scorer("checklist", "diff", "outline-2021", new, "--reports", report, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [it["id"] for it in data["removed"]] == [gone]
    change = next(c for c in data["changed"] if c["id"] == up)
    assert change["changes"] == [{"field": "weight", "old": 1.0, "new": 4.0}]
    [effect] = data["reports"]
    assert effect["old_score"] == base["score"]
    weights = {i: it["weight"] for i, it in statuses.items() if i != gone}
    weights[up] = 4.0
    assert effect["new_score"] == expected_score(base["items"], weights)
    assert effect["new_score"] > effect["old_score"]
    assert {"id": gone, "title": statuses[gone]["title"], "old": statuses[gone]["status"], "new": None} in effect["changes"]
    assert all(c["id"] == gone for c in effect["changes"])  # a weight change moves no status

    text = run_scorer("checklist", "diff", "outline-2021", new, "--reports", report)
    assert text.returncode == 0
    assert f"{effect['old_score']:.1f} → {effect['new_score']:.1f}" in text.stdout
    assert "（已删除）" in text.stdout


def test_diff_with_bad_report_and_broken_checklist(tmp_path):
    old = write(tmp_path, SMALL, "old.yaml")
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    good = SEEDS / "zibo-hitech-2017.txt"
    proc = run_scorer("checklist", "diff", old, old, "--reports", good, empty, "--format", "json")
    assert proc.returncode == 2 and "文件为空" in proc.stderr
    data = json.loads(proc.stdout)  # the good report is still compared
    assert [r["source"] for r in data["reports"]] == [str(good)] and data["reports"][0]["changes"] == []
    assert data["errors"] == [f"{empty}: 文件为空"]
    broken = write(tmp_path, SMALL.replace("weight: 2", "weight: 0"), "broken.yaml")
    proc = run_scorer("checklist", "diff", old, broken)
    assert proc.returncode == 2 and f"{broken}:11:" in proc.stderr and "Traceback" not in proc.stderr


# --------------------------------------------------------------------------- property: any valid item survives


def _cell_text():
    from hypothesis import strategies as st

    # Excel cannot hold control characters; "+" splits a phrase into parts (A+B).
    return st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12).filter(
        lambda s: s.strip() and all(p.strip() for p in s.split("+")))


def test_round_trip_of_arbitrary_items(tmp_path_factory):
    from hypothesis import Phase, given, settings
    from hypothesis import strategies as st

    from scorer.checklist.xlsx import export_xlsx, import_xlsx

    item = st.fixed_dictionaries({
        "title": _cell_text(), "requirement": _cell_text(), "guidance": st.just("") | _cell_text(),
        "weight": st.floats(min_value=0.01, max_value=10, allow_nan=False).map(lambda w: round(w, 2)).filter(lambda w: w > 0),
        "phrases": st.lists(_cell_text(), min_size=1, max_size=4, unique=True),
        "exclude": st.lists(_cell_text(), max_size=2),
        "not_applicable_for": st.lists(st.sampled_from(["province", "city", "county", "development_zone", "department"]),
                                       max_size=3, unique=True),
    })

    # Each example writes two files; shrinking a failure would take minutes, so report it as found.
    @settings(max_examples=int(__import__("os").environ.get("ROUNDTRIP_EXAMPLES", 30)), deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
    @given(items=st.lists(item, min_size=1, max_size=3), version=_cell_text())
    def round_trip(items, version):
        from ruamel.yaml import YAML

        d = tmp_path_factory.mktemp("prop")
        spec = {"id": "prop-test", "version": version, "title": "性质测试", "areas": ["甲"],
                "items": [{"id": f"P-{i}", "area": "甲", **it} for i, it in enumerate(items)]}
        src = d / "src.yaml"
        with src.open("w", encoding="utf-8") as fh:
            YAML().dump(spec, fh)
        try:
            original = load_checklist(src)
        except Exception:
            return  # not a valid checklist to begin with (rare: the loader refuses it)
        export_xlsx(str(src), d / "x.xlsx")
        res = import_xlsx(d / "x.xlsx", d / "back.yaml")
        assert res.problems == []
        back = load_checklist(d / "back.yaml")
        assert back.spec == original.spec and back.sha256 == original.sha256

    round_trip()


# --------------------------------------------------------------------------- rule book diff


def _edited_rulebook(tmp_path):
    old = tmp_path / "old" / "rules.yaml"
    new = tmp_path / "new" / "rules.yaml"
    old.parent.mkdir()
    new.parent.mkdir()
    text = (ROOT / "checklists" / "rules.yaml").read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    edited = text.replace("  - id: VETO-TRAINING\n", "  - id: VETO-TRAINING\n    enabled: false\n", 1)
    assert edited != text
    new.write_text(edited, encoding="utf-8")
    return old, new


def test_rulebook_diff_names_the_changed_rule_and_the_verdicts_it_moves(tmp_path):
    old, new = _edited_rulebook(tmp_path)
    report = SEEDS / "huaian-hongze-2023.txt"
    proc = run_scorer("checklist", "diff", old, new, "--reports", report, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [c["id"] for c in data["changed"]] == ["VETO-TRAINING"]
    assert data["changed"][0]["changes"] == [{"field": "enabled", "old": True, "new": False}]
    (effect,) = data["reports"]
    assert effect["changes"], "switching the training veto off moves at least one verdict of 洪泽 2023"
    assert effect["new_score"] >= effect["old_score"]

    text = run_scorer("checklist", "diff", old, new)
    assert text.returncode == 0
    assert "~ VETO-TRAINING 培训学习内容" in text.stdout and "启用 → 关闭" in text.stdout


def test_a_rulebook_is_not_compared_with_a_checklist(tmp_path):
    old, _ = _edited_rulebook(tmp_path)
    proc = run_scorer("checklist", "diff", old, "outline-2021")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "规则手册只能和规则手册比较" in proc.stderr
