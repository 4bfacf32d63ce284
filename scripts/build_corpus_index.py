"""Merge the corpus label parts into tests/corpus/index.yaml.

Parts: the shared openings (../shared/corpus/report-openings.yaml, split `dev`: seen while
tuning the vocabulary), part A (split `dev2`: seen while tuning the rules after the
vocabulary was in), part B (split `test`: never looked at while tuning), part C (split `test2`:
collected and labelled blind after the rules were frozen), part D (split `test3`: collected and
labelled blind after part C had been seen), part E (split `dev3`: collected and labelled blind as
development material after test3 was frozen; its errors are read while writing rules), part F (split
`dev4`: collected and labelled blind in the fifth round and held out then; its errors were read in the sixth
round), part G (split `test5`: collected and labelled blind in the sixth round, held out: only totals are
measured), part H (split `test6`: collected and labelled blind in the seventh round, held out likewise), part I
(split `dev5`: collected and labelled blind in the eighth round and held out then; its errors were read in the ninth
round), part J (split `test8`: collected and labelled blind in the ninth round, held out: only totals are
measured), part K (split `dev6`: collected and labelled blind in the tenth round and held out then; its errors
were read in the eleventh), part L (split `dev7`: collected and labelled blind in the eleventh round, held out then;
its errors were read in the twelfth), part M (split `test11`: collected and labelled blind in the twelfth round,
held out), part N (split `dev8`: collected and labelled blind in the twelfth round, measured once, then its errors
read in the same round), part O (split `test12`: collected and labelled blind in the twelfth round, held out and
measured once at the round's end), part P (split `test13`: collected and labelled blind in the thirteenth round, held
out and measured once), part Q (split `test14`: the same in the fourteenth round), part R (split `test15`: the same in the fifteenth round), part T (split `test16`: the same in the sixteenth round), part U (split `test17`: the same in the seventeenth round), part V (split `test18`: the same in the eighteenth round), part W (split `test19`: collected later in the same round, after part V was measured);
parts D, G, H and J (splits `dev9`, `dev10`, `dev11`, `dev12`, formerly `test3`, `test5`, `test6`, `test8`) were held
out until the fifteenth round, which read their item errors (their last held-out figures are in the README),
with the second, independent labels (A-second/B-second/C-second/D-second/E-second) where present, and a third blind
labeller's verdicts where the two disagree (adjudicated.yaml).
Corrections to the shared labels (tests/corpus/parts/shared-corrections.yaml, keyed by the
index's n) are applied on top of them; reasons in tests/corpus/LABEL-CHANGES.md.
Usage: python scripts/build_corpus_index.py [SHARED_YAML]
"""

from __future__ import annotations

import sys
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
PARTS = ROOT / "tests" / "corpus" / "parts"
FIELDS = ["n", "split", "url", "query", "sha256", "chars", "kind", "lookalike", "jurisdiction", "level", "year",
          "published", "outline", "covered", "partial", "structure", "second", "third"]


