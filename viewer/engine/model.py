"""The comparison's data: frozen dataclasses shared by every layer.

Offsets are character offsets into ``Document.text`` (Python string indices), half-open:
``text[start:end]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from .review import ReviewState

__all__ = [
    "FINDING_SEVERITY",
    "Block",
    "BlockRole",
    "ChangeKind",
    "Comparison",
    "Document",
    "Finding",
    "FindingKind",
    "Group",
    "IgnoreOptions",
    "Link",
    "ModelInfo",
    "Sentence",
    "Summary",
    "WordOp",
    "WordOpKind",
    "paragraph_neighbours",
    "percent",
]


class BlockRole(str, Enum):
    """What a block of a document is, as far as its source format says."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    CAPTION = "caption"


@dataclass(frozen=True)
class Block:
    """A paragraph-level block of a document: ``text[start:end]``, never containing a blank line."""

    start: int
    end: int
    role: BlockRole = BlockRole.PARAGRAPH


@dataclass(frozen=True)
class Document:
    """An article as read from a file or pasted: its text and its paragraph structure.

    ``text`` joins the blocks with a blank line ("\\n\\n"); line ends are always "\\n".
    """

    text: str
    blocks: tuple[Block, ...]
    path: str | None = None
    name: str = ""
    format: str = "text"
    encoding: str | None = None
    sha256: str = ""
    """SHA-256 (hex) of the file's bytes as read; "" for pasted text."""

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        if self.path:
            return self.path.replace("\\", "/").rsplit("/", 1)[-1]
        return "untitled"


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``document.text[start:end] == text``; ``block`` indexes ``Document.blocks``."""

    text: str
    start: int
    end: int
    block: int = 0


def paragraph_neighbours(sentences: Sequence[Sentence], indices: Sequence[int]) -> list[int]:
    """The sentences just before and after ``indices`` in the same paragraph (the context in
    which a figure or a name of the group may have moved)."""
    out = []
    first, last = min(indices), max(indices)
    if first > 0 and sentences[first - 1].block == sentences[first].block:
        out.append(first - 1)
    if last + 1 < len(sentences) and sentences[last + 1].block == sentences[last].block:
        out.append(last + 1)
    return [i for i in out if i not in indices]


class ChangeKind(str, Enum):
    """How a linked group differs; also used for unlinked sentences (omitted, added)."""

    IDENTICAL = "identical"
    MINOR = "minor_edit"
    REWORDED = "reworded"
    MOVED = "moved"
    OMITTED = "omitted"
    ADDED = "added"


@dataclass(frozen=True)
class IgnoreOptions:
    """Differences that do not count as a change: a sentence that differs only in these is
    identical, and its words are not marked. They change the kinds and the word marks, never
    the links. The defaults are the rule the engine always had: quote style (curly or
    straight) and white space are ignored; letter case, punctuation and the way numbers are
    written ("1,000" or "1000") count."""

    case: bool = False
    punctuation: bool = False
    quotes: bool = True
    whitespace: bool = True
    numbers: bool = False

    NAMES: ClassVar[tuple[str, ...]] = ("case", "punctuation", "quotes", "whitespace", "numbers")

    def names(self) -> tuple[str, ...]:
        """The names of the differences ignored, in ``NAMES`` order."""
        return tuple(n for n in self.NAMES if getattr(self, n))

    @classmethod
    def from_names(cls, names: Sequence[str]) -> IgnoreOptions:
        """Options ignoring exactly ``names`` (unknown names are left out)."""
        chosen = set(names)
        return cls(**{n: n in chosen for n in cls.NAMES})


@dataclass(frozen=True)
class Link:
    """Left sentence ``left`` and right sentence ``right`` say the same thing."""

    left: int
    right: int
    similarity: float
    kind: ChangeKind = ChangeKind.REWORDED
    manual: bool = False
    """Linked by hand: the editor pinned it."""


class WordOpKind(str, Enum):
    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


@dataclass(frozen=True)
class WordOp:
    """A run of words: kept (both spans set), deleted (left span) or inserted (right span).

    Spans are offsets into the left and right ``Document.text``; an unset side is ``(-1, -1)``.
    The text of an op is the words only; a run may cross sentence boundaries within its group.
    """

    op: WordOpKind
    left_start: int = -1
    left_end: int = -1
    right_start: int = -1
    right_end: int = -1


class TranslationKind(str, Enum):
    """How a linked group of two languages compares (there are no word-level edits between
    languages): a faithful translation, one noticeably shorter than the original, or one whose
    facts differ (a finding in the group, or far longer or less similar than a translation)."""

    TRANSLATED = "translated"
    SHORTENED = "translated_shortened"
    CHANGED = "changed"


@dataclass(frozen=True)
class Group:
    """A connected set of links: left sentences ``left`` match right sentences ``right``.

    ``kind`` is what an editor sees (``MOVED`` wins over the edit kind); ``edit`` is always one of
    identical, minor edit, reworded; ``similarity`` is the group's own score.
    """

    left: tuple[int, ...]
    right: tuple[int, ...]
    kind: ChangeKind
    edit: ChangeKind
    similarity: float
    moved: bool = False
    word_ops: tuple[WordOp, ...] = ()
    manual: bool = False
    """Linked by hand: the editor pinned its links."""
    translation: TranslationKind | None = None
    """Set only when the two documents are in different languages (``word_ops`` is then empty)."""


class FindingKind(str, Enum):
    ALTERED_QUOTE = "altered_quote"
    UNQUOTED_QUOTE = "unquoted_quote"
    CHANGED_NUMBER = "changed_number"
    CHANGED_NAME = "changed_name"
    NEW_QUOTE = "new_quote"
    DROPPED_ATTRIBUTION = "dropped_attribution"


FINDING_SEVERITY = {
    FindingKind.ALTERED_QUOTE: 0,
    FindingKind.UNQUOTED_QUOTE: 1,
    FindingKind.CHANGED_NUMBER: 2,
    FindingKind.NEW_QUOTE: 1,
    FindingKind.CHANGED_NAME: 3,
    FindingKind.DROPPED_ATTRIBUTION: 4,
}


@dataclass(frozen=True)
class Finding:
    """An editorial red flag between left sentence ``left`` and right sentence ``right``.

    ``left_text``/``right_text`` are the pieces at issue (the quotation, the number, the name);
    ``-1`` for a side that has no sentence. ``detail`` is a short machine-oriented explanation.
    """

    kind: FindingKind
    left: int
    right: int
    left_text: str
    right_text: str
    detail: str = ""


@dataclass(frozen=True)
class ModelInfo:
    """Which similarity produced the links: a sentence-transformers model, or the lexical fallback.

    ``backend`` is what runs the model ("onnx-int8", "onnx", "torch", "torch-bf16"; "" for the
    fallback). ``note`` says why the fallback is used, or for a model why a faster backend
    could not run.
    """

    name: str
    semantic: bool
    path: str | None = None
    note: str = ""
    backend: str = ""


def percent(share: float) -> str:
    """``share`` (0..1) as a whole percentage that never claims more than it measures: a share
    short of 1 never shows as 100% (one omitted sentence in a hundred is 99%, not 100%), and a
    share above 0 never shows as 0%."""
    value = round(100 * share)
    if value >= 100 and share < 1.0:
        value = 99
    elif value <= 0 < share:
        value = 1
    return f"{value}%"


@dataclass(frozen=True)
class Summary:
    """A comparison's figures (``Comparison.summary``): sentences by kind, shares of text."""

    left_sentences: int
    right_sentences: int
    identical: int
    minor_edit: int
    reworded: int
    moved: int
    omitted: int
    added: int
    kept_share: float
    new_share: float
    findings: int


