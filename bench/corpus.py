"""Deterministic large inputs for the benchmarks, made from real prose.

The sentences come from the sample pair (seeds/original.txt and seeds/rewrite.txt) and the
Aesop fables in ../shared/data/aesop_dev.jsonl, read when a benchmark runs (never copied into
the repository). ``make_pair(n)`` gives an original of about ``n`` sentences in paragraphs and
a rewrite edited the way editors edit, all from one seeded random generator:

* most sentences kept, some reworded (synonyms swapped, a filler word dropped), some split at
  a comma, some merged with the next, a few cut;
* some paragraphs omitted, some moved elsewhere, some new ones added.

The pool holds about 1,100 distinct sentences; past that, sentences come back as variants (a
time phrase in front, a name changed, a clause after) so that every sentence of a 20,000
sentence document is distinct, as in a real book: repeats would hit the embedding cache and
flatter the benchmark.

    python bench/corpus.py 5000 /tmp/left.txt /tmp/right.txt   # write a pair to look at
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
AESOP_NAME = Path("shared") / "data" / "aesop_dev.jsonl"


def find_aesop(root: Path = ROOT) -> Path:
    """The Aesop fables: ``$ARTICLE_DIFF_AESOP``, else ``shared/data/aesop_dev.jsonl`` in the
    checkout's parent or any folder above it, so that a git worktree (``/work/wt/NAME``) finds
    ``/work/shared`` as the main checkout does. Looking in the parent only made a worktree's
    pairs from the 61 sentences of the sample pair alone: other texts, 1.5 times longer (the
    20,000 pair went over the readers' 3,000,000-character limit, so the window refused it)."""
    named = os.environ.get("ARTICLE_DIFF_AESOP")
    if named:
        return Path(named)
    for folder in root.parents:
        if (folder / AESOP_NAME).is_file():
            return folder / AESOP_NAME
    return root.parent / AESOP_NAME


AESOP = find_aesop()

SYNONYMS = {
    "said": "stated", "says": "states", "told": "informed", "big": "large", "small": "little",
    "began": "started", "begin": "start", "quickly": "rapidly", "very": "extremely",
    "went": "headed", "saw": "noticed", "looked": "peered", "great": "huge", "help": "assist",
    "wanted": "wished", "asked": "inquired", "thought": "believed", "found": "discovered",
    "many": "numerous", "people": "persons", "country": "nation", "officials": "authorities",
    "would": "could", "soon": "shortly", "also": "too", "make": "create", "end": "finish",
    "friend": "companion", "old": "aged", "home": "house", "fight": "battle", "angry": "furious",
    "afraid": "scared", "happy": "glad", "answered": "replied", "showed": "revealed",
}
FILLERS = frozenset(["very", "just", "really", "then", "so", "also", "quite", "still", "even", "now"])
TIME_PHRASES = (
    "In the spring,", "Years later,", "On Tuesday,", "That evening,", "Before dawn,",
    "By the next morning,", "Meanwhile,", "Later that week,", "In the end,", "At first,",
    "Some time afterwards,", "Once again,", "During the winter,", "After the meeting,",
    "Not long after,", "On the third day,", "In the valley,", "Near the river,",
    "According to witnesses,", "In a statement,", "At the market,", "Far from the city,",
)
NAMES = (
    "Amara", "Boris", "Chen", "Dolores", "Emeka", "Farah", "Gustav", "Hana", "Ibrahim", "Jonas",
    "Keiko", "Lars", "Mireille", "Nikos", "Oluwaseun", "Priya", "Quentin", "Rosa", "Soren",
    "Tamar", "Ulrich", "Valentina", "Wanjiru", "Xavier", "Yusuf", "Zofia",
)
CLAUSES = (
    ", or so the story goes.", ", witnesses said.", ", according to the report.",
    ", as everyone expected.", ", though few believed it.", ", the officials added.",
    ", which surprised no one.", ", at least for a while.", ", as the elders tell it.",
    ", to the dismay of many.", ", in the words of one observer.", ", the record shows.",
)
_WORD = re.compile(r"[A-Za-z]+")
_CAPITAL = re.compile(r"(?<=\s)[A-Z][a-z]{2,}")


@lru_cache(maxsize=1)
def pool() -> tuple[str, ...]:
    """Every distinct sentence of the sample pair and the Aesop fables, in a fixed order."""
    sys.path.insert(0, str(ROOT))
    from viewer.engine.segment import split_sentences
    from viewer.services.documents import read_document

    out: list[str] = []
    for name in ("original.txt", "rewrite.txt"):
        path = SEEDS / name
        if path.is_file():
            out += [s.text for s in split_sentences(read_document(path))]
    if AESOP.is_file():
        for line in AESOP.read_text(encoding="utf-8").splitlines():
            if line.strip():
                pair = json.loads(line)
                out += [s.replace("\n", " ") for s in pair["left"] + pair["right"]]
    keep = [" ".join(s.split()) for s in out]
    keep = [s for s in keep if 20 <= len(s) <= 400]
    if not keep:
        raise SystemExit("no prose found: seeds/ and ../shared/data/aesop_dev.jsonl are missing")
    return tuple(dict.fromkeys(keep))


def describe() -> str:
    """Where the pool came from, for a benchmark's header: figures are comparable only when
    both runs had the fables."""
    found = f"Aesop {AESOP}" if AESOP.is_file() else f"NO Aesop ({AESOP} missing)"
    return f"corpus: seeds + {found}, {len(pool()):,} distinct sentences"


def variant(sentence: str, k: int) -> str:
    """The ``k``-th distinct variant of ``sentence`` (k = 0: the sentence itself)."""
    if k == 0:
        return sentence
    phrase = TIME_PHRASES[k % len(TIME_PHRASES)]
    name = NAMES[(k // len(TIME_PHRASES)) % len(NAMES)]
    clause = CLAUSES[(k // (len(TIME_PHRASES) * len(NAMES))) % len(CLAUSES)]
    body, swapped = _CAPITAL.subn(name, sentence, count=1)
    if not swapped:  # no name to change: the name goes in front instead
        phrase = f"{phrase} as {name} recalled,"
    if body[:2].istitle() and not body.startswith("I "):
        body = body[0].lower() + body[1:]
    end = body.rstrip()
    if end.endswith(".") and not end.endswith(".."):
        end = end[:-1] + clause
    return f"{phrase} {end}"


def reword(sentence: str, rng: random.Random) -> str:
    """Swap a synonym or two and drop a filler word: a sentence an editor touched."""
    words = sentence.split(" ")
    changed = 0
    for n, w in enumerate(words):
        bare = _WORD.fullmatch(w.lower().strip(",.;:!?\"'"))
        key = bare.group(0) if bare else ""
        if key in SYNONYMS and rng.random() < 0.7:
            words[n] = w.replace(key, SYNONYMS[key]) if w.islower() else w
            changed += 1
        elif key in FILLERS and rng.random() < 0.5 and n > 0:
            words[n] = ""
            changed += 1
    if not changed and len(words) > 6:  # nothing to swap: drop a word in the middle
        words[len(words) // 2] = ""
    return " ".join(w for w in words if w)


def split_at_comma(sentence: str) -> list[str]:
    """Two sentences where the original had one clause boundary, as rewrites often do."""
    cut = sentence.find(", ", len(sentence) // 3)
    if cut < 0 or cut > len(sentence) - 20:
        return [sentence]
    first, rest = sentence[:cut] + ".", sentence[cut + 2 :]
    return [first, rest[0].upper() + rest[1:]]


@dataclass(frozen=True)
class Pair:
    """An original and a rewrite, as the paragraphs of each and their full text."""

    left: list[list[str]]
    right: list[list[str]]

    @property
    def left_text(self) -> str:
        return "\n\n".join(" ".join(p) for p in self.left) + "\n"

    @property
    def right_text(self) -> str:
        return "\n\n".join(" ".join(p) for p in self.right) + "\n"

    @property
    def left_count(self) -> int:
        return sum(len(p) for p in self.left)

    @property
    def right_count(self) -> int:
        return sum(len(p) for p in self.right)


def original(n: int, seed: int = 1) -> list[list[str]]:
    """About ``n`` distinct sentences of the pool in paragraphs of 2 to 6."""
    rng = random.Random(seed)
    base = list(pool())
    rng.shuffle(base)
    sentences: list[str] = []
    seen: set[str] = set()
    for t in range(n):
        k = t // len(base)
        text = variant(base[t % len(base)], k)
        while text in seen:  # a variant that changed nothing (no capital, no final stop)
            k += 101
            text = variant(base[t % len(base)], k)
        seen.add(text)
        sentences.append(text)
    paragraphs, t = [], 0
    while t < len(sentences):
        size = rng.randint(2, 6)
        paragraphs.append(sentences[t : t + size])
        t += size
    return paragraphs


def make_pair(n: int, seed: int = 1) -> Pair:
    """An original of ``n`` sentences and its deterministic rewrite (see the module doc)."""
    rng = random.Random(seed * 7919 + n)
    left = original(n, seed)
    fresh = [variant(s, 999 + k) for k, s in enumerate(pool())]  # never in the original
    rng.shuffle(fresh)
    right: list[list[str]] = []
    moved: list[list[str]] = []
    for para in left:
        roll = rng.random()
        if roll < 0.04:
            continue  # omitted
        out: list[str] = []
        t = 0
        while t < len(para):
            s = para[t]
            r = rng.random()
            if r < 0.50:
                out.append(s)
            elif r < 0.80:
                out.append(reword(s, rng))
            elif r < 0.88:
                out.extend(split_at_comma(s))
            elif r < 0.94 and t + 1 < len(para):
                out.append(s.rstrip(".") + ", and " + para[t + 1][0].lower() + para[t + 1][1:])
                t += 1
            elif r < 0.97:
                pass  # cut
            else:
                out.append(s)
            t += 1
        if not out:
            continue
        if roll < 0.07:
            moved.append(out)  # goes back in further on
        else:
            right.append(out)
        if rng.random() < 0.05 and fresh:
            right.append([fresh.pop() for _ in range(min(len(fresh), rng.randint(2, 4)))])
        if moved and rng.random() < 0.1:
            right.append(moved.pop(0))
    right.extend(moved)
    return Pair(left, right)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    pair = make_pair(n)
    if len(sys.argv) > 3:
        Path(sys.argv[2]).write_text(pair.left_text, encoding="utf-8")
        Path(sys.argv[3]).write_text(pair.right_text, encoding="utf-8")
    print(f"pool {len(pool())} sentences; original {pair.left_count} sentences in "
          f"{len(pair.left)} paragraphs, rewrite {pair.right_count} in {len(pair.right)}")
    if len(sys.argv) <= 3:
        print(pair.left_text[:600], "\n---\n", pair.right_text[:600])


if __name__ == "__main__":
    main()
