"""A corpus of real prose of any size, for benchmarking ``kg build`` on text the reader was not
written for: the real articles of the shared corpora, each copy with other people and years.

In: a folder of corpora (default ``../shared/corpus`` beside the checkout: the article ``.txt``
files of its ``seeds``, ``dev`` and ``dev2`` folders), a seed and a number of articles. Out:
``NNNNNN_real.txt`` files and ``corpus.json`` (as :mod:`benchmarks.generate` writes it, so
``benchmarks/run.py`` reuses a corpus that is already there).

Article ``i`` is made from source article ``i mod S`` (the S sources in name order):

- every person the extractor finds in the source (:func:`kg.extraction.extract.extract_article`)
  gets another name, the same one wherever the article names them: a Vietnamese name for a
  person with one, else a name in the naming habits of their state (:mod:`benchmarks.names`).
  The spellings the extractor found are changed whole, and the words of a foreign name that
  cannot be Vietnamese syllables one at a time too (a surname used alone changes with the name).
  New names come from a fixed pool per naming habit and name length, so people recur across
  articles as in real news;
- every year from 1945 to 2030 (alone, in ``dd/mm/yyyy`` or ``yyyy-mm-dd``) moves by the same
  number of years within the article, a multiple of 4 so a 29 February stays a day.

The same seed and index give the same bytes whatever the count: a corpus of 1,000 is the first
1,000 articles of one of 10,000. No text of the sources is kept anywhere but in the output
folder, which is the caller's (git ignores ``benchmarks/out/``).

    python benchmarks/realtext.py --count 10000 --seed 1 --out benchmarks/out/real-10000-s1
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python benchmarks/realtext.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import corpus_is_current as generated_is_current  # noqa: E402
from benchmarks.generate import seal_corpus  # noqa: E402
from benchmarks.names import (  # noqa: E402
    REGION_OF,
    STYLES,
    VN_GIVEN_F,
    VN_GIVEN_M,
    VN_MIDDLE_F,
    VN_MIDDLE_M,
    VN_SURNAMES,
    Style,
    foreign_token,
)

GENERATOR_VERSION = "real-1"
SUFFIX = "_real.txt"
SOURCE_FOLDERS = ("seeds", "dev", "dev2")
# The shared corpora lie beside the checkout (or beside the folder that holds a worktree).
_HERE = Path(__file__).resolve()
DEFAULT_SOURCES = next((p / "shared" / "corpus" for p in _HERE.parents if (p / "shared" / "corpus").is_dir()),
                       _HERE.parent.parent.parent / "shared" / "corpus")
POOL = 400  # names per naming habit and name length: people recur across articles
FEMALE_SHARE = 0.2
SHIFTS = tuple(range(-40, 0, 4)) + (4,)  # years a copy moves by: never 0, a multiple of 4
YEAR = re.compile(r"(?<![\d.,])(19[4-9]\d|20[0-2]\d|2030)(?![\d]|[.,]\d)")


@dataclass(frozen=True)
class SourcePerson:
    """A person of a source article, as the extractor found them."""

    spellings: tuple[str, ...]  # the fullest name first
    state: str | None
    vietnamese: bool


@dataclass(frozen=True)
class Source:
    name: str
    text: str  # as the reader reads it (NFC, one tone-mark placement)
    people: tuple[SourcePerson, ...]


def source_files(folder: Path = DEFAULT_SOURCES) -> list[Path]:
    """The article files of the corpora in ``folder``, in name order within each corpus."""
    return [p for sub in SOURCE_FOLDERS for p in sorted((folder / sub / "articles").glob("*.txt"))]


def read_sources(folder: Path = DEFAULT_SOURCES) -> list[Source]:
    """Each source article with the people the extractor finds in it."""
    from kg.extraction.extract import extract_article
    from kg.reading.gazetteer import default_gazetteer
    from kg.reading.reader import decode, normalise_text, page_text, parse_article

    files = source_files(folder)
    if not files:
        raise SystemExit(f"no articles in {folder}/{{{','.join(SOURCE_FOLDERS)}}}/articles")
    gazetteer = default_gazetteer()
    sources = []
    for path in files:
        text = normalise_text(page_text(decode(path.read_bytes(), str(path))))
        facts = extract_article(parse_article(text, path.stem, str(path)), gazetteer)
        people = tuple(SourcePerson(tuple(dict.fromkeys((p.name, *p.spellings))), p.state, p.vietnamese_name)
                       for p in facts.people)
        sources.append(Source(f"{path.parent.parent.name}/{path.name}", text, people))
    return sources


# ---------------------------------------------------------------- names

def _pool_rng(seed: int, *key: object) -> random.Random:
    return random.Random(hashlib.sha256(repr((seed, *key)).encode("utf-8")).digest())


def vietnamese_tokens(length: int, rng: random.Random) -> list[str]:
    """A Vietnamese name of ``length`` words: surname, middle names, given name."""
    female = rng.random() < FEMALE_SHARE
    middles = list(VN_MIDDLE_F if female else VN_MIDDLE_M)
    given = rng.choice(VN_GIVEN_F if female else VN_GIVEN_M)
    if length <= 1:
        return [given]
    return [rng.choice(VN_SURNAMES), *rng.sample(middles, min(length - 2, len(middles))), given][:length]


def foreign_tokens(style: Style, length: int, rng: random.Random) -> list[str]:
    """A foreign name of ``length`` words in a region's style: given names, then a surname
    (or surname first where the region writes it so)."""
    female = rng.random() < FEMALE_SHARE
    given = list(style.female if female else style.male)
    surname = rng.choice(style.roots) + (rng.choice(style.endings) if style.endings else "")
    if female and style.female_ending:
        for male_end, female_end in style.female_ending.items():
            if surname.endswith(male_end):
                surname = surname[: -len(male_end)] + female_end
                break
    if length <= 1:
        return [surname]
    firsts = rng.sample(given, min(length - 1, len(given)))
    while len(firsts) < length - 1:
        firsts.append(rng.choice(style.roots) + "a")
    return [surname, *firsts] if style.surname_first else [*firsts, surname]


def pooled_name(seed: int, person: SourcePerson, length: int, rng: random.Random) -> list[str]:
    """One of the :data:`POOL` names of the person's naming habit and name length."""
    slot = rng.randrange(POOL)
    if person.vietnamese:
        return vietnamese_tokens(length, _pool_rng(seed, "vn", length, slot))
    region = REGION_OF.get(person.state or "", "anglo")
    return foreign_tokens(STYLES[region], length, _pool_rng(seed, region, length, slot))


