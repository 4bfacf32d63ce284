"""Restore and check the local cache of corpus texts (.corpus/texts/<sha256>.txt).

The texts are third-party pages and are never committed; the index (tests/corpus/index.yaml) keeps each
one's address, the search query that returns it, and its sha256. To restore a text, run its `query` with
the search tool (corpus `pages`), take the result whose url is the entry's, and pipe its excerpt in:

    python scripts/corpus_cache.py save N < excerpt.txt      # N: the entry's n (S01, A12, ...)
    python scripts/corpus_cache.py status                    # how many texts are present, which are missing
    python scripts/corpus_cache.py todo [--chunks K]         # n, url, query of the missing ones (tab-separated)

`save` accepts the excerpt either with real line breaks or exactly as the search answer's JSON shows it
(with \\n escapes); it stores the text only when its sha256 is the index's, so a copy that is off by one
character is refused, never stored.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
INDEX = ROOT / "tests" / "corpus" / "index.yaml"
TEXTS = ROOT / ".corpus" / "texts"


def load_index() -> list[dict]:
    return YAML(typ="safe").load(INDEX.read_text(encoding="utf-8"))


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def readings(raw: str) -> list[str]:
    """The texts `raw` may stand for: as JSON string content (\\n escapes) or as plain text, with the
    shell's trailing newline dropped (the stored openings end without one)."""
    body = raw.rstrip("\n")
    out: list[str] = []
    for candidate in (body, body.strip()):
        for quoted in (f'"{candidate}"', candidate):
            if quoted.startswith('"') and quoted.endswith('"') and len(quoted) > 1:
                try:
                    out.append(json.loads(quoted))
                except ValueError:
                    pass
        out.append(candidate)
    return [v for text in out for v in (text, text.rstrip("\n"), text.rstrip())]


def present(entry: dict) -> bool:
    path = TEXTS / f"{entry['sha256']}.txt"
    return path.is_file() and _sha(path.read_text(encoding="utf-8")) == entry["sha256"]


def save(n: str, raw: str) -> int:
    entry = next((e for e in load_index() if e["n"] == n), None)
    if entry is None:
        print(f"语料索引中没有条目 {n}", file=sys.stderr)
        return 2
    if present(entry):
        print(f"{n}：已有")
        return 0
    for text in readings(raw):
        if _sha(text) == entry["sha256"]:
            TEXTS.mkdir(parents=True, exist_ok=True)
            (TEXTS / f"{entry['sha256']}.txt").write_text(text, encoding="utf-8")
            print(f"{n}：已保存（{len(text)} 字）")
            return 0
    print(f"{n}：与索引的 sha256 不符（索引 {entry.get('chars')} 字，收到 {len(raw.rstrip())} 字），未保存",
          file=sys.stderr)
    return 1


def main() -> int:
    ap = argparse.ArgumentParser(description="恢复、检查本地语料文本缓存")
    sub = ap.add_subparsers(dest="cmd", required=True)
    sv = sub.add_parser("save", help="从标准输入保存一条文本（校验 sha256）")
    sv.add_argument("n")
    sub.add_parser("status", help="缓存中有多少、缺哪些")
    td = sub.add_parser("todo", help="列出缺少的条目：n、网址、检索词")
    td.add_argument("--chunks", type=int, default=1)
    args = ap.parse_args()
    if args.cmd == "save":
        return save(args.n, sys.stdin.buffer.read().decode("utf-8"))
    index = load_index()
    seen: set[str] = set()
    missing = []
    for e in index:
        if e["sha256"] not in seen and not present(e):
            missing.append(e)
        seen.add(e["sha256"])
    if args.cmd == "status":
        print(f"语料文本：{len(seen) - len(missing)}/{len(seen)} 份在缓存中")
        if missing:
            print("缺少：" + " ".join(e["n"] for e in missing))
        return 0
    for k in range(args.chunks):
        if args.chunks > 1:
            print(f"# {k + 1}/{args.chunks}")
        for e in missing[k::args.chunks]:
            print(f"{e['n']}\t{e['url']}\t{e['query']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