@dataclass(frozen=True)
class Comparison:
    """A finished comparison of two documents."""

    left: Document
    right: Document
    left_sentences: tuple[Sentence, ...]
    right_sentences: tuple[Sentence, ...]
    links: tuple[Link, ...]
    groups: tuple[Group, ...]
    omitted: tuple[int, ...]
    added: tuple[int, ...]
    findings: tuple[Finding, ...]
    model: ModelInfo
    sensitivity: float
    split: str = "auto"
    timings: dict[str, float] = field(default_factory=dict, compare=False, hash=False)
    vectors: Any = field(default=None, compare=False, hash=False, repr=False)
    review: ReviewState | None = field(default=None, compare=False, hash=False, repr=False)
    """The editor's review the links were made with (manual decisions) and that exports show
    (marks, notes); None for a plain comparison."""
    """The sentences' embeddings (left, right arrays), kept so that a re-alignment (a moved
    slider, an editor's link) needs no embedding; None when not kept."""
    left_language: str = ""
    right_language: str = ""
    """ISO 639-1 codes of the documents' languages as detected ("" when it could not be told)."""
    ignore: IgnoreOptions = field(default_factory=IgnoreOptions)
    """The differences that did not count as changes (kinds and word marks follow them)."""
    memo: Any = field(default=None, compare=False, hash=False, repr=False)
    """What a re-alignment of these sentences can reuse (``compare.ComparisonMemo``: the
    aligner's scorer and window links, the groups and findings already worked out); None
    when not kept."""

    @property
    def cross_language(self) -> bool:
        """Whether the two documents are in different (known) languages: a translation."""
        return bool(self.left_language and self.right_language) and (
            self.left_language != self.right_language
        )

    def group_of_left(self, index: int) -> int | None:
        """Index into ``groups`` of the group holding left sentence ``index``, if any."""
        return self._group_maps[0].get(index)

    def group_of_right(self, index: int) -> int | None:
        """Index into ``groups`` of the group holding right sentence ``index``, if any."""
        return self._group_maps[1].get(index)

    @cached_property
    def _group_maps(self) -> tuple[dict[int, int], dict[int, int]]:
        left: dict[int, int] = {}
        right: dict[int, int] = {}
        for g, group in enumerate(self.groups):
            for i in group.left:
                left[i] = g
            for j in group.right:
                right[j] = g
        return left, right

    @property
    def summary(self) -> Summary:
        """Counts by kind (of sentences) and the shares of text kept and new, by characters."""
        counts = {k: 0 for k in ChangeKind}
        for g in self.groups:
            counts[g.kind] += len(g.left)
        left_chars = sum(len(s.text) for s in self.left_sentences) or 1
        right_chars = sum(len(s.text) for s in self.right_sentences) or 1
        omitted_chars = sum(len(self.left_sentences[i].text) for i in self.omitted)
        added_chars = sum(len(self.right_sentences[j].text) for j in self.added)
        return Summary(
            left_sentences=len(self.left_sentences),
            right_sentences=len(self.right_sentences),
            identical=counts[ChangeKind.IDENTICAL],
            minor_edit=counts[ChangeKind.MINOR],
            reworded=counts[ChangeKind.REWORDED],
            moved=counts[ChangeKind.MOVED],
            omitted=len(self.omitted),
            added=len(self.added),
            kept_share=round(1.0 - omitted_chars / left_chars, 4) if self.left_sentences else 0.0,
            new_share=round(added_chars / right_chars, 4) if self.right_sentences else 0.0,
            findings=len(self.findings),
        )


