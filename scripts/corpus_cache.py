"""Restore and check the local cache of corpus texts (.corpus/texts/<sha256>.txt).

The texts are third-party pages and are never committed; the index (tests/corpus/index.yaml) keeps each
one's address, the search query that returns it, and its sha256. To restore a text, run its `query` with
the search tool (corpus `pages`), take the result whose url is the entry's, and pipe its excerpt in:

    python scripts/corpus_cache.py save N < excerpt.txt      # N: the entry's n (S01, A12, ...) or its url
    python scripts/corpus_cache.py status                    # how many texts are present, which are missing
    python scripts/corpus_cache.py todo [--chunks K]         # n, url, query of the missing ones (tab-separated)
    python scripts/corpus_cache.py todo --by-query [--chunks K]  # one line a query: query, then "n url" pairs

Many queries return several indexed pages (953 queries for 1372 texts), so restoring by query, and saving
each result by its url, takes a third fewer searches than restoring entry by entry.

`save` accepts the excerpt either with real line breaks or exactly as the search answer's JSON shows it
(with \\n escapes); it stores the text only when its sha256 is the index's, so a copy that is off by one
character is refused, never stored.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
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
                    # A copy that kept \\n escapes but wrote a quote plainly (" for \\") is not valid JSON:
                    # undo the escapes one by one instead.
                    out.append(_unescape(candidate))
        out.append(candidate)
    return [v for text in out for v in (text, text.rstrip("\n"), text.rstrip())]


def _unescape(text: str) -> str:
    """JSON string escapes (\\n, \\t, \\", \\\\, \\uXXXX) undone in a text that is not valid JSON as a whole."""
    return re.sub(r'\\(u[0-9a-fA-F]{4}|[nt"\\/])',
                  lambda m: chr(int(m[1][1:], 16)) if m[1][0] == "u" else {"n": "\n", "t": "\t"}.get(m[1], m[1]),
                  text)


def present(entry: dict) -> bool:
    path = TEXTS / f"{entry['sha256']}.txt"
    return path.is_file() and _sha(path.read_text(encoding="utf-8")) == entry["sha256"]


def save(key: str, raw: str) -> int:
    """Store `raw` for the entry whose n is `key`, or for every entry whose url is `key` (one address may
    have been indexed at two versions: each is stored only if its sha256 matches)."""
    index = load_index()
    entries = [e for e in index if e["n"] == key] or [e for e in index if e["url"].strip() == key.strip()]
    if not entries:
        print(f"语料索引中没有条目 {key}", file=sys.stderr)
        return 2
    candidates = readings(raw)
    stored = False
    for entry in entries:
        n = entry["n"]
        if present(entry):
            print(f"{n}：已有")
            stored = True
            continue
        text = next((t for t in candidates if _sha(t) == entry["sha256"]), None)
        if text is not None:
            TEXTS.mkdir(parents=True, exist_ok=True)
            (TEXTS / f"{entry['sha256']}.txt").write_text(text, encoding="utf-8")
            print(f"{n}：已保存（{len(text)} 字）")
            stored = True
        else:
            print(f"{n}：与索引的 sha256 不符（索引 {entry.get('chars')} 字，收到 {len(raw.rstrip())} 字），未保存",
                  file=sys.stderr)
    return 0 if stored else 1


def main() -> int:
    ap = argparse.ArgumentParser(description="恢复、检查本地语料文本缓存")
    sub = ap.add_subparsers(dest="cmd", required=True)
    sv = sub.add_parser("save", help="从标准输入保存一条文本（校验 sha256）")
    sv.add_argument("n", help="条目编号（如 A12）或其网址")
    sub.add_parser("status", help="缓存中有多少、缺哪些")
    td = sub.add_parser("todo", help="列出缺少的条目：n、网址、检索词")
    td.add_argument("--chunks", type=int, default=1)
    td.add_argument("--by-query", action="store_true", help="每个检索词一行，后列其缺少的条目")
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
    if args.by_query:
        by_query: dict[str, list[dict]] = {}
        for e in missing:
            by_query.setdefault(e["query"], []).append(e)
        lines = [q + "\t" + "  ".join(f"{e['n']} {e['url']}" for e in es) for q, es in by_query.items()]
    else:
        lines = [f"{e['n']}\t{e['url']}\t{e['query']}" for e in missing]
    for k in range(args.chunks):
        if args.chunks > 1:
            print(f"# {k + 1}/{args.chunks}")
        for line in lines[k::args.chunks]:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
