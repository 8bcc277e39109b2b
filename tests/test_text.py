"""Unit and property tests for normalize.text (letter spacing, wraps)."""

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from normalize.text import (
    WrapJudge,
    collapse_letter_spacing,
    normalize_whitespace,
    vocabulary_from_cells,
)
from normalize.wraps import join_wrapped_lines


class TinyLexicon:
    """A stand-in word model: knows a fixed word set; scores unknown words low."""

    def __init__(self, words):
        self.words = set(words)

    def known(self, word):
        return word.lower() in self.words

    def score(self, word):
        return -1.0 * len(word) if self.known(word) else -5.0 * len(word)


def test_letter_spaced_word_collapses():
    assert collapse_letter_spacing("С ә н д і к") == "Сәндік"
    assert normalize_whitespace(collapse_letter_spacing("С ә н д і к  қолданбалы")) == "Сәндік қолданбалы"


def test_double_gap_inside_spaced_run_is_a_word_boundary():
    assert collapse_letter_spacing("т і л  м е н") == "тіл мен"


def test_brackets_inside_spaced_run():
    assert collapse_letter_spacing("( н е м е с е )") == "(немесе)"


def test_short_tokens_are_not_collapsed():
    assert collapse_letter_spacing("қ дизайн") == "қ дизайн"
    assert collapse_letter_spacing("а б") == "а б"
    assert collapse_letter_spacing("Маркетинг (") == "Маркетинг ("


def test_letter_spaced_digits_and_punctuation_collapse():
    # inside one cell a spaced year is a justified line; a numbering row has one number per cell
    assert normalize_whitespace(collapse_letter_spacing("2 0 2 0  жылғы")) == "2020 жылғы"
    assert collapse_letter_spacing("P I S A - 2 0 2 1 :") == "PISA-2021:"
    assert collapse_letter_spacing("2020 - 2 0 2 5") == "2020 - 2025"
    assert collapse_letter_spacing("с а н ы ;") == "саны;"


def test_quotes_at_a_wrap():
    assert join_wrapped_lines(['және оқыту бойынша "Дарын"', "РҒПО"]) == 'және оқыту бойынша "Дарын" РҒПО'
    assert join_wrapped_lines(['туралы "', "Білім туралы"]) == 'туралы "Білім туралы'


def test_numbers_broken_by_a_narrow_column():
    assert join_wrapped_lines(["20", "22"], full=[True, False]) == "2022"
    assert join_wrapped_lines(["0,", "70"], full=[True, False]) == "0,70"
    assert join_wrapped_lines(["295", "131"], full=[True, False]) == "295 131"
    assert join_wrapped_lines(["10", "0"], full=[False, False]) == "10 0"
    # regression: a compound cost wrapped after the slash's first group kept its group space
    assert join_wrapped_lines(["465 161 /509", "451 / 780 190"], full=[True, False]) == "465 161 /509 451 / 780 190"


def test_no_space_after_opening_bracket_at_a_wrap():
    assert join_wrapped_lines(["Маркетинг (", "с а л а л а р  ", "бойынша)"]) == "Маркетинг (салалар бойынша)"
    assert join_wrapped_lines(["бір білім алушыға", "және (немесе)", "тәрбиеленушіге (", "теңге)"]) == (
        "бір білім алушыға және (немесе) тәрбиеленушіге (теңге)"
    )


def test_word_cut_by_the_column_is_rejoined_from_lexicon_evidence():
    lex = TinyLexicon({"мультимедиялық", "дизайн", "графикалық", "және"})
    judge = WrapJudge(lex)
    assert join_wrapped_lines(["Графикалық", "ж ә н е", "мультимедиялы", "қ дизайн"], judge) == (
        "Графикалық және мультимедиялық дизайн"
    )


def test_word_wrap_between_known_words_keeps_the_space():
    lex = TinyLexicon({"лабораториялық", "диагностика"})
    assert join_wrapped_lines(["Лабораториялық", "диагностика"], WrapJudge(lex)) == "Лабораториялық диагностика"


def test_document_vocabulary_is_evidence_too():
    vocab = vocabulary_from_cells([["Тамақтандыруды ұйымдастыру"], ["ұйымдастыру жұмысы"]])
    judge = WrapJudge(None, vocab)
    assert join_wrapped_lines(["Тамақтандыруд", "ы ұйымдастыру"], judge) == "Тамақтандыруды ұйымдастыру"


def test_vocabulary_skips_words_at_wraps():
    vocab = vocabulary_from_cells([["мультимедиялы", "қ дизайн"]])
    assert vocab["мультимедиялы"] == 0 and vocab["дизайн"] == 1


def test_capitalised_continuation_is_never_a_cut():
    judge = WrapJudge(TinyLexicon({"аб"}), Counter())
    assert join_wrapped_lines(["а", "Б"], judge) == "а Б"


def test_hyphen_at_line_end_is_kept_and_joined():
    assert join_wrapped_lines(["2025-", "2026 оқу жылына"]) == "2025-2026 оқу жылына"


@given(st.lists(st.text(), max_size=5))
def test_join_never_raises_and_has_no_double_spaces(lines):
    out = join_wrapped_lines(lines)
    assert "  " not in out and out == out.strip()


