"""Does vocabulary mined from the corpus labels generalise? Leave-one-part-out on the read parts.

For each read part in turn: mine, from the other read parts, the words (jieba) and word pairs that occur in
reports labelled covered for an item — in at least MIN_POS such reports from at least two parts, with precision
at least THETA and a lift over the item's base rate of at least LIFT, and in at most MAX_DF of the reports —
add them to the item's phrases in a temporary copy of the checklists, and score the held-out part with them.
Prints covered-vs-not P/R/F1 pooled over the held-out parts, with and without the mined terms (first labeller).

  .venv/bin/python scripts/cv_mined_terms.py [MIN_POS THETA LIFT MAX_DF]   # default 4 0.8 3 0.2

Needs the local corpus cache (.corpus/texts). Thirteenth round: no setting helped (README, Accuracy).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / ".corpus" / "texts"
READ = {"dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "test", "test2"}  # item errors read
CJK = re.compile(r"^[\u4e00-\u9fff]+$")

SCORE_PART = r"""
import json, sys
from scorer.analysis.pipeline import score_file
out = {}
for n, path, outline in json.loads(sys.argv[1]):
    out[n] = {it.id: it.status.value for it in score_file(path, outline).items}
print(json.dumps(out))
"""


def terms_of(text: str) -> set[str]:
    import jieba

    if not getattr(terms_of, "ready", False):  # the checklists' own terms as words (放管服, 三项制度 …)
        jieba.setLogLevel(60)
        jieba.load_userdict(str(ROOT / "checklists" / "terms.txt"))
        terms_of.ready = True
    toks = jieba.lcut(text)
    out = set()
    for i, t in enumerate(toks):
        if CJK.match(t) and len(t) >= 2:
            out.add(t)
        if i + 1 < len(toks) and CJK.match(t) and CJK.match(toks[i + 1]) and len(t + toks[i + 1]) >= 3:
            out.add(t + toks[i + 1])
    return out


def score(entries: list[dict], checklists: Path | None) -> dict[str, dict[str, str]]:
    env = dict(os.environ, SCORER_NO_CACHE="1")
    if checklists:
        env["SCORER_CHECKLISTS"] = str(checklists)
    arg = json.dumps([(e["n"], str(TEXTS / f"{e['sha256']}.txt"), e["outline"]) for e in entries])
    out = subprocess.run([sys.executable, "-c", SCORE_PART, arg], env=env, cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out)


def mine(train: list[dict], base: dict, terms: dict, items_of: dict, min_pos, theta, lift, max_df) -> dict:
    mined = defaultdict(list)
    for outline, items in items_of.items():
        docs = [e for e in train if e["outline"] == outline]
        df = Counter(t for e in docs for t in terms[e["n"]])
        for it in items:
            pos = [e for e in docs if it in (e.get("covered") or [])]
            if not pos:
                continue
            rate = len(pos) / len(docs)
            missed = Counter(t for e in pos if base[e["n"]].get(it) != "covered" for t in terms[e["n"]])
            for t, p in Counter(t for e in pos for t in terms[e["n"]]).items():
                if p < min_pos or not missed[t] or df[t] / len(docs) > max_df:
                    continue
                if p / df[t] < theta or p / df[t] / rate < lift:
                    continue
                if len({e["split"] for e in pos if t in terms[e["n"]]}) >= 2:
                    mined[it].append(t)
    return mined


def with_terms(mined: dict, folder: Path) -> None:
    shutil.copytree(ROOT / "checklists", folder)
    for name in ("outline-2015.yaml", "outline-2021.yaml"):
        path = folder / name
        lines, item = path.read_text(encoding="utf-8").split("\n"), None
        for i, line in enumerate(lines):
            m = re.match(r"  - id: (\S+)", line)
            item = m.group(1) if m else item
            if line.startswith("    phrases: [") and mined.get(item):
                lines[i] = line.replace("phrases: [", "phrases: [" + ", ".join(mined[item]) + ", ", 1)
        path.write_text("\n".join(lines), encoding="utf-8")


def prf(pred: dict, by_n: dict) -> str:
    tp = fp = fn = 0
    for n, items in pred.items():
        for it, st in items.items():
            gold, got = it in (by_n[n].get("covered") or []), st == "covered"
            tp += got and gold
            fp += got and not gold
            fn += gold and not got
    p, r = tp / (tp + fp), tp / (tp + fn)
    return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r):.3f} (TP {tp} FP {fp} FN {fn})"


def main() -> None:
    min_pos, theta, lift, max_df = (float(x) for x in (sys.argv[1:5] or (4, 0.8, 3, 0.2)))
    index = YAML(typ="safe").load((ROOT / "tests" / "corpus" / "index.yaml").read_text(encoding="utf-8"))
    read = [e for e in index if e.get("kind") == "report" and e["split"] in READ
            and (TEXTS / f"{e['sha256']}.txt").is_file()]
    by_n = {e["n"]: e for e in read}
    terms = {e["n"]: terms_of((TEXTS / f"{e['sha256']}.txt").read_text(encoding="utf-8")) for e in read}
    base = score(read, None)
    items_of = defaultdict(set)
    for e in read:
        items_of[e["outline"]] |= set(base[e["n"]])
    pred, count = {}, 0
    for part in sorted(READ):
        held = [e for e in read if e["split"] == part]
        mined = mine([e for e in read if e["split"] != part], base, terms, items_of, min_pos, theta, lift, max_df)
        count += sum(map(len, mined.values()))
        with tempfile.TemporaryDirectory(prefix="scorer-cv-") as tmp:
            with_terms(mined, Path(tmp) / "checklists")
            pred.update(score(held, Path(tmp) / "checklists"))
    print(f"{len(read)} reports in {len(READ)} read parts; {count / len(READ):.0f} mined terms per fold")
    print("without mined terms:", prf(base, by_n))
    print("with mined terms:   ", prf(pred, by_n))


if __name__ == "__main__":
    main()