def _shared_default() -> Path:
    """../shared/corpus/report-openings.yaml beside the checkout (or beside its worktrees folder)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        path = base / "shared" / "corpus" / "report-openings.yaml"
        if path.exists():
            return path
    return ROOT.parent / "shared" / "corpus" / "report-openings.yaml"


def main() -> None:
    yaml = YAML(typ="safe")
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else _shared_default()
    rows = []
    corrections_path = PARTS / "shared-corrections.yaml"
    corrections = {c["n"]: c for c in yaml.load(corrections_path.read_text(encoding="utf-8")) or []} \
        if corrections_path.exists() else {}
    for r in yaml.load(shared.read_text(encoding="utf-8")):
        n = f"S{r['n']}"
        fix = {k: v for k, v in corrections.get(n, {}).items() if k != "n"}
        rows.append({**r, **fix, "n": n, "split": "dev"})
    for part, split in (("A", "dev2"), ("B", "test"), ("C", "test2"), ("D", "dev9"), ("E", "dev3"),
                        ("F", "dev4"), ("G", "dev10"), ("H", "dev11"), ("I", "dev5"), ("J", "dev12"), ("K", "dev6"), ("L", "dev7"),
                        ("M", "test11"), ("N", "dev8"), ("O", "test12"), ("P", "test13"), ("Q", "test14"), ("R", "test15"), ("T", "test16"), ("U", "test17"), ("V", "test18"), ("W", "test19"), ("X", "dev13"), ("Y", "test21"), ("Z", "test22"), ("AA", "test23"), ("AB", "test24"), ("AC", "test25"), ("AD", "test26")):
        path = PARTS / f"{part}.yaml"
        if not path.exists():
            continue
        second = {}
        sp = PARTS / f"{part}-second.yaml"
        if sp.exists():
            second = {s["n"]: s for s in yaml.load(sp.read_text(encoding="utf-8")) or []}
        for r in yaml.load(path.read_text(encoding="utf-8")):
            row = {**r, "split": split}
            if r["n"] in second:
                s = second[r["n"]]
                row["second"] = {k: s.get(k) or [] for k in ("covered", "partial", "structure")}
            rows.append(row)
    # A third, blind labeller's verdicts on the items where the first two disagree (covered or not).
    third: dict[str, dict[str, str]] = {}
    tp = PARTS / "adjudicated.yaml"
    if tp.exists():
        for c in yaml.load(tp.read_text(encoding="utf-8")) or []:
            third.setdefault(c["n"], {})[c["item"]] = c["verdict"]
    for r in rows:
        if r["n"] in third:
            r["third"] = dict(sorted(third[r["n"]].items()))
    out = []
    for r in rows:
        out.append({k: r[k] for k in FIELDS if k in r})
    dump = YAML()
    dump.default_flow_style = False
    dump.width = 4096
    dest = ROOT / "tests" / "corpus" / "index.yaml"
    with dest.open("w", encoding="utf-8") as fh:
        fh.write("# Corpus of real report openings: addresses, hashes and labels only (the texts are third-party\n"
                 "# copies kept in the ignored .corpus/texts/<sha256>.txt; rebuild them by running each `query` with\n"
                 "# the search tool and saving the result whose url matches; the sha256 checks the copy).\n"
                 "# split: dev = seen while tuning vocabulary; dev2 = seen while tuning rules; test = held out; test2 = collected and\n"
                 "# labelled blind after the rules were frozen; test3 = collected and labelled blind after test2 had been seen;\n"
                 "# dev3 = collected and labelled blind as development material after test3 was frozen; its errors are read\n"
                 "# while writing rules; dev4 = collected and labelled blind in the fifth round, its errors read in the sixth;\n"
                 "# test5 = collected and labelled blind in the sixth round, held out: only totals are measured;\n"
                 "# test6 = the same for the seventh round; dev5 = collected and labelled blind in the eighth round, its errors\n"
                 "# read in the ninth; test8 = collected and labelled blind in the ninth round, held out; dev6 = collected and\n"
                 "# labelled blind in the tenth round, its errors read in the eleventh; dev7 = collected and labelled blind in the\n"
                 "# eleventh round, its errors read in the twelfth; test11 = collected and labelled blind in the twelfth round,\n"
                 "# held out; dev8 = collected and labelled blind in the twelfth round, measured once, then its errors read;\n"
                 "# test12 = collected and labelled blind in the twelfth round, held out, measured once at the round's end;\n"
                 "# test13 = collected and labelled blind in the thirteenth round, held out, measured once; test14 = the same in the\n"
                 "# fourteenth round; test15 = the same in the fifteenth round; dev9/dev10/dev11/dev12 = parts D/G/H/J, held out\n"
                 "# as test3/test5/test6/test8 until the fifteenth round, which read their item errors; test16-test19 = parts T-W, held\n"
                 "# out, each measured once; dev13 = part X, held out as test20 for its one measure in the nineteenth round, then read;\n"
                 "# test21 = part Y, collected after part X was read, held out, measured once with the nineteenth round's item rules;\n"
                 "# test22 = part Z, collected after part Y's measure, held out, measured once with the same item rules;\n"
                 "# test23 = part AA, collected and labelled blind at the start of the twentieth round, held out, measured once;\n"
                 "# test24 = part AB, collected after part AA's measure, held out, measured once with the round's code;\n"
                 "# test25 = part AC, collected after part AB's measure, held out, measured once with the round's final code;\n"
                 "# test26 = part AD, a small part collected after part AC's measure, held out, measured once with the same code.\n"
                 "# covered/partial/structure: first\n"
                 "# labeller; second: an independent second labeller; third: a third blind labeller's verdict on the items\n"
                 "# where the first two disagree (covered or not). Built by scripts/build_corpus_index.py.\n")
        dump.dump(out, fh)
    print(f"{len(out)} entries -> {dest}")


if __name__ == "__main__":
    main()
