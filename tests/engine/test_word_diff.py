from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.engine.model import Sentence, WordOpKind
from viewer.engine.word_diff import changed_word_count, word_ops


def _sents(text: str) -> list[Sentence]:
    return [Sentence(text, 0, len(text))]


def _texts(ops, left, right, kind):
    out = []
    for op in ops:
        if op.op is kind:
            if kind is WordOpKind.DELETE:
                out.append(left[op.left_start : op.left_end])
            else:
                out.append(right[op.right_start : op.right_end])
    return out


def test_whole_word_replacements_not_characters():
    left = "Israel has made clear it is bent on finishing its military operations there."
    right = "Israel has expressed its intent to continue its military operations there."
    ops = word_ops(_sents(left), _sents(right), [0], [0])
    deleted = _texts(ops, left, right, WordOpKind.DELETE)
    inserted = _texts(ops, left, right, WordOpKind.INSERT)
    # Whole words on both sides: no op starts or ends inside a word.
    for op in ops:
        if op.op is not WordOpKind.INSERT:
            assert left[op.left_start].isalnum() or not left[op.left_start].isspace()
            assert op.left_start == 0 or not left[op.left_start - 1].isalnum()
            assert op.left_end == len(left) or not left[op.left_end].isalnum()
        if op.op is not WordOpKind.DELETE:
            assert op.right_start == 0 or not right[op.right_start - 1].isalnum()
            assert op.right_end == len(right) or not right[op.right_end].isalnum()
    assert any("made clear" in d for d in deleted)
    assert any("expressed" in i for i in inserted)
    assert "Israel has" in next(left[o.left_start : o.left_end] for o in ops if o.op is WordOpKind.EQUAL)


def test_identical_text_is_one_equal_run():
    text = "The IDF has warned displaced Palestinians against returning from the south."
    ops = word_ops(_sents(text), _sents(text), [0], [0])
    assert [o.op for o in ops] == [WordOpKind.EQUAL]
    assert (ops[0].left_start, ops[0].left_end) == (0, len(text))
    assert changed_word_count(ops, text, text)[0] == 0


def test_ops_never_cross_sentence_boundaries_in_a_merge():
    left_text = "Moving civilians back north is hard. It needs aid."
    a = Sentence("Moving civilians back north is hard.", 0, 36)
    b = Sentence("It needs aid.", 37, 50)
    assert left_text[a.start : a.end] == a.text and left_text[b.start : b.end] == b.text
    right = "Moving civilians back north is hard and it needs aid."
    ops = word_ops([a, b], _sents(right), [0, 1], [0])
    for op in ops:
        if op.op is not WordOpKind.INSERT:
            inside_a = a.start <= op.left_start and op.left_end <= a.end
            inside_b = b.start <= op.left_start and op.left_end <= b.end
            assert inside_a or inside_b, op


WORDS = st.sampled_from("the a officials said Gaza Israel 40% truce, ends . “quote” aid north south".split())


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=25), st.lists(WORDS, min_size=1, max_size=25))
def test_ops_rebuild_both_sides(lw, rw):
    left, right = " ".join(lw), " ".join(rw)
    ops = word_ops(_sents(left), _sents(right), [0], [0])
    import re

    tok = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
    left_words = [w for o in ops if o.op is not WordOpKind.INSERT for w in tok.findall(left[o.left_start : o.left_end])]
    right_words = [w for o in ops if o.op is not WordOpKind.DELETE for w in tok.findall(right[o.right_start : o.right_end])]
    assert left_words == tok.findall(left)
    assert right_words == tok.findall(right)
    # Spans are in order on each side.
    ls = [o.left_start for o in ops if o.op is not WordOpKind.INSERT]
    rs = [o.right_start for o in ops if o.op is not WordOpKind.DELETE]
    assert ls == sorted(ls) and rs == sorted(rs)


SPACES = st.sampled_from([" ", "  ", "\n", " \t"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(WORDS, SPACES), min_size=0, max_size=15), SPACES, SPACES, st.booleans())
def test_a_sentence_kept_word_for_word_gives_the_ops_of_the_diff(words, lead, trail, curly):
    """A sentence kept as it was (white space and quote style aside) skips the tokens and the
    diff; its ops are exactly those the diff gives."""
    from viewer.engine.word_diff import _diffed_ops

    left = "".join(w + sp for w, sp in words)
    right = lead + " ".join(w for w, _ in words) + trail
    if curly:
        right = right.replace("“", '"').replace("”", '"')
    a, b = Sentence(left, 3, 3 + len(left)), Sentence(right, 7, 7 + len(right))
    assert word_ops([a], [b], [0], [0]) == _diffed_ops([a], [b], [0], [0])


def _kept_words(ops, left):
    import re

    tok = re.compile(r"\w+(?:['’]\w+)*")
    return {w for o in ops if o.op is WordOpKind.EQUAL for w in tok.findall(left[o.left_start : o.left_end])}


def test_shared_content_words_of_a_reworded_sentence_stay_kept():
    """A reworded sentence keeps its shared names and content words unmarked: they were
    struck whole (and inserted again) by diff-match-patch's semantic clean-up."""
    left = ("In private, Biden administration officials – including President Joe Biden himself – "
            "are telling their Israeli counterparts that they do not want to see the IDF resume "
            "the kinds of air strikes from earlier in the war.")
    right = ("The Biden administration, including President Joe Biden, has privately conveyed to "
             "Israeli officials their desire to avoid a return to the heavy air strikes.")
    ops = word_ops(_sents(left), _sents(right), [0], [0])
    kept = _kept_words(ops, left)
    assert {"Biden", "administration", "including", "President", "Joe", "air", "strikes"} <= kept
    deleted = " ".join(_texts(ops, left, right, WordOpKind.DELETE))
    assert "Joe" not in deleted and "President" not in deleted


def test_a_lone_kept_function_word_inside_a_rewrite_is_folded_into_it():
    """A kept "the" between two rewritten stretches reads as part of one replacement."""
    left = "Officials stressed the urgent need quickly."
    right = "Diplomats emphasised the pressing demand quickly."
    ops = word_ops(_sents(left), _sents(right), [0], [0])
    assert _texts(ops, left, right, WordOpKind.DELETE) == ["Officials stressed the urgent need"]
    assert _texts(ops, left, right, WordOpKind.INSERT) == ["Diplomats emphasised the pressing demand"]


def test_sample_pair_keeps_the_shared_words_of_its_reworded_sentences(sample_comparison):
    """On the sample pair (real model), the Biden sentence's shared names are not struck."""
    c = sample_comparison
    g = next(g for g in c.groups if any("Joe Biden" in c.left_sentences[i].text for i in g.left))
    assert g.kind.value == "reworded"
    deleted = [c.left.text[o.left_start : o.left_end] for o in g.word_ops if o.op is WordOpKind.DELETE]
    assert not any("Joe Biden" in d or "Biden administration" in d for d in deleted), deleted
