"""What broke when legal staff and a CI engineer tried scorer (issue 11), and the
checklist-file points of issue 10. Each test runs the real CLI on real files, the way
the trial did, and failed before its fix."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import openpyxl
import pytest
from cli_helpers import ROOT, SEEDS

from scorer.checklist.xlsx import HEADER_SHEET, ITEMS_SHEET, OVERRIDES_SHEET

HUAIAN = SEEDS / "huaian-hongze-2023.txt"
CITY_EXAMPLE = ROOT / "checklists" / "examples" / "city-example.yaml"


def run(*args, cwd: Path | None = None, env: dict | None = None, umask: int | None = None,
        columns: int = 200, timeout: int = 180) -> subprocess.CompletedProcess:
    """The real `scorer` in a subprocess, with the environment, folder and umask given."""
    e = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS=str(columns), **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "scorer", *map(str, args)], capture_output=True, text=True, encoding="utf-8",
        cwd=cwd or ROOT, env=e, timeout=timeout, preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)


def errors(proc) -> list[str]:
    return [ln for ln in proc.stderr.splitlines() if ln.startswith("错误：")]


@pytest.fixture
def shipped(tmp_path):
    """A copy of the built-in checklists folder, used as the built-in one (SCORER_CHECKLISTS),
    so that a test may import into it."""
    d = tmp_path / "checklists"
    shutil.copytree(ROOT / "checklists", d)
    return d, {"SCORER_CHECKLISTS": str(d)}


def export(name, xlsx: Path, env=None, *extra) -> openpyxl.Workbook:
    proc = run("checklist", "export", name, "--xlsx", xlsx, *extra, env=env)
    assert proc.returncode == 0, proc.stderr
    return openpyxl.load_workbook(xlsx)


def columns(ws) -> dict[str, int]:
    return {c.value.split()[-1]: i + 1 for i, c in enumerate(ws[1]) if c.value}


def row_of(ws, item_id: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == item_id)


def header_row(wb, field: str) -> int:
    hs = wb[HEADER_SHEET]
    return next(r for r in range(2, hs.max_row + 1) if str(hs.cell(r, 1).value).endswith(f" {field}"))


def score_json(report, *args, env=None, cwd=None) -> dict:
    proc = run("score", report, "--format", "json", *args, env=env, cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)[0]


# --------------------------------------------------------------------------- 2. explain with a local checklist


def test_explain_with_a_local_checklist_shows_the_evidence(tmp_path):
    (tmp_path / "清单").mkdir()
    text = CITY_EXAMPLE.read_text(encoding="utf-8").replace("id: city-example", "id: huaian-2021")
    (tmp_path / "清单" / "本市2021.yaml").write_text(text, encoding="utf-8")
    shutil.copy(HUAIAN, tmp_path / "报告.txt")
    proc = run("explain", "报告.txt", "O21-19", "--checklist", "清单/本市2021.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "已覆盖" in proc.stdout and "证据 1：" in proc.stdout and "匹配短语：行政复议" in proc.stdout
    assert proc.stderr == ""
    proc = run("explain", HUAIAN, "CITY-01", "--checklist", CITY_EXAMPLE)
    assert proc.returncode == 0 and "要求：建成城市运行“一网统管”平台" in proc.stdout, proc.stderr
    # The hint printed by score repeats the --checklist that was given.
    proc = run("score", "报告.txt", "--checklist", "清单/本市2021.yaml", cwd=tmp_path)
    assert "`scorer explain 报告.txt 条目编号 --checklist 清单/本市2021.yaml`" in proc.stdout
    proc = run("score", "报告.txt", cwd=tmp_path)
    assert "`scorer explain 报告.txt 条目编号`" in proc.stdout


# --------------------------------------------------------------------------- 3. importing into checklists/


def test_importing_into_the_checklists_folder_never_changes_the_automatic_choice(tmp_path, shipped):
    d, env = shipped
    before = score_json(HUAIAN, env=env)
    assert before["checklist"]["id"] == "outline-2021"
    xlsx = tmp_path / "改1.xlsx"
    wb = export("outline-2021", xlsx, env)
    wb[HEADER_SHEET].cell(header_row(wb, "id"), 2).value = "huaian-2021"
    ws = wb[ITEMS_SHEET]
    ws.cell(row_of(ws, "O21-19"), columns(ws)["weight"]).value = 5  # an edit that moves the score
    wb.save(xlsx)
    national = (d / "outline-2021.yaml").read_bytes()

    # Same years as outline-2021 (2021-): refused, nothing written.
    proc = run("checklist", "import", xlsx, "--out", d / "my-2021.yaml", env=env)
    assert proc.returncode == 2 and not (d / "my-2021.yaml").exists()
    [err] = errors(proc)
    assert "适用年度（2021 年起）与内置清单 outline-2021.yaml" in err and "重叠" in err and "适用年度”留空" in err
    # A shipped checklist is never overwritten without --force.
    proc = run("checklist", "import", xlsx, "--out", d / "outline-2021.yaml", env=env)
    assert proc.returncode == 2 and "--force" in proc.stderr
    assert (d / "outline-2021.yaml").read_bytes() == national

    # A checklist copied there by hand with the same years: an error naming the folder, never a silent choice.
    copy = d / "copy-2021.yaml"
    copy.write_text(national.decode("utf-8").replace("id: outline-2021", "id: copy-2021"), encoding="utf-8")
    proc = run("score", HUAIAN, env=env, cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    [err] = errors(proc)
    assert f"{d}: " in err and "copy-2021.yaml" in err and "outline-2021.yaml" in err and "重叠" in err
    copy.unlink()

    # With 适用年度 left empty it goes in; plain scoring is unchanged, and --checklist takes its id.
    wb = openpyxl.load_workbook(xlsx)
    wb[HEADER_SHEET].cell(header_row(wb, "years"), 2).value = None
    wb.save(xlsx)
    proc = run("checklist", "import", xlsx, "--out", d / "my-2021.yaml", env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    after = score_json(HUAIAN, env=env)
    assert (after["checklist"]["id"], after["score"]) == ("outline-2021", before["score"])
    by_id = score_json(HUAIAN, "--checklist", "huaian-2021", env=env)
    assert by_id["checklist"]["id"] == "huaian-2021" and by_id["score"] != before["score"]


def test_no_automatic_checklist_names_the_folder_it_looked_in(tmp_path):
    d = tmp_path / "只有结构清单"
    d.mkdir()
    for name in ("report-structure.yaml", "terms.txt"):
        shutil.copy(ROOT / "checklists" / name, d / name)
    proc = run("check", HUAIAN, env={"SCORER_CHECKLISTS": str(d)}, cwd=tmp_path)
    assert proc.returncode == 2
    assert f"{d}: 没有可按年度自动选用的纲要检查清单" in proc.stdout + proc.stderr


# --------------------------------------------------------------------------- 4. separators typed in Excel


def test_separators_typed_in_excel_are_accepted_or_refused_clearly(tmp_path):
    xlsx, out = tmp_path / "纲要.xlsx", tmp_path / "纲要.yaml"
    wb = export("outline-2021", xlsx)
    ws = wb[ITEMS_SHEET]
    col, r19, r20 = columns(ws)["phrases"], row_of(ws, "O21-19"), row_of(ws, "O21-20")
    ws.cell(r19, col).value = "行政复议，复议案件,复议申请"  # full-width and ASCII commas
    ws.cell(r20, col).value = "应诉＋出庭；行政应诉"  # the full-width ＋ a Chinese input method types
    wb.save(xlsx)
    proc = run("checklist", "import", xlsx, "--out", out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = run("checklist", "export", out, "--xlsx", tmp_path / "again.xlsx")
    assert data.returncode == 0
    from scorer.checklist.load import load_checklist

    cl = load_checklist(out)
    assert cl.item("O21-19").phrases == ["行政复议", "复议案件", "复议申请"]
    assert cl.item("O21-20").phrases == ["应诉+出庭", "行政应诉"]
    result = score_json(HUAIAN, "--checklist", out)
    assert next(it for it in result["items"] if it["id"] == "O21-19")["status"] == "covered"

    # A 顿号 may be part of a phrase (双随机、一公开) or a separator: asked, at its row.
    ws.cell(r19, col).value = "行政复议、复议案件"
    wb.save(xlsx)
    proc = run("checklist", "import", xlsx, "--out", out)
    assert proc.returncode == 1
    [line] = [ln for ln in proc.stdout.splitlines() if ln.startswith(f"{xlsx}:")]
    assert line.startswith(f"{xlsx}:{ITEMS_SHEET}!{r19}: 匹配短语「行政复议、复议案件」中有顿号「、」")
    assert "请用「；」" in line and "各占一行" in line


ONE_ITEM_CHECKLIST = """\
id: local-test
version: "1"
title: 测试清单
areas: [依法行政]
items:
  - id: T-01
    area: 依法行政
    title: 行政复议
    requirement: 办理行政复议案件
