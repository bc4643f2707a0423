"""Each language rule on its own: detection, model choice, sentence splitting, figures, names."""

from __future__ import annotations

from decimal import Decimal

import pytest

from viewer.engine.language import detect_language, pair_languages
from viewer.engine.model_choice import ModelSwitch, wants_multilingual
from viewer.engine.names_lang import candidate_names, present, text_words
from viewer.engine.numbers import compare_figures, extract_figures
from viewer.engine.numbers_lang import extract_figures_in
from viewer.engine.segment import split_text


@pytest.mark.parametrize(
    "text, code",
    [
        ("The council approved the plan on Tuesday after a long debate.", "en"),
        ("Der Stadtrat hat den Plan am Dienstag nach langer Debatte gebilligt.", "de"),
        ("Le conseil municipal a approuvé le projet mardi après un long débat.", "fr"),
        ("El consejo municipal aprobó el plan el martes tras un largo debate.", "es"),
        ("Hi.", ""),
        ("Officials civilians.", ""),  # two words: lingua says French (0.65)
    ],
)
def test_detects_the_language(text, code):
    assert detect_language(text) == code


def test_texts_sharing_their_words_are_one_language_whatever_was_detected():
    rewrite = ("Officials said the truce would hold.", "Officials said the truce holds, civilians hope.")
    assert pair_languages(*rewrite, "en", "fr") == ("fr", "fr")  # the longer text's detection
    translation = ("Officials said the truce in Gaza would hold.",
                   "Beamte sagten, die Waffenruhe in Gaza werde halten.")
    assert pair_languages(*translation, "en", "de") == ("en", "de")
    assert pair_languages("a b", "a b", "", "de") == ("", "de")


def test_model_choice_rule():
    assert not wants_multilingual("auto", "en", "en")
    assert not wants_multilingual("auto", "", "")
    assert not wants_multilingual("auto", "en", "")
    assert wants_multilingual("auto", "en", "de")
    assert wants_multilingual("auto", "de", "de")
    assert not wants_multilingual("english", "en", "de")
    assert wants_multilingual("multilingual", "en", "en")


def test_switch_builds_the_multilingual_model_only_when_needed():
    built = []

    class Fake:
        info = None

        def encode(self, texts, *, progress=None, cancel=None):  # pragma: no cover
            raise AssertionError

    english, other = Fake(), Fake()
    switch = ModelSwitch(english, lambda: built.append(1) or other)
    assert switch.choose("en", "en") is english and not built
    assert switch.choose("en", "fr") is other and switch.choose("de", "de") is other
    assert built == [1]
    assert switch.choose("en", "fr", choice="english") is english


def _split(text, lang):
    return [s.text for s in split_text(text, language=lang)]


def test_german_ordinals_and_abbreviations_do_not_end_sentences():
    text = ("Die Wahl findet am 24. Januar statt. Das sagte Nr. 2 der Partei, z. B. Herr Müller. "
            "Der Kurs stieg auf 24. Die Firma meldete 1.400 Stellen. Er ist Dr. Meier.")
    assert _split(text, "de") == [
        "Die Wahl findet am 24. Januar statt.",
        "Das sagte Nr. 2 der Partei, z. B. Herr Müller.",
        "Der Kurs stieg auf 24.",
        "Die Firma meldete 1.400 Stellen.",
        "Er ist Dr. Meier.",
    ]


def test_french_spaced_guillemets_and_titles():
    text = "« Nous sommes prêts. » Le ministre l'a dit. M. Dupont a répondu. Vraiment ? Oui."
    assert _split(text, "fr") == [
        "« Nous sommes prêts. »", "Le ministre l'a dit.", "M. Dupont a répondu.", "Vraiment ?",
        "Oui.",
    ]


def test_spanish_inverted_marks_and_titles():
    text = "¿Qué pasará ahora? ¡Nadie lo sabe! El Sr. García dijo que sí."
    assert _split(text, "es") == ["¿Qué pasará ahora?", "¡Nadie lo sabe!",
                                  "El Sr. García dijo que sí."]


def test_english_splitting_is_unchanged_by_the_language_argument():
    text = "The U.S. Senate met at 9 a.m. on Jan. 5. Sen. Smith spoke. It was 40.5% of 24. Then"
    assert _split(text, "en") == _split(text, "")


def _values(figures):
    return sorted((f.kind, *map(str, f.value)) for f in figures)


