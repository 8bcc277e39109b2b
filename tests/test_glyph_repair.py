"""Displaced Kazakh letters: detector, placement on real seed-002 lines, round trip, properties."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.corrupt import corrupt_run, corrupt_text
from normalize.glyph_alphabet import KZ_LETTERS
from normalize.glyph_detect import glyph_stats, looks_displaced
from normalize.glyph_displaced import parse_line, place_groups
from normalize.glyph_repair import TextRepair, detect_kind, repair_text
from normalize.kazakh_lm import KazakhLexicon

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def seed(prefix: str) -> str:
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip(f"seed {prefix} not available in {SEEDS}")
    return paths[0].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def lm() -> KazakhLexicon:
    return KazakhLexicon.load()


CONTEXT = "аза стан Республикасы кіметіні  2019 жыл ы 27 желто санда ы № 988 аулысыҚ қ Ү ң ғ қ ғ қ"


def repair_doc(*lines: str) -> list[str]:
    """Repair lines inside a displaced document (a line or two alone is too little evidence for
    the document-level detector, by design): a known broken line goes first and is dropped."""
    result = repair_text("\n".join([CONTEXT, *lines]))
    assert result.kind == "displaced"
    return result.text.split("\n")[1:]


# -- detector ------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "001", "003", "004"])
def test_clean_seeds_are_clean_and_untouched(prefix: str) -> None:
    text = seed(prefix)
    assert detect_kind(text) == "clean"
    result = repair_text(text)
    assert result.text == text and result.lines_changed == 0 and result.unplaced == ()


def test_seed_002_is_displaced() -> None:
    stats = glyph_stats(seed("002"))
    assert stats.followed_share < 0.01 and looks_displaced(stats)
    assert detect_kind(seed("002")) == "displaced"


def test_short_clean_text_is_not_called_displaced() -> None:
    for text in ["Заңы мен ақ", "жылдың", "Қазақстан", "ең көп", "Ә. Б. Ғ."]:
        assert detect_kind(text) == "clean", text


# -- real lines of seed 002 ----------------------------------------------------------------


def test_issue_example_line() -> None:
    assert repair_doc(CONTEXT) == [
        "Қазақстан Республикасы Үкіметінің 2019 жылғы 27 желтоқсандағы № 988 қаулысы"
    ]


def test_two_runs_on_one_line() -> None:
    # run 1 ends with Үкіметі and its tail; run 2 (ҚАУЛЫ ЕТЕДІ:) has its own one-letter tail
    line = "      аза стан Республикасыны  кіметіҚ қ ң Ү   АУЛЫ ЕТЕДІ:Қ"
    assert repair_doc(line) == ["      Қазақстан Республикасының Үкіметі   ҚАУЛЫ ЕТЕДІ:"]


def test_table_cells_each_with_a_tail() -> None:
    line = "Ба дарламаны  атауығ ң аза стан Республикасында білім Қ қ"
    assert repair_doc(line) == ["Бағдарламаның атауы Қазақстан Республикасында білім "]


def test_many_groups_in_order() -> None:
    lines = [
        "      4. Осы аулыны  орындалуын ба ылау аза стан Республикасыны  Білім ж не ылым министрлiгiне"
        " ж ктелсiн.қ ң қ Қ қ ң ә ғ ү",
        "      5. Осы аулы ол ойыл ан к нінен бастап олданыс а енгізіледі.қ қ қ ғ ү қ қ",
    ]
    assert repair_doc(*lines) == [
        "      4. Осы қаулының орындалуын бақылау Қазақстан Республикасының Білім және ғылым министрлiгiне"
        " жүктелсiн.",
        "      5. Осы қаулы қол қойылған күнінен бастап қолданысқа енгізіледі.",
    ]


def test_run_end_group_and_join() -> None:
    # Республикасының is a run of its own (ң removed at the run end leaves nothing)
    assert repair_doc("Республикасының За ың   ;") == ["Республикасының Заңы   ;"]


def test_spilled_group_joins_the_line_above() -> None:
    lines = ["      аза стан Республикасыны  кіметіҚ қ ң Ү", "о ушылардық", "", " ң", ""]
    fixed = repair_doc(*lines)
    assert fixed[1:] == ["оқушылардың", "", "", ""]


def test_spilled_group_at_the_front_of_the_next_tail() -> None:
    # seed 002 lines 10924-10925: the last қ of халықаралық leads the next line's tail
    assert repair_doc("халы аралық", " к сіби қ ә") == ["халықаралық", " кәсіби "]
    assert repair_doc("ам оршылық қ", " ке есін қ ң") == ["қамқоршылық", " кеңесін "]


def test_line_wrap_inside_a_word_is_kept() -> None:
    # clean seed 001 wraps мультимедиялық as "мультимедиялы" / "қ дизайн"; corrupted, the қ opens
    # the next run and becomes its tail. A line with no tail of its own never takes a group.
    assert repair_doc("мультимедиялы", " дизайнқ") == ["мультимедиялы", "қ дизайн"]
    result = repair_text("\n".join([CONTEXT, "жылд", "", "арды", "", " ң"]))
    assert result.text.split("\n")[1:] == ["жылд", "", "арды", "", " ң"] and result.unplaced == ()


def test_letters_never_dropped_and_lines_kept() -> None:
    text = seed("002")
    result = repair_text(text)
    assert result.kind == "displaced"
    assert len(result.text.split("\n")) == len(text.split("\n"))
    before = Counter(ch for ch in text if ch != " ")
    after = Counter(ch for ch in result.text if ch != " ")
    assert before == after
    placed_or_left = result.letters_placed + sum(len(s.replace(" ", "")) for _, s in result.unplaced)
    assert placed_or_left == sum(ch in KZ_LETTERS for ch in text)


def test_unplaceable_letters_are_reported_and_kept() -> None:
    # a tail with no text before it on a line that is not a spill: nowhere to put it
    text = "аза стан Республикасы кіметіні  2019 жыл ы 27 желто санда ы № 988 аулысыҚ қ Ү ң ғ қ ғ қ\nҚ қ text"
    result = repair_text(text)
    assert result.unplaced == ((2, "Қ қ"),)
    assert result.text.split("\n")[1] == "Қ қ text"


def test_place_groups_prefers_word_end_before_double_space(lm: KazakhLexicon) -> None:
    assert place_groups("орташа кірісі е  ", ["ң"], lm).text == "орташа кірісі ең "


def test_letter_spaced_cell(lm: KazakhLexicon) -> None:
    assert place_groups("т  м е н  ", ["ө"], lm).text == "т ө м е н  "


def test_parse_line_segments() -> None:
    parse = parse_line("ді  TALIS ң")
    assert [(s.text, s.groups) for s in parse.segments] == [("ді  TALIS ", ["ң"]), ("", [])]


# -- simulator and round trip on held-out text ---------------------------------------------


def test_corrupt_run_follows_the_measured_rules() -> None:
    assert corrupt_run("Қазақстан Республикасының Үкіметі") == (
        "аза стан Республикасыны  кіметі", ["Қ", "қ", "ң", "Ү"], False)  # fmt: skip
    assert corrupt_run("жалақысының") == ("жала ысыны", ["қ", "ң"], True)
    assert corrupt_run('"Қазақстан') == ('" аза стан', ["Қ", "қ"], False)
    assert corrupt_run("37.\xa0Оқушылар") == ("37.\xa0О ушылар", ["қ"], False)


def test_round_trip_on_held_out_seed() -> None:
    clean = seed("004")  # never used to build normalize/data
    lines = clean.split("\n")
    letters = ok = affected = exact = 0
    for s in (11, 12):
        corrupted = corrupt_text(clean, seed=s)
        assert corrupted != clean and len(corrupted.split("\n")) == len(lines)
        fixed = repair_text(corrupted).text.split("\n")
        for c, k, r in zip(lines, corrupted.split("\n"), fixed, strict=True):
            n = sum(ch in KZ_LETTERS for ch in c)
            letters += n
            ok += n if r == c else 0
            if k != c or n:
                affected += 1
                exact += r == c
            else:
                assert r == c
    assert ok / letters > 0.98  # whole lines only: a lower bound on letters placed
    assert exact / affected > 0.98


# -- properties ------------------------------------------------------------------------------

_ALPHABET = 'аеіқғңүұөәһҚҒҢҮҰӨӘҺбвдклмнрстыжшКБ \n\r\xa0.,-"()0123456789'
kazakhish = st.text(alphabet=_ALPHABET, max_size=200)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), kazakhish))
def test_never_raises_and_keeps_lines(text: str) -> None:
    result = repair_text(text)
    assert isinstance(result, TextRepair)
    assert result.text.count("\n") == text.count("\n")
    if result.kind == "clean":
        assert result.text == text
    if result.kind == "displaced":
        assert Counter(c for c in result.text if c != " ") == Counter(c for c in text if c != " ")
        for before, after in zip(text.split("\n"), result.text.split("\n"), strict=True):
            if KZ_LETTERS.isdisjoint(before):  # a line without Kazakh letters is never touched
                assert after == before


def test_odd_strings_and_line_ends() -> None:
    for text in ["", "\n", "\r\n", "\ud800қ \x00ң", "қ" * 5000, ("а " * 3000) + "ң" * 3 + " ғ" * 400]:
        result = repair_text(text)
        assert result.text.count("\n") == text.count("\n")
    crlf = repair_text(CONTEXT + "\r\nо ушылардық\r\n\r\n ң\r\n")
    assert crlf.text.split("\r\n")[:2] == [
        "Қазақстан Республикасы Үкіметінің 2019 жылғы 27 желтоқсандағы № 988 қаулысы",
        "оқушылардың",
    ]


def _clean_lines(draw_seed: int) -> str:
    rng = random.Random(draw_seed)
    lines = seed("003").split("\n")
    start = rng.randrange(len(lines))
    return "\n".join(lines[start : start + rng.randint(1, 40)])


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_clean_text_unchanged_and_idempotent(draw_seed: int) -> None:
    text = _clean_lines(draw_seed)
    first = repair_text(text)
    if detect_kind(text) == "clean":
        assert first.text == text
    assert repair_text(first.text).text == first.text or first.kind != "clean"


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_repair_of_a_repair_changes_nothing_more(draw_seed: int) -> None:
    clean = _clean_lines(draw_seed)
    once = repair_text(corrupt_text(clean, seed=draw_seed)).text
    if detect_kind(once) == "clean":
        assert repair_text(once).text == once


# -- the lexicon other modules use -----------------------------------------------------------


def test_lexicon_known_and_score(lm: KazakhLexicon) -> None:
    assert lm.known("мультимедиялық") and lm.known("Қазақстан") and lm.known("ҚАУЛЫ")
    assert not lm.known("кіметіні") and not lm.known("ж")
    assert lm.score("Қазақстан") > lm.score("аза") + lm.score("стан")
    assert lm.score("Үкіметінің") > lm.score("кіметіні")
    assert lm.score("...") == 0.0
    assert KazakhLexicon.load() is lm


def test_glyph_stats_counts_as_the_character_loop() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from normalize.glyph_detect import MARKERS, glyph_stats, glyph_stats_py

    alphabet = list("ӘәҒғҚқҢңӨөҰұҮүҺһІіабвЁёa1 -\n") + sorted(MARKERS)[:12]

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.sampled_from(alphabet), max_size=40))
    def check(text: str) -> None:
        assert glyph_stats(text) == glyph_stats_py(text)

    check()


# -- letters lost without a tail (issue 14), through repair_text as the CLI and the PDF path use it

_LOST_CLEAN = [
    "Қазақстан Республикасының Үкіметі және министрлігі туралы",
    "О внесении изменений в приказ Министра",
    "2020 жылғы 15 мамыр № 204",
    "Қазақстан Республикасы Білім және ғылым министрлігі",
]


def test_lookalike_typed_letters_are_restored_russian_and_numbers_untouched():
    from normalize.glyph_repair import repair_text

    text = "\n".join(line.translate(str.maketrans("қғңүұөәһҚҒҢҮҰӨӘҺ", "кгнууоахКГНУУОАХ")) for line in _LOST_CLEAN)
    result = repair_text(text)
    assert result.kind == "lost_lookalike"
    out = result.text.split("\n")
    assert out[1] == _LOST_CLEAN[1]  # Russian byte for byte
    assert out[0].startswith("Қазақстан Республикасының Үкіметі және")
    assert "15 мамыр № 204" in out[2]
    assert result.letters_placed >= 8


def test_dropped_letters_are_restored():
    from normalize.glyph_repair import repair_text

    text = "\n".join(line.translate({ord(c): None for c in "қғңүұөәһҚҒҢҮҰӨӘҺ"}) for line in _LOST_CLEAN)
    result = repair_text(text)
    assert result.kind == "lost_dropped"
    assert result.text.split("\n")[1] == _LOST_CLEAN[1]
    assert "және министрлігі" in result.text


def test_clean_kazakh_and_clean_russian_pass_unchanged():
    from normalize.glyph_repair import repair_text

    for text in ("\n".join(_LOST_CLEAN), "О внесении изменений в приказ Министра\nПриказ вступает в силу\nс 1 января 2021 года"):
        result = repair_text(text)
        assert result.text == text and result.kind == "clean"


def test_russian_text_with_letter_spaced_titles_is_not_decoded_as_lost_kazakh_letters() -> None:
    """Regression: a Russian table whose group titles are letter-spaced ("О б р а з о в а н и е",
    WeasyPrint justification) was read as Kazakh with lost letters ('О бұр а өз ование'): the
    Russian-share gate counted only the Russian words the Kazakh model does not know, and it knows
    'государственный'."""
    from normalize.glyph_repair import repair_text

    lines = ["Государственный образовательный заказ на подготовку специалистов с техническим и "
             "профессиональным образованием", "О б р а з о в а н и е", "Ф и з и ч е с к а я  к у л ь т у р а",
             "Средние расходы на обучение одного специалиста, тенге", "С п о р т",
             "Количество мест по государственному заказу на учебный год"] * 4  # fmt: skip
    text = "\n".join(lines) + "\n"
    assert repair_text(text).text == text
