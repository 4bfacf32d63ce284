"""Does dropping an item's phrases that the labels often disagree with generalise? Leave-one-part-out.

For each read part in turn: from the other read parts, find each (item, phrase) that was the only phrase
behind a covered verdict in at least MIN_N reports and whose such verdicts the first labeller calls covered
less often than THETA; drop those verdicts in the held-out part (the verdict a checklist without the phrase
would give, to a first approximation: the item loses the one phrase it stood on). Prints covered-vs-not
P/R/F1 pooled over the held-out parts, with and without the pruning.

  .venv/bin/python scripts/cv_pruned_phrases.py [MIN_N THETA]   # default 3 0.4

Needs the local corpus cache (.corpus/texts); scores the 371 read reports once (~15 s). Fourteenth round: no
setting helped (README, Accuracy), as the thirteenth found for mined vocabulary (cv_mined_terms.py).
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TEXTS = ROOT / ".corpus" / "texts"
READ = {"dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "test", "test2"}  # item errors read


def cells(entries: list[dict]) -> dict[tuple[str, str], str | None]:
    """(report, item) -> for a covered verdict the one phrase all its evidence matched (None when several);
    items not covered are absent."""
    from scorer.analysis.pipeline import score_file

    out: dict[tuple[str, str], str | None] = {}
    for e in entries:
        for it in score_file(TEXTS / f"{e['sha256']}.txt", e["outline"]).items:
            if it.status.value == "covered":
                phrases = {m.rule for ev in it.evidence for m in ev.matched}
                out[(e["n"], it.id)] = next(iter(phrases)) if len(phrases) == 1 else None
    return out


def prf(c: Counter) -> str:
    p, r = c["tp"] / (c["tp"] + c["fp"]), c["tp"] / (c["tp"] + c["fn"])
    return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r):.3f} (TP {c['tp']} FP {c['fp']} FN {c['fn']})"


def main() -> None:
    min_n, theta = (int(sys.argv[1]), float(sys.argv[2])) if len(sys.argv) > 2 else (3, 0.4)
    index = YAML(typ="safe").load((ROOT / "tests" / "corpus" / "index.yaml").read_text(encoding="utf-8"))
    entries = [e for e in index if e.get("kind") == "report" and e["split"] in READ
               and (TEXTS / f"{e['sha256']}.txt").exists()]
    got = cells(entries)
    totals = {"base": Counter(), "pruned": Counter()}
    for held in sorted(READ):
        stats: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        for e in entries:
            if e["split"] == held:
                continue
            for (n, item), phrase in got.items():
                if n == e["n"] and phrase is not None:
                    stats[(item, phrase)][0] += 1
                    stats[(item, phrase)][1] += item in (e.get("covered") or [])
        pruned = {k for k, (n, right) in stats.items() if n >= min_n and right / n < theta}
        for e in entries:
            if e["split"] != held:
                continue
            labelled = set(e.get("covered") or [])
            items = {item for (n, item) in got if n == e["n"]} | labelled
            for item in items:
                covered = (e["n"], item) in got
                kept = covered and (item, got[(e["n"], item)]) not in pruned
                for name, pred in (("base", covered), ("pruned", kept)):
                    truth = item in labelled
                    totals[name]["tp" if pred and truth else "fp" if pred else "fn" if truth else "tn"] += 1
    for name, c in totals.items():
        print(f"{name:7s} {prf(c)}")


if __name__ == "__main__":
    main()