# ---------------------------------------------------------------- one article

def _word(text: str) -> str:
    return r"(?<!\w)" + re.escape(text) + r"(?!\w)"


def replacements(people: tuple[SourcePerson, ...], seed: int, rng: random.Random) -> dict[str, str]:
    """What each name (a Vietnamese one whole, a foreign one word by word) becomes in one copy."""
    out: dict[str, str] = {}
    for person in people:
        full = person.spellings[0].split()
        new = pooled_name(seed, person, len(full), rng)
        for spelling in person.spellings:
            # a spelling is the full name, part of it, or its words in another order
            out.setdefault(spelling, " ".join(new[full.index(w)] if w in full else w for w in spelling.split()))
        if not person.vietnamese:  # "Mirzaev" alone, where "Ban" could be a word ("Trưởng Ban")
            for old, replacement in zip(full, new, strict=True):
                if foreign_token(old):
                    out.setdefault(old, replacement)
    return {old: new for old, new in out.items() if old and old != new}


def copy_article(source: Source, index: int, seed: int) -> str:
    """Copy ``index`` of a source article: other people, years moved."""
    rng = _pool_rng(seed, "article", index)
    names = replacements(source.people, seed, rng)
    text = source.text
    if names:
        pattern = re.compile("|".join(_word(old) for old in sorted(names, key=len, reverse=True)))
        text = pattern.sub(lambda m: names[m.group(0)], text)
    shift = rng.choice(SHIFTS)
    return YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)


# ---------------------------------------------------------------- the corpus

def write_corpus(out_dir: Path, count: int, seed: int, sources_dir: Path = DEFAULT_SOURCES) -> list[Path]:
    """Write ``count`` articles into ``out_dir`` (removing older ones beyond them)."""
    sources = read_sources(sources_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        source = sources[index % len(sources)]
        path = out_dir / f"{index:06d}{SUFFIX}"
        path.write_bytes(copy_article(source, index, seed).encode("utf-8"))
        paths.append(path)
    seal_corpus(out_dir, paths, SUFFIX, {"generator": GENERATOR_VERSION, "seed": seed, "count": count,
                                         "sources": len(sources)})
    return paths


def corpus_is_current(out_dir: Path, count: int, seed: int) -> bool:
    """True when ``out_dir`` holds this corpus for this seed and count, as it was written."""
    return generated_is_current(out_dir, count, seed, SUFFIX, GENERATOR_VERSION)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Real articles with other people and years, any number of them.")
    parser.add_argument("--count", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/real"), help="output folder")
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES,
                        help=f"folder of corpora, each with articles/ (default {DEFAULT_SOURCES})")
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("--count must be 0 or more")
    start = time.perf_counter()
    paths = write_corpus(args.out, args.count, args.seed, args.sources)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} articles ({size / 1e6:.1f} MB) to {args.out} in {time.perf_counter() - start:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