"""


def _one_item_checklist(path: Path, *item_lines: str) -> None:
    """A local checklist of one item, with `item_lines` (phrases: …, exclude: …) from its line 10 on."""
    path.write_text(ONE_ITEM_CHECKLIST + "".join(f"    {line}\n" for line in item_lines), encoding="utf-8")


def test_separators_inside_a_yaml_phrase_are_refused_and_fullwidth_plus_is_a_rule(tmp_path):
    path = tmp_path / "c.yaml"
    _one_item_checklist(path, "phrases: [行政复议，复议案件, 复议＋纠错]")
    proc = run("checklist", "validate", "c.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    assert "c.yaml:10: 短语「行政复议，复议案件」中有分隔符「，」" in proc.stdout
    path.write_text(path.read_text(encoding="utf-8").replace("行政复议，复议案件", "行政复议"), encoding="utf-8")
    from scorer.checklist.load import load_checklist

    assert load_checklist(path).item("T-01").phrases == ["行政复议", "复议+纠错"]


def test_a_dangling_alternative_and_an_alternative_in_an_exclude_phrase_are_refused(tmp_path):
    path = tmp_path / "c.yaml"
    _one_item_checklist(path, "phrases: [复议+纠错|]", "exclude: [复议｜调解]")
    proc = run("checklist", "validate", "c.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    assert "c.yaml:10: 短语「复议+纠错|」中「|」两边都要有词" in proc.stdout
    assert "c.yaml:11: 排除短语「复议|调解」中不能用「|」" in proc.stdout
    path.write_text(path.read_text(encoding="utf-8").replace("纠错|]", "纠错｜撤销]").replace("复议｜调解", "调解"),
                    encoding="utf-8")
    from scorer.checklist.load import load_checklist

    assert load_checklist(path).item("T-01").phrases == ["复议+纠错|撤销"]  # the full-width ｜ typed in Chinese


# --------------------------------------------------------------------------- 5. import lists everything at once


def test_import_lists_every_problem_at_once(tmp_path):
    xlsx, out = tmp_path / "改.xlsx", tmp_path / "改.yaml"
    wb = export("outline-2021", xlsx)
    ws = wb[ITEMS_SHEET]
    c = columns(ws)
    ws.cell(2, c["weight"]).value = 20
    ws.cell(3, c["not_applicable_for"]).value = "乡镇"
    ws.cell(4, c["weight"]).value = "两"
    ws.cell(5, c["area"]).value = "不存在的领域"
    ws.cell(6, c["title"]).value = None
    ws.cell(7, c["id"]).value = ws.cell(2, c["id"]).value  # duplicate id
    ws.cell(8, c["phrases"]).value = None  # no rule left
    wb[HEADER_SHEET].cell(header_row(wb, "version"), 2).value = None
    wb.save(xlsx)
    proc = run("checklist", "import", xlsx, "--out", out)
    assert proc.returncode == 1 and not out.exists()
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith(f"{xlsx}:")]
    first = ws.cell(2, c["id"]).value
    expect = [
        f"{ITEMS_SHEET}!2: 权重超出范围：必须大于 0 且不超过 10（现为 20）",
        f"{ITEMS_SHEET}!3: 不适用单位「乡镇」无法识别",
        f"{ITEMS_SHEET}!4: 权重 weight 必须是数字（现为「两」）",
        f"{ITEMS_SHEET}!5: 条目 {ws.cell(5, 1).value} 的领域「不存在的领域」不在 areas 列表中",
        f"{ITEMS_SHEET}!6: 缺少必填字段「标题 title」",
        f"{ITEMS_SHEET}!7: 编号「{first}」重复（第 2 行已有）",
        f"{ITEMS_SHEET}!8: 条目 {ws.cell(8, 1).value} 没有任何匹配规则",
        f"{HEADER_SHEET}!{header_row(wb, 'version')}: 版本 version 不能为空",
    ]
    for e in expect:
        assert any(ln.startswith(f"{xlsx}:{e}") for ln in lines), (e, proc.stdout)
    assert len(lines) == len(expect), proc.stdout


# --------------------------------------------------------------------------- 6. YAML validate messages


LOCAL = """\
id: local-city
version: "1"
title: 本市清单
extends: outline-2021
overrides:
  O21-19:
    weight: 两
    phrase: [复议应诉]
  O21-03:
    not_applicable_for: [乡镇]
