"""scorer as others install it: a wheel in a fresh virtualenv (what `pip install`, pipx
and the CI examples do), and the pre-commit hook through the real `pre-commit` tool.
A non-editable install has no source checkout beside it: checklists and templates must
come from the package. Both tests are slow (they install scorer and its dependencies)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import ROOT, SEEDS
from ruamel.yaml import YAML

HUAIAN = SEEDS / "huaian-hongze-2023.txt"
README_TEXT = "# 说明\n本仓库存放各区年度法治政府建设报告，一年一个文件夹。\n"


def sh(*cmd, cwd=None, env=None, timeout=900, check=True) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} -> {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def clean_env(**extra) -> dict:
    """No trace of the source checkout: no PYTHONPATH, no SCORER_CHECKLISTS, no venv."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "SCORER_CHECKLISTS", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update(PYTHONIOENCODING="utf-8", COLUMNS="200", **extra)
    return env


def source_copy(dest: Path) -> Path:
    """The project's files (tracked and new, as in the working tree) without build
    products or the local venv, so that building never writes into the checkout."""
    files = sh("git", "ls-files", "-co", "--exclude-standard", "-z", cwd=ROOT).stdout.split("\0")
    for name in filter(None, files):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest


def git_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for cmd in (["init", "-q", "-b", "main"], ["config", "user.email", "test@example.gov.cn"],
                ["config", "user.name", "测试"], ["config", "core.quotepath", "off"]):
        sh("git", *cmd, cwd=path)
    return path