@given(st.text())
def test_collapse_is_idempotent(text):
    once = collapse_letter_spacing(text)
    assert collapse_letter_spacing(once) == once


def test_soft_hyphen_of_a_word_processor_is_dropped_compound_hyphen_kept():
    lex = TinyLexicon({"мультимедиялық", "дизайн", "көтергіш", "көлік"})
    judge = WrapJudge(lex)
    assert join_wrapped_lines(["мультимедия-", "лық дизайн"], judge, [True, False]) == "мультимедиялық дизайн"
    assert join_wrapped_lines(["көтергіш-", "көлік"], judge, [True, False]) == "көтергіш-көлік"


def test_mixed_case_abbreviation_cut_by_a_full_line_is_joined():
    """Regression: "ТжК" / "Б" (ТжКБ) always got a space, as an upper-case head meant a new word
    unless the whole tail was upper case; a tail ending in a capital on a full line now goes to
    the judge, which joins a lone letter and keeps "ҚР БҒМ" / "Мектепке" apart."""
    from collections import Counter

    from normalize.lexicon import load_lexicon

    judge = WrapJudge(load_lexicon(), Counter())
    assert join_wrapped_lines(["бойынша ТжК", "Б оқу"], judge, [True, False]) == "бойынша ТжКБ оқу"
    assert join_wrapped_lines(["ҚР БҒМ", "Мектепке"], judge, [True, False]) == "ҚР БҒМ Мектепке"
    assert join_wrapped_lines(["бойынша ТжК", "Б оқу"], judge, [False, False]) == "бойынша ТжК Б оқу"


@given(st.text(alphabet="abӘәқ1239.,/ -\n\u00a0", max_size=40))
def test_tail_patterns_searched_backwards_match_as_forwards(text):
    """Regression (speed): the end-anchored patterns are searched backwards; a forward search
    gives the same match (it was quadratic on long words)."""
    import regex

    from normalize import text as t

    for reverse in (t._WORD_TAIL, t._NUMERIC_TAIL, t._DIGIT_TAIL):
        forward = regex.compile(reverse.pattern.removeprefix("(?r)"))
        a, b = forward.search(text), reverse.search(text)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


def test_stem_verdicts_belong_to_their_lexicon():
    """Regression: the affix index was keyed by id(lexicon), so a new lexicon at a freed
    object's address could be judged with the old one's words; verdicts are now cached too."""
    from normalize.wraps import _stem_like

    class Listed:
        def __init__(self, words):
            self.words = set(words)

    stems = ["кен" + s for s in ("дер", "ге", "нің", "ді", "мен", "де")]
    for _ in range(20):  # freed and made again: addresses get reused
        with_stems = Listed(["кен", *stems])
        assert _stem_like(with_stems, "кен")
        del with_stems
        without = Listed(["кен"])
        assert not _stem_like(without, "кен")
        del without


def test_word_cut_in_a_two_letter_column_is_one_word_not_short_listed_pieces():
    """Regression (issue 14): with a bonus per listed word, "жа" / "ра" / "ты" / "лы" / "ст" / "ан"
    / "у" became "жа ра тылы стан у"; scored as probabilities every extra word pays its way."""
    from collections import Counter

    from normalize.lexicon import load_lexicon

    lines = ["ма", "те", "ма", "ти", "ка", "–", "47", "0,", "жа", "ра", "ты", "лы", "ст", "ан", "у", "–", "46", "5,"]
    got = join_wrapped_lines(lines, WrapJudge(load_lexicon(), Counter()), [True] * len(lines))
    assert got == "математика – 470, жаратылыстану – 465,"


def test_document_pairs_keep_two_words_the_document_prints_side_by_side():
    """Regression: a document that once prints "Руководителькружка" glued still prints
    "Руководитель кружка" on one line many times; its pair cache keeps the wrap a space."""
    from collections import Counter

    from normalize.lexicon import load_lexicon
    from normalize.text import pairs_from_cells, vocabulary_from_cells

    cells = [["Руководитель кружка"]] * 20 + [["Руководителькружка"]]
    judge = WrapJudge(load_lexicon(), vocabulary_from_cells(cells), pairs_from_cells(cells))
    assert pairs_from_cells([["Руководитель кружка, ИРГ"]]) == Counter({"руководитель кружка": 1})
    assert pairs_from_cells([["Руководитель кружка", "ИРГ"]]) == Counter()  # "кружка" may be cut
    assert join_wrapped_lines(["Зам.директора по ВР", "Руководитель", "кружка"], judge, [True, False, True]) == (
        "Зам.директора по ВР Руководитель кружка")


def test_a_word_the_column_could_hold_is_not_cut():
    """A cut needs a word wider than its column: "кен" / "орындарын" after a line that held
    "қазбалар кен" is two words, though a word list prints "кенорындарын"."""
    from collections import Counter

    from normalize.lexicon import load_lexicon

    judge = WrapJudge(load_lexicon(), Counter())
    got = join_wrapped_lines(["Пайдалы", "қазбалар кен", "орындарын", "ашық қазу"], judge, [False, True, False, True])
    assert got == "Пайдалы қазбалар кен орындарын ашық қазу"