@pytest.mark.parametrize(
    "lang, text",
    [
        ("de", ("48 Millionen Dollar am Dienstag, 24. Januar, 7 zu 2, vier Stunden, 1.400 "
                "Lastwagen, 22 Prozent, 3,5 Prozent, März 2025, sechs Jahre, 10. Februar")),
        ("fr", ("48 millions de dollars mardi, 24 janvier, 7 contre 2, quatre heures, 1 400 "
                "camions, 22 %, 3,5 %, mars 2025, six ans, 10 février")),
        ("es", ("48 millones de dólares el martes, 24 de enero, 7 a 2, cuatro horas, 1.400 "
                "camiones, 22 %, 3,5 %, marzo de 2025, seis años, 10 de febrero")),
        ("it", ("48 milioni di dollari martedì, 24 gennaio, 7 a 2, quattro ore, 1.400 "
                "camion, 22 per cento, 3,5%, marzo 2025, sei anni, 10 febbraio")),
        ("nl", ("48 miljoen dollar op dinsdag, 24 januari, 7-2, vier uur, 1.400 "
                "vrachtwagens, 22 procent, 3,5%, maart 2025, zes jaar, 10 februari")),
        ("pt", ("48 milhões de dólares na terça-feira, 24 de janeiro, 7 a 2, quatro horas, "
                "1.400 caminhões, 22%, 3,5 por cento, março de 2025, seis anos, 10 de fevereiro")),
    ],
)
def test_figures_have_the_values_of_their_english_writing(lang, text):
    english = ("$48 million on Tuesday, January 24, 7-2, four hours, 1,400 trucks, 22%, 3.5%, "
               "March 2025, six years, February 10")
    assert _values(extract_figures_in(text, lang)) == _values(extract_figures(english))
    assert compare_figures(extract_figures_in(text, lang), extract_figures(english)) == []


def test_changed_figure_across_languages_is_found():
    changes = compare_figures(extract_figures("40% of the costs"),
                              extract_figures_in("45 Prozent der Kosten", "de"))
    assert [(c.left.text, c.right.text) for c in changes] == [("40%", "45 Prozent")]


def test_articles_are_not_numbers():
    assert extract_figures_in("eine Spur, ein Plan", "de") == []
    assert extract_figures_in("une seule voie, un neuf pont", "fr") == []
    assert extract_figures_in("un carril", "es") == []
    assert [f.value for f in extract_figures_in("1.400 und 1,5 Mio. Euro", "de")] == [
        (Decimal("1.4E+3"),), ("€", Decimal("1.5E+6"))]


@pytest.mark.parametrize(
    "lang, text, english",
    [
        ("it", "1,5 mln di euro, 2 miliardi di euro, 3 punti percentuali, il 1º maggio 2024",
         "€1.5 million, €2 billion, 3 percentage points, May 1 2024"),
        ("nl", "1,5 miljoen euro, 2 miljard euro, 3 procentpunt, 2,5 procentpunten, 3 jan. 2024",
         ("€1.5 million, €2 billion, 3 percentage points, 2.5 percentage points, "
         "January 3 2024")),
        ("pt", ("1,5 milhão de euros, 2 mil milhões de euros, 3 bilhões de dólares, "
               "1 bilião de euros, 5 pontos percentuais, 1º de maio de 2024"),
         ("€1.5 million, €2 billion, $3 billion, €1 trillion, 5 percentage points, "
         "May 1 2024")),
    ],
)
def test_scale_words_points_and_dates_in_italian_dutch_portuguese(lang, text, english):
    """The scale words (the European "bilião" is 10^12, the Brazilian "bilhão" 10^9), the
    words for percentage points, and dates with an ordinal or an abbreviated month."""
    assert _values(extract_figures_in(text, lang)) == _values(extract_figures(english))


def test_articles_and_words_are_not_figures_in_italian_dutch_portuguese():
    assert extract_figures_in("un piano, uno studio, una via, il set del film", "it") == []
    assert extract_figures_in("een plan; Jan Peeters zei", "nl") == []
    assert extract_figures_in("um plano, uma via junto ao mar", "pt") == []
    # an abbreviated month is a month before a year
    assert _values(extract_figures_in("in mrt 2024", "nl")) == _values(extract_figures("March 2024"))


def test_changed_figure_in_italian_dutch_portuguese_is_found():
    for lang, text, changed in [
        ("it", "45 per cento dei costi", "45 per cento"),
        ("nl", "45 procent van de kosten", "45 procent"),
        ("pt", "45 por cento dos custos", "45 por cento"),
    ]:
        changes = compare_figures(extract_figures("40% of the costs"), extract_figures_in(text, lang))
        assert [(c.left.text, c.right.text) for c in changes] == [("40%", changed)]


def test_german_nouns_are_not_names_but_names_are():
    text = "Oppositionsführerin Anna Kellner stimmte gegen den Plan von Hochtief im vergangenen Jahr."
    assert [n.text for n in candidate_names(text, "de")] == ["Anna Kellner", "Hochtief"]


def test_names_kept_across_compounds_inflections_and_exonyms():
    assert present(("hamburg",), text_words("Der Hamburger Stadtrat"))
    assert present(("köhlbrand",), text_words("die Köhlbrandbrücke"))
    assert present(("hamburg",), text_words("le conseil de Hambourg"))
    assert present(("hamburg",), text_words("el consejo de Hamburgo"))
    assert not present(("anna", "keller"), text_words("Anna Kellner"))