def commit(repo: Path, message: str) -> str:
    sh("git", "add", "-A", cwd=repo)
    sh("git", "commit", "-q", "--no-verify", "-m", message, cwd=repo)
    return sh("git", "rev-parse", "HEAD", cwd=repo).stdout.strip()


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """bin/ of a fresh venv with scorer installed from a wheel (not editable)."""
    if shutil.which("git") is None:
        pytest.skip("git is needed to list the project's files")
    d = tmp_path_factory.mktemp("wheel")
    src = source_copy(d / "src")
    sh(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", d / "dist", src)
    [wheel] = list((d / "dist").glob("scorer-*.whl"))
    sh(sys.executable, "-m", "venv", d / "venv")
    sh(d / "venv" / "bin" / "python", "-m", "pip", "install", "-q", wheel, env=clean_env())
    return d / "venv" / "bin"


def test_installed_wheel_scores_reports_and_checks_from_another_folder(installed, tmp_path):
    work = tmp_path / "报告仓库"
    (work / "2023").mkdir(parents=True)
    shutil.copy(HUAIAN, work / "2023" / "洪泽区.txt")
    env = clean_env()
    where = sh(installed / "python", "-c", "import scorer, scorer.paths as p; print(scorer.__file__); "
               "print(p.CHECKLIST_DIR); print(p.TEMPLATES_DIR)", cwd=work, env=env).stdout.split()
    assert all(str(ROOT) not in w and "site-packages" in w for w in where), where

    proc = sh(installed / "scorer", "score", "2023/洪泽区.txt", "--format", "json", cwd=work, env=env)
    [result] = json.loads(proc.stdout)
    assert result["checklist"]["id"] == "outline-2021" and result["jurisdiction"] == "淮安市洪泽区"
    proc = sh(installed / "scorer", "check", "2023", cwd=work, env=env)
    assert "通过" in proc.stdout and "outline-2021" in proc.stdout
    sh(installed / "scorer", "report", "2023/洪泽区.txt", "--out", "差距报告", cwd=work, env=env)
    [pdf] = list((work / "差距报告").glob("*.pdf"))
    assert pdf.read_bytes().startswith(b"%PDF")
    proc = sh(installed / "scorer", "checklist", "validate", cwd=work, env=env)
    # the three shipped checklists and the rule book, all from the installed package
    assert proc.stdout.count("通过") == 4 and "评查规则手册" in proc.stdout


def _ci_scripts() -> dict[str, str]:
    """The shell that each CI example runs to pick and check reports."""
    yaml = YAML(typ="safe", pure=True)
    gh = yaml.load((ROOT / "docs" / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    steps = {s.get("name"): s for s in gh["jobs"]["scorer-check"]["steps"]}
    gh_script = steps["找出新增或修改的报告"]["run"] + "\n" + next(
        s["run"] for name, s in steps.items() if name and name.startswith("评查"))
    gl = yaml.load((ROOT / "docs" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    return {"github": gh_script, "gitlab": "\n".join(gl["scorer-check"]["script"]),
            "github-install": steps["安装 scorer"]["run"], "gitlab-install": "\n".join(gl["scorer-check"]["before_script"]),
            "gitlab-workflow": gl.get("workflow")}


def test_ci_examples_use_a_plain_install_and_check_only_reports(installed, tmp_path):
    scripts = _ci_scripts()
    for key in ("github-install", "gitlab-install"):
        assert "pip install" in scripts[key] and " -e " not in scripts[key] and "--editable" not in scripts[key]
    # GitLab: no second (branch) pipeline for a push that belongs to a merge request.
    rules = scripts["gitlab-workflow"]["rules"]
    assert {"if": "$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS", "when": "never"} in rules

    repo = git_repo(tmp_path / "reports")
    (repo / "2022").mkdir()
    shutil.copy(SEEDS / "huaian-hongze-2023.txt", repo / "2022" / "旧报告.txt")
    base = commit(repo, "旧报告")
    (repo / "2023").mkdir()
    shutil.copy(HUAIAN, repo / "2023" / "洪泽区.txt")
    (repo / "README.txt").write_text(README_TEXT, encoding="utf-8")
    (repo / "2023" / "说明.txt").write_text(README_TEXT, encoding="utf-8")
    (repo / "notes.txt").write_text(README_TEXT, encoding="utf-8")
    commit(repo, "2023 年度报告")
    runner = tmp_path / "runner"
    runner.mkdir()
    env = clean_env(PATH=f"{installed}{os.pathsep}{os.environ['PATH']}", RUNNER_TEMP=str(runner),
                    BASE=base, CI_COMMIT_BEFORE_SHA=base)
    for name, changed in (("github", runner / "changed"), ("gitlab", repo / "changed")):
        proc = sh("bash", "-euo", "pipefail", "-c", scripts[name], cwd=repo, env=env, check=False)
        out = proc.stdout + proc.stderr
        assert proc.returncode == 0, (name, out)
        # Only the new report is checked: not the unchanged one, nor README / 说明 / notes.
        assert changed.read_text(encoding="utf-8").split("\0") == ["2023/洪泽区.txt", ""], (name, out)
        assert "共 1 份报告：通过 1，不通过 0，出错 0" in out, (name, out)
    assert (repo / "scorer-report.xml").read_text(encoding="utf-8").count("<testcase") == 1
    # With thresholds in scorer.toml at the repository root, the same report fails (exit 1).
    (repo / "scorer.toml").write_text("min_score = 99\n", encoding="utf-8")
    proc = sh("bash", "-euo", "pipefail", "-c", scripts["gitlab"], cwd=repo, env=env, check=False)
    assert proc.returncode == 1 and "低于最低分 99" in proc.stdout


# --------------------------------------------------------------------------- pre-commit


def _pre_commit() -> list[str]:
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (pip install -e '.[dev]')")
    return [sys.executable, "-m", "pre_commit"]


OFFLINE = ("Could not find a version", "No matching distribution", "Failed to establish a new connection",
           "Temporary failure in name resolution", "Network is unreachable")


def test_pre_commit_hook_works_from_a_plain_install(tmp_path):
    """`pre-commit try-repo` installs the hook the way a reports repository gets it (a
    non-editable pip install of the scorer repository at a commit) and runs it."""
    pre_commit = _pre_commit()
    if shutil.which("git") is None:
        pytest.skip("git is needed")
    # The scorer repository as a user would reference it: a git clone at a commit
    # (the working tree as it is now, committed in the clone).
    clone = tmp_path / "scorer-repo"
    source_copy(clone)
    git_repo(clone)
    rev = commit(clone, "scorer")

    reports = git_repo(tmp_path / "reports")
    (reports / "2023").mkdir()
    shutil.copy(HUAIAN, reports / "2023" / "洪泽区.txt")
    (reports / "README.txt").write_text(README_TEXT, encoding="utf-8")
    commit(reports, "报告")
    env = clean_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PRE_COMMIT_COLOR="never")

    proc = sh(*pre_commit, "try-repo", clone, "scorer-check", "--all-files", "--verbose", cwd=reports, env=env,
              check=False, timeout=1500)
    out = proc.stdout + proc.stderr
    if proc.returncode != 0 and any(s in out for s in OFFLINE):
        pytest.skip("pre-commit could not create the hook's environment (no package index reachable)")
    assert proc.returncode == 0, out
    assert "Passed" in out and "洪泽区.txt" in out
    assert "README.txt" not in out  # not a report: left out by the hook's exclude
    assert "检查清单无效" not in out and "没有可按年度自动选用" not in out

    # Installed as a git hook, it blocks a commit of a report below the repository's min_score.
    (reports / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {clone}\n    rev: {rev}\n    hooks:\n      - id: scorer-check\n", encoding="utf-8")
    (reports / "scorer.toml").write_text("min_score = 99\n", encoding="utf-8")
    sh(*pre_commit, "install", cwd=reports, env=env)
    shutil.copy(SEEDS / "zibo-hitech-2017.txt", reports / "2023" / "淄博.txt")
    sh("git", "add", "-A", cwd=reports)
    hook_env = {**env, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"}
    proc = sh("git", "commit", "-q", "-m", "新报告", cwd=reports, env=hook_env, check=False, timeout=900)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert "Failed" in out and "不通过" in out and "低于最低分 99" in out and "淄博.txt" in out
