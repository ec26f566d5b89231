"""How much of what the synthetic articles state the extractor reads, and what else it reads.

In: a seed and a number of articles (generated in memory, as :mod:`benchmarks.generate`
writes them). Out: per kind of fact, how many of the stated facts :func:`kg.extraction.extract.extract_article`
found (recall) and how many of its facts no article stated (extra), with examples of misses,
and any article the extractor failed on.

    python benchmarks/recall.py --count 500 --seed 1 --show 3
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections import Counter
from decimal import Decimal
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import Fact, generate_article  # noqa: E402
from benchmarks.world import build_world  # noqa: E402
from kg.extraction.extract import extract_article  # noqa: E402
from kg.extraction.model import ArticleFacts  # noqa: E402
from kg.reading.gazetteer import default_gazetteer  # noqa: E402
from kg.reading.reader import parse_article  # noqa: E402

KINDS = ("visit", "meeting", "agreement", "relation", "membership", "trade")


def _same_name(a: str, b: str) -> bool:
    return a == b or a in b or b in a


def _dates_agree(stated: object, read: str | None) -> bool:
    if stated is None:
        return True
    return read is not None and (str(stated).startswith(read) or read.startswith(str(stated)))


def found(fact: Fact, got: ArticleFacts) -> bool:
    """True when the extractor read ``fact`` from its article."""
    kind = fact["type"]
    if kind == "visit":
        return any(_same_name(str(fact["guest"]), v.guest) and v.host_state == fact["host_state"]
                   and v.status == fact["status"] and _dates_agree(fact["start"], v.start) for v in got.visits)
    if kind == "meeting":
        want = set(map(str, fact["participants"]))  # type: ignore[call-overload]
        return any(len(m.participants) == 2 and all(any(_same_name(w, p) for p in m.participants) for w in want)
                   and m.status == fact["status"] and _dates_agree(fact["date"], m.date) for m in got.meetings)
    if kind == "agreement":
        return any(_same_name(str(fact["name"]), a.name) and a.status == fact["status"] for a in got.agreements)
    if kind == "relation":
        return any(fact["state"] in r.states and r.established == fact["date"] for r in got.relations)
    if kind == "membership":
        return any(m.state == fact["state"] and m.organisation == fact["org"] for m in got.memberships)
    if kind == "trade":
        return any(fact["state"] in t.states and t.year == fact["year"] and Decimal(str(t.usd)) == Decimal(str(fact["usd"]))
                   for t in got.trade)
    raise ValueError(kind)


def extra(facts: list[Fact], got: ArticleFacts) -> Counter[str]:
    """Visits and meetings the extractor read that the article did not state."""
    out: Counter[str] = Counter()
    for v in got.visits:
        if not any(f["type"] == "visit" and _same_name(str(f["guest"]), v.guest) and f["host_state"] == v.host_state
                   for f in facts):
            out["visit"] += 1
    for m in got.meetings:
        if not any(f["type"] == "meeting" and all(any(_same_name(str(w), p) for w in f["participants"])  # type: ignore[attr-defined]
                                                   for p in m.participants) for f in facts):
            out["meeting"] += 1
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=3, help="misses to print per kind of fact")
    args = parser.parse_args(argv)
    world = build_world(args.seed)
    gazetteer = default_gazetteer()
    stated: Counter[str] = Counter()
    read: Counter[str] = Counter()
    extras: Counter[str] = Counter()
    misses: dict[str, list[str]] = {k: [] for k in KINDS}
    crashes = 0
    for index in range(args.count):
        text, facts = generate_article(world, index)
        stem = f"{index:06d}_synth"
        try:
            got = extract_article(parse_article(text, stem), gazetteer)
        except Exception:  # report the article that breaks the extractor, and go on
            crashes += 1
            print(f"CRASH on {stem}:\n{text}\n{traceback.format_exc()}", file=sys.stderr)
            continue
        for fact in facts:
            stated[str(fact["type"])] += 1
            if found(fact, got):
                read[str(fact["type"])] += 1
            elif len(misses[str(fact["type"])]) < args.show:
                misses[str(fact["type"])].append(f"{stem}: {fact}")
        extras.update(extra(facts, got))
    print(f"{args.count} articles, seed {args.seed}, {crashes} extractor crashes")
    print(f"{'fact':<12} {'stated':>7} {'read':>7} {'recall':>7} {'extra':>7}")
    for kind in KINDS:
        share = read[kind] / stated[kind] if stated[kind] else 0.0
        print(f"{kind:<12} {stated[kind]:>7} {read[kind]:>7} {share:>7.1%} {extras.get(kind, 0):>7}")
    total = sum(stated.values())
    print(f"{'all':<12} {total:>7} {sum(read.values()):>7} {sum(read.values()) / max(total, 1):>7.1%}")
    for lines in misses.values():
        for line in lines:
            print(f"missed {line}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
