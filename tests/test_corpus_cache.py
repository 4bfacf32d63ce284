"""The corpus cache script stores a restored opening only when it is byte-for-byte the indexed one."""

import hashlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "corpus_cache.py"
spec = importlib.util.spec_from_file_location("corpus_cache", SCRIPT)
corpus_cache = importlib.util.module_from_spec(spec)
spec.loader.exec_module(corpus_cache)

OPENING = "一、2020年法治政府建设情况\n（一）制定“三张清单”，\t公布“权责清单”132项。\n“两个”\\分号"


def test_an_excerpt_copied_as_json_shows_it_reads_back_to_the_stored_text():
    as_json = json.dumps(OPENING, ensure_ascii=False)[1:-1] + "\n"  # what the search answer shows, plus the shell's newline
    assert "\\n" in as_json and OPENING in corpus_cache.readings(as_json)


def test_an_excerpt_with_escaped_line_breaks_and_plain_quotes_reads_back_to_the_stored_text():
    """A copy that keeps the answer's \\n escapes but writes its quotes plainly is not valid JSON; it still reads back."""
    opening = OPENING + '\n开展"法律进企业"活动12场。'
    half_escaped = json.dumps(opening, ensure_ascii=False)[1:-1].replace('\\"', '"') + "\n"
    assert '"法律' in half_escaped and "\\n" in half_escaped
    assert opening in corpus_cache.readings(half_escaped)


def test_an_excerpt_with_real_line_breaks_reads_back_to_the_stored_text():
    assert OPENING in corpus_cache.readings(OPENING + "\n")


def test_save_refuses_a_copy_off_by_one_character(tmp_path, monkeypatch):
    entry = {"n": "X1", "sha256": hashlib.sha256(OPENING.encode()).hexdigest(), "chars": len(OPENING)}
    monkeypatch.setattr(corpus_cache, "load_index", lambda: [entry])
    monkeypatch.setattr(corpus_cache, "TEXTS", tmp_path)
    assert corpus_cache.save("X1", OPENING.replace("132", "133")) == 1
    assert not list(tmp_path.iterdir())
    assert corpus_cache.save("X1", OPENING + "\n") == 0
    assert (tmp_path / f"{entry['sha256']}.txt").read_text(encoding="utf-8") == OPENING


def test_status_runs_on_the_real_index_without_the_cache():
    proc = subprocess.run([sys.executable, str(SCRIPT), "status"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and "份在缓存中" in proc.stdout


def test_save_by_url_stores_the_entry_whose_text_matches(tmp_path, monkeypatch):
    """One address indexed at two versions: a result saved by its url fills the version it is, not the other."""
    url = "http://www.example.gov.cn/art/2021/3/1/art_1.html"
    newer = OPENING.replace("132", "140")
    entries = [
        {"n": "X1", "url": url, "sha256": hashlib.sha256(OPENING.encode()).hexdigest(), "chars": len(OPENING)},
        {"n": "X2", "url": url, "sha256": hashlib.sha256(newer.encode()).hexdigest(), "chars": len(newer)},
    ]
    monkeypatch.setattr(corpus_cache, "load_index", lambda: entries)
    monkeypatch.setattr(corpus_cache, "TEXTS", tmp_path)
    assert corpus_cache.save(url, newer) == 0
    assert [p.name for p in tmp_path.iterdir()] == [f"{entries[1]['sha256']}.txt"]
    assert corpus_cache.save("http://www.example.gov.cn/other.html", newer) == 2


def test_todo_by_query_lists_each_query_once_with_its_missing_pages(tmp_path, monkeypatch, capsys):
    def entry(n, query, text):
        return {"n": n, "url": f"http://www.example.gov.cn/{n}.html", "query": query,
                "sha256": hashlib.sha256(text.encode()).hexdigest(), "chars": len(text)}
    entries = [entry("X1", "甲市2021年法治政府建设", "一"), entry("X2", "甲市2021年法治政府建设", "二"),
               entry("X3", "乙县2019年依法行政", "三")]
    (tmp_path / f"{entries[1]['sha256']}.txt").write_text("二", encoding="utf-8")  # X2 is already cached
    monkeypatch.setattr(corpus_cache, "load_index", lambda: entries)
    monkeypatch.setattr(corpus_cache, "TEXTS", tmp_path)
    monkeypatch.setattr(sys, "argv", ["corpus_cache.py", "todo", "--by-query"])
    assert corpus_cache.main() == 0
    assert capsys.readouterr().out.splitlines() == [
        "甲市2021年法治政府建设\tX1 http://www.example.gov.cn/X1.html",
        "乙县2019年依法行政\tX3 http://www.example.gov.cn/X3.html",
    ]
