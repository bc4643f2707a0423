"""compare() on the sample pair with the real model: the structure every view relies on."""

from viewer.engine.model import ChangeKind, WordOpKind


def _starts(sentence, prefix: str) -> bool:
    """Compare with white space folded: the original uses non-breaking spaces in places."""
    return " ".join(sentence.text.split()).startswith(prefix)


def test_every_sentence_is_linked_omitted_or_added(sample_comparison):
    c = sample_comparison
    linked_l = {k.left for k in c.links}
    linked_r = {k.right for k in c.links}
    assert linked_l | set(c.omitted) == set(range(len(c.left_sentences)))
    assert linked_r | set(c.added) == set(range(len(c.right_sentences)))
    assert not linked_l & set(c.omitted) and not linked_r & set(c.added)


def test_obvious_rewrites_are_linked_one_to_one(sample_comparison):
    """A dozen one-to-one rewrites checked by hand (left sentence start -> right sentence start)."""
    c = sample_comparison
    expected = {
        "Among the many options": "One senior US official mentioned",
        "While much of northern Gaza": "Despite the destruction from fighting",
        "That challenge is one of the major reasons": "This challenge is a major factor",
        "Multiple US officials have also stressed": "Additionally, there is emphasis",
        "A major reason Israel is expected": "Israel is expected to shift",
        "That official did not say": "The source of this intelligence",
        "In private, Biden administration officials": "The Biden administration, including President",
        "Instead, Israel must be": "Instead, they are urging Israel",
        "While it’s not clear whether Israel": "It is uncertain whether Israel",
        "Israel has made clear to the US": "Israel has informed the US",
        "Prime Minister Benjamin Netanyahu has said": "Prime Minister Benjamin Netanyahu has publicly",
        "Secretary of State Antony Blinken is continuing": "Secretary of State Antony Blinken is upholding",
        "“So clearly that’s something we want": '"Clearly, this is something we desire',
    }
    links = {(k.left, k.right) for k in c.links}
    for left_start, right_start in expected.items():
        i = next(n for n, s in enumerate(c.left_sentences) if _starts(s, left_start))
        j = next(n for n, s in enumerate(c.right_sentences) if _starts(s, right_start))
        assert (i, j) in links, (left_start, right_start)


def test_new_material_at_the_end_is_added(sample_comparison):
    c = sample_comparison
    for start in ("The US pressure campaign coincides", "Kaitlan Collins contributed", "Arab partners have shown"):
        j = next(n for n, s in enumerate(c.right_sentences) if _starts(s, start))
        assert j in c.added


def test_word_ops_point_into_the_texts(sample_comparison):
    c = sample_comparison
    for g in c.groups:
        assert g.word_ops, g
        for op in g.word_ops:
            if op.op is not WordOpKind.INSERT:
                piece = c.left.text[op.left_start : op.left_end]
                assert piece and piece == piece.strip()
                assert any(c.left_sentences[i].start <= op.left_start and op.left_end <= c.left_sentences[i].end for i in g.left)
            if op.op is not WordOpKind.DELETE:
                piece = c.right.text[op.right_start : op.right_end]
                assert piece and piece == piece.strip()
                assert any(c.right_sentences[j].start <= op.right_start and op.right_end <= c.right_sentences[j].end for j in g.right)
    blinken = next(g for g in c.groups if "Blinken is continuing" in c.left_sentences[g.left[0]].text)
    deleted = [c.left.text[o.left_start : o.left_end] for o in blinken.word_ops if o.op is WordOpKind.DELETE]
    inserted = [c.right.text[o.right_start : o.right_end] for o in blinken.word_ops if o.op is WordOpKind.INSERT]
    assert "continuing" in deleted and "upholding" in inserted


def test_kinds_and_summary(sample_comparison):
    c = sample_comparison
    kinds = {g.kind for g in c.groups}
    assert ChangeKind.REWORDED in kinds
    s = c.summary
    assert s.left_sentences == len(c.left_sentences) and s.right_sentences == len(c.right_sentences)
    assert s.omitted == len(c.omitted) and s.added == len(c.added)
    assert 0.8 < s.kept_share <= 1.0  # almost all of the original survives
    assert 0.4 < s.new_share < 0.7  # about half the rewrite is new material
    assert c.model.semantic and c.model.name == "all-MiniLM-L6-v2"


def test_identical_and_minor_edits(real_embedder):
    from viewer.engine.compare import compare
    from viewer.services.documents import document_from_text

    left = document_from_text(
        "The truce was brokered by the US, Qatar and Egypt.\n\nBlinken will have meetings in Israel on Thursday.\n\nThe IDF warned civilians."
    )
    right = document_from_text(
        "The truce was brokered by the US, Qatar and Egypt.\n\nBlinken will hold meetings in Israel on Thursday.\n\nThe IDF warned civilians."
    )
    c = compare(left, right, embedder=real_embedder)
    kinds = [g.kind for g in c.groups]
    assert kinds == [ChangeKind.IDENTICAL, ChangeKind.MINOR, ChangeKind.IDENTICAL]
    assert not c.omitted and not c.added


def test_lexical_fallback_is_labelled(lexical_embedder, seeds):
    from viewer.engine.compare import compare
    from viewer.services.documents import read_document

    c = compare(read_document(seeds / "original.txt"), read_document(seeds / "rewrite.txt"), embedder=lexical_embedder)
    assert c.model.semantic is False and "lexical" in c.model.name
    assert len(c.links) > 10


def test_cancel_raises(lexical_embedder, seeds):
    import pytest

    from viewer.engine.compare import compare
    from viewer.engine.progress import Cancelled
    from viewer.services.documents import read_document

    with pytest.raises(Cancelled):
        compare(read_document(seeds / "original.txt"), read_document(seeds / "rewrite.txt"),
                embedder=lexical_embedder, cancel=lambda: True)


def test_sentences_split_beforehand_are_used_as_they_are(real_embedder, sample_comparison, monkeypatch):
    """The window splits while reading; compare must then not split again, and the result is
    the same as splitting inside compare."""
    from viewer.engine import compare as compare_module
    from viewer.engine.segment import split_sentences

    left, right = sample_comparison.left, sample_comparison.right
    ls, rs = split_sentences(left), split_sentences(right)

    def no_split(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("compare split a document it was given sentences for")

    monkeypatch.setattr(compare_module, "split_sentences", no_split)
    c = compare_module.compare(left, right, embedder=real_embedder, left_sentences=ls,
                               right_sentences=rs)
    assert c.left_sentences == ls and c.right_sentences == rs
    assert c.links == sample_comparison.links
    assert c.findings == sample_comparison.findings
