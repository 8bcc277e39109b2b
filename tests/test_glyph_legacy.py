"""kz1048 mojibake and legacy-font code points: detection and repair; foreign text left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalize.glyph_legacy import KZ1048_TABLE, LEGACY_TABLE, convert_word
from normalize.glyph_repair import detect_kind, repair_legacy_chars, repair_text
from normalize.kazakh_lm import KazakhLexicon

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

KAZAKH = (
    "Қазақстан Республикасы Білім және ғылым министрінің кейбір бұйрықтарына өзгерістер енгізу туралы\n"
    "Қазақстан Республикасының Үкіметі ҚАУЛЫ ЕТЕДІ:\n"
    "      1. Қоса беріліп отырған Қазақстан Республикасы Білім және ғылым министрінің өзгерістер "
    "енгізілетін кейбір бұйрықтарының тізбесі бекітілсін.\n"
    "Ауылдық жерлерде тұратын, сондай-ақ әлеуметтік жағдайы төмен және көп балалы отбасылардан шыққан "
    "дарынды балаларды анықтау жүйесін енгізу және оларға қолдау көрсету\n"
)
FOREIGN = {
    "russian": "Министерство образования и науки Республики Казахстан утвердило правила. Всё хорошо, ещё раз.",
    "serbian": "Ђорђе је ишао у школу. Његова ћерка воли џем и љубав. Ноћ је тиха, кућа је велика.",
    "macedonian": "Куќата е голема. Ѓорѓи ќе дојде утре. Ѕвездата свети. Њивата е зелена, џамијата е стара. "
    "Ќерка ми оди на училиште, а ѓубрето е надвор.",
    "ukrainian": "Її батьки живуть у Києві. Ґанок є біля хати, а їжак їсть яблуко. Є ще одна річ.",
    "belarusian": "Ўсё добра, і ўсе ведаюць. Ён прыйшоў учора ў горад.",
}


def legacy_encode(text: str) -> str:
    inverse = {v: k for k, v in LEGACY_TABLE.items()}
    return "".join(inverse.get(ch, ch) for ch in text)


def test_kz1048_table_comes_from_the_codec() -> None:
    assert KZ1048_TABLE["Ќ"] == "Қ" and KZ1048_TABLE["ѕ"] == "ң" and KZ1048_TABLE["Ї"] == "Ү"
    assert len(KZ1048_TABLE) == 16


def test_kz1048_mojibake_repaired() -> None:
    broken = KAZAKH.encode("kz1048").decode("cp1251")
    assert "Ќазаќстан Республикасыныѕ Їкіметі" in broken
    assert detect_kind(broken) == "kz1048"
    assert repair_legacy_chars(broken) == KAZAKH
    result = repair_text(broken)
    assert result.kind == "kz1048" and result.text == KAZAKH and result.lines_changed == 4


def test_legacy_code_points_repaired() -> None:
    broken = legacy_encode(KAZAKH)
    assert "Ќазаќстан" in broken and "жѕне ѓылым" in broken
    assert detect_kind(broken) == "legacy_codepoints"
    assert repair_legacy_chars(broken) == KAZAKH


def test_whole_clean_seed_round_trips_through_both_encodings() -> None:
    paths = sorted(SEEDS.glob("004_*.txt"))
    if not paths:
        pytest.skip("seed 004 not available")
    text = paths[0].read_text(encoding="utf-8")
    assert repair_legacy_chars(text.encode("kz1048").decode("cp1251")) == text
    assert repair_legacy_chars(legacy_encode(text)) == text


@pytest.mark.parametrize("name", sorted(FOREIGN))
def test_foreign_text_never_touched(name: str) -> None:
    text = FOREIGN[name]
    assert detect_kind(text) == "clean"
    assert repair_legacy_chars(text) == text
    assert repair_text(text).text == text


def test_foreign_words_inside_a_legacy_kazakh_document_keep_their_letters() -> None:
    broken = legacy_encode(KAZAKH) + FOREIGN["macedonian"] + "\n" + FOREIGN["serbian"] + "\n"
    assert detect_kind(broken) == "legacy_codepoints"
    assert repair_legacy_chars(broken) == KAZAKH + FOREIGN["macedonian"] + "\n" + FOREIGN["serbian"] + "\n"


def test_convert_word_rules() -> None:
    lm = KazakhLexicon.load()
    assert convert_word("Ќазаќстан", LEGACY_TABLE, lm) == "Қазақстан"
    for word in ["Ђорђе", "њега", "ќерка", "куќа", "Ѓорѓи", "џамија", "ѕвезда"]:
        assert convert_word(word, LEGACY_TABLE, lm) == word
        assert convert_word(word, KZ1048_TABLE, lm) == word


def test_unattested_letters_learned_from_the_document() -> None:
    """Ө and Һ have no attested legacy code point: a document whose font put them on є and ћ
    gets them back when that turns its words into known Kazakh words (regression: "кєлемі",
    "жаћандыќ" stayed as printed); a Ukrainian word with є keeps its letter."""
    kazakh = KAZAKH + ("Білім беру көлемі жаһандық деңгейде өсті, өңірлік мөлшері өзгерді, жиһаз өндірісі. "
                       "Цитата: «Європа».\n")
    broken = legacy_encode(kazakh).replace("ө", "є").replace("Ө", "Є").replace("һ", "ћ")
    broken = broken.replace("«Єуропа»", "«Європа»")  # the quotation was Ukrainian to begin with
    assert "кєлемі" in broken and "жаћандыќ" in broken
    repaired = repair_text(broken).text
    assert "көлемі" in repaired and "жаһандық" in repaired and "жиһаз" in repaired and "өзгерістер" in repaired
    assert "«Європа»" in repaired  # not Kazakh once converted: left alone


def test_lone_marker_opening_a_line_ends_the_word_above() -> None:
    """Regression: a narrow cell cut "оқушылардың" as "оқушыларды" / "ң PISA"; the lone legacy
    letter on the next line was left as "њ". It is converted when it completes the word above;
    a lone marker that completes nothing stays."""
    broken = legacy_encode(KAZAKH + "оқушыларды\nң PISA зерттеуі\nбір\nә дегенде\n")
    repaired = repair_text(broken).text
    assert "оқушыларды\nң PISA" in repaired and "бір\nѕ дегенде" in repaired