areas: [本市]
items:
  - id: L-01
    area: 本市
    title: 一网统管
    requirement: 平台
    phrases: [一网统管]
    weight: 0
"""


def test_validate_messages_are_placed_chinese_and_relative(tmp_path):
    (tmp_path / "清单").mkdir()
    (tmp_path / "清单" / "本市.yaml").write_text(LOCAL, encoding="utf-8")
    proc = run("checklist", "validate", "清单/本市.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("清单/本市.yaml:")]
    assert lines == [
        "清单/本市.yaml:7: 条目 O21-19：权重 weight 必须是数字（现为「两」）",
        "清单/本市.yaml:8: 条目 O21-19：未知字段「phrase」（请检查拼写；可用字段见 checklists/README.md）",
        "清单/本市.yaml:10: 条目 O21-03：不适用单位 not_applicable_for 第 1 项「乡镇」不是可用的单位类型"
        "（可选：province（省级）、city（设区的市）、county（县级）、development_zone（开发区）、department（政府部门））",
        "清单/本市.yaml:18: 权重超出范围：必须大于 0 且不超过 10（现为 0）",
    ], proc.stdout
    assert "unknown" not in proc.stdout


def test_tab_and_gbk_get_a_hint_how_to_fix(tmp_path):
    (tmp_path / "tab.yaml").write_text('id: x\nversion: "1"\ntitle: t\nitems:\n\t- id: a\n', encoding="utf-8")
    proc = run("checklist", "validate", "tab.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    assert "tab.yaml:5: 这一行有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格" in proc.stdout
    (tmp_path / "gbk.yaml").write_bytes('id: x\nversion: "1"\ntitle: 本市清单\n'.encode("gbk"))
    proc = run("checklist", "validate", "gbk.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert "gbk.yaml: 文件是 GBK（GB18030）编码，检查清单必须是 UTF-8 编码：请在记事本中“另存为”，编码选“UTF-8”" in proc.stdout


# --------------------------------------------------------------------------- issue 10: hostile checklist files


def test_device_and_fifo_checklists_are_refused_without_reading(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for path in ("/dev/zero", fifo):
        proc = run("score", HUAIAN, "--checklist", path, timeout=60)
        assert proc.returncode == 2
        assert f"{path}: 不是普通文件（是设备、管道等特殊文件），不能作为检查清单" in proc.stderr
        proc = run("checklist", "validate", path, timeout=60)
        assert proc.returncode == 2 and "不是普通文件" in proc.stdout
    local = tmp_path / "local.yaml"
    local.write_text('id: x\nversion: "1"\ntitle: t\nextends: pipe.yaml\n', encoding="utf-8")
    proc = run("checklist", "validate", local, timeout=60)
    assert proc.returncode == 2 and f"{local}:4: 基础清单「pipe.yaml」无法使用：不是普通文件" in proc.stdout
    big = tmp_path / "big.yaml"
    big.write_text("id: big\n" + "# 注释\n" * 400_000, encoding="utf-8")
    proc = run("checklist", "validate", big)
    assert proc.returncode == 2 and "文件过大" in proc.stdout and "不能超过 2 MB" in proc.stdout


def test_yaml_anchors_and_aliases_are_refused_before_expanding(tmp_path):
    lines = ['id: lol', 'version: "1"', 'title: t', 'areas: [甲]', 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    lines.append("items:\n  - {id: X, area: 甲, title: t, requirement: r, phrases: *a8}")
    lol = tmp_path / "lol.yaml"
    lol.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for args in (("checklist", "validate", lol), ("score", HUAIAN, "--checklist", lol)):
        proc = run(*args, timeout=60)
        assert proc.returncode in (1, 2) and "Traceback" not in proc.stderr
        assert "lol.yaml:5: 检查清单中不能使用 YAML 锚点和别名" in proc.stdout + proc.stderr


@pytest.mark.parametrize("target", ["/etc/passwd", "../../../../../../etc/passwd", "/etc/hostname"])
def test_extends_is_restricted_and_never_echoes_the_file(tmp_path, target):
    local = tmp_path / "local.yaml"
    local.write_text(f'id: x\nversion: "1"\ntitle: t\nextends: {target}\n', encoding="utf-8")
    proc = run("checklist", "validate", local)
    assert proc.returncode == 2
    assert f"{local}:4: 基础清单「{target}」无法使用：不能作为基础清单" in proc.stdout
    content = Path("/etc/passwd").read_text(errors="replace").splitlines()[0]
    assert content.split(":")[0] + ":" not in proc.stdout.replace(f"{local}:", "")
    # A file that is not a checklist, given directly, is named as such without its content.
    proc = run("checklist", "validate", "/etc/passwd")
    assert proc.returncode == 2 and proc.stdout.startswith("/etc/passwd: 不是检查清单")
    assert "root" not in proc.stdout


def test_extends_inside_the_checklist_folder_works(tmp_path):
    base = tmp_path / "base" / "national.yaml"
    base.parent.mkdir()
    shutil.copy(ROOT / "checklists" / "outline-2021.yaml", base)
    (tmp_path / "sub").mkdir()
    local = tmp_path / "local.yaml"
    local.write_text('id: x\nversion: "1"\ntitle: t\nyears: null\nextends: base/national.yaml\nremove: [O21-04]\n',
                     encoding="utf-8")
    proc = run("checklist", "validate", local)
    assert proc.returncode == 0 and "31 项" in proc.stdout, proc.stdout


# --------------------------------------------------------------------------- 12. phrases_add


def test_phrases_add_adds_to_the_base_list_and_survives_excel(tmp_path):
    local = tmp_path / "local.yaml"
    local.write_text(textwrap.dedent("""\
        id: local-add
        version: "1"
        title: 本市清单
        extends: outline-2021
        years: null
        overrides:
          O21-19:
            phrases_add: [复议应诉, 行政复议]
          O21-20:
            phrases: [出庭应诉]
        """), encoding="utf-8")
    from scorer.checklist.load import load_checklist

    base, cl = load_checklist("outline-2021"), load_checklist(local)
    assert cl.item("O21-19").phrases == base.item("O21-19").phrases + ["复议应诉"]
    assert cl.item("O21-20").phrases == ["出庭应诉"]  # a plain override replaces the list
    xlsx, back = tmp_path / "own.xlsx", tmp_path / "back.yaml"
    wb = export(local, xlsx, None, "--own")
    rows = [[c.value for c in r] for r in wb[OVERRIDES_SHEET].iter_rows(min_row=2)]
    assert ["O21-19", "增加匹配短语 phrases_add", "复议应诉；行政复议"] in rows
    proc = run("checklist", "import", xlsx, "--out", back)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert load_checklist(back).sha256 == cl.sha256


# --------------------------------------------------------------------------- 11. file modes


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664)])
def test_written_files_get_the_mode_of_a_normal_write(tmp_path, umask, mode):
    xlsx, yaml, xml = tmp_path / "清单.xlsx", tmp_path / "清单.yaml", tmp_path / "结果.xml"
    assert run("checklist", "export", "outline-2021", "--xlsx", xlsx, umask=umask).returncode == 0
    assert run("checklist", "import", xlsx, "--out", yaml, umask=umask).returncode == 0
    assert run("check", HUAIAN, "--format", "junit", "--output", xml, umask=umask).returncode == 0
    proc = run("report", HUAIAN, "--out", tmp_path / "pdf", umask=umask)
    assert proc.returncode == 0, proc.stderr
    written = [xlsx, yaml, xml, *sorted((tmp_path / "pdf").glob("*.pdf"))]
    assert len(written) == 4
    assert {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in written} == {p.name: oct(mode) for p in written}
    # Rewriting a file keeps the mode it already had, as a normal write does.
    os.chmod(xlsx, 0o640)
    assert run("checklist", "export", "outline-2021", "--xlsx", xlsx, umask=umask).returncode == 0
    assert stat.S_IMODE(xlsx.stat().st_mode) == 0o640
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind


# --------------------------------------------------------------------------- 7. --help


COMMANDS = [[], ["score"], ["explain"], ["eval"], ["check"], ["report"], ["review"], ["checklist"],
            ["checklist", "validate"], ["checklist", "export"], ["checklist", "import"], ["checklist", "diff"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "scorer")
def test_help_is_chinese_and_readable_at_80_columns(command):
    proc = run(*command, "--help", columns=80)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for english in ("Show this message", "[required]", "Usage:", "Options", "Arguments", "Commands", "[default"):
        assert english not in out, (english, out)
    assert out.startswith("用法：scorer") and "显示本帮助并退出" in out
    assert all(len(ln.encode("gbk", errors="replace")) <= 80 for ln in out.splitlines()), out  # display width
    assert "…" not in out  # nothing cut off
    if command == ["check"]:
        flat = "".join(out.split())
        for text in ("最低得分（0–100），低于此分不通过", "把结果写入文件（如--format junit--output report.xml），屏幕上同时显示中文结果",
                     "配置文件（scorer.toml或含[tool.scorer]的pyproject.toml）；默认从当前文件夹向上查找"):
            assert "".join(text.split()) in flat, out


def test_usage_errors_are_one_chinese_line():
    proc = run("check", HUAIAN, "--formt", "github")
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == ["错误：没有这个选项：--formt（是不是 --format？）", "用 scorer check --help 查看用法。"]
    proc = run("check")
    assert proc.returncode == 2 and proc.stderr.startswith("错误：缺少参数：报告文件或文件夹")


# --------------------------------------------------------------------------- 12. the guide


def test_guide_says_how_to_get_scorer_on_the_path_and_how_overrides_treat_lists():
    guide = (ROOT / "docs" / "使用指南.md").read_text(encoding="utf-8")
    first = guide.split("## 一、常用命令", 1)[1].split("## 二、", 1)[0]
    assert "source .venv/bin/activate" in first and "pipx install" in first
    assert first.index("source .venv/bin/activate") < first.index("| 要做的事 | 命令 |")  # before the first command
    local = guide.split("### 3. 地方清单", 1)[1].split("### 4.", 1)[0]
    assert "会替换基础条目的整个短语列表" in local and "phrases_add:" in local
    assert "--out checklists/" not in guide  # importing into the built-in folder is not what the guide shows


def test_import_resolves_a_relative_extends_from_the_output_folder(tmp_path):
    folder = tmp_path / "清单"
    folder.mkdir()
    shutil.copy(ROOT / "checklists" / "outline-2021.yaml", folder / "base.yaml")
    (folder / "local.yaml").write_text('id: local-x\nversion: "1"\ntitle: t\nyears: null\nextends: base.yaml\n'
                                       "remove: [O21-04]\n", encoding="utf-8")
    export(folder / "local.yaml", tmp_path / "own.xlsx", None, "--own")
    proc = run("checklist", "import", "own.xlsx", "--out", "清单/back.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "extends: base.yaml" in (folder / "back.yaml").read_text(encoding="utf-8")


def test_a_phrase_whose_alternatives_multiply_past_the_limit_is_refused_without_expanding_it(tmp_path):
    path = tmp_path / "c.yaml"
    many = "+".join("|".join(f"词{i}{j}" for j in range(10)) for i in range(9))  # 10^9 combinations
    _one_item_checklist(path, f'phrases: ["{many}"]')
    proc = run("checklist", "validate", "c.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    assert "的可选词组合太多（1000000000 种，最多 64 种）" in proc.stdout
