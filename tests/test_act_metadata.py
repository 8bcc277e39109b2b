"""Act metadata (documents) and the appendices dataset.

Samples: checked against samples/content/*.json, the seed content the PDFs were drawn from (not
what the tool read). Real Adilet PDFs: checked against what their first page prints (read from
the rendered pages). Pure parsing: small strings.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.page import TextLine
from extract.act_metadata import document_language, parse_act_line, parse_kk_date, parse_registration
from tests.conftest import REAL_PDFS, SAMPLES, read_csv


def _content(name: str) -> dict:
    return json.loads((SAMPLES / "content" / name).read_text(encoding="utf-8"))


def test_dates_kazakh_and_russian() -> None:
    assert parse_kk_date("2025 жылғы 6 тамыздағы") == "2025-08-06"
    assert parse_kk_date("2016 жылы 9 наурызда") == "2016-03-09"
    assert parse_kk_date("2021 жылғы 13 шiлдедегі") == "2021-07-13"  # Latin i typed for і
    assert parse_kk_date("от 22 января 2016 года") == "2016-01-22"
    assert parse_kk_date("2021 жылғы 31 ақпандағы") is None


def test_act_line_is_the_nominative_act_not_the_amended_one() -> None:
    text = (
        '"Білім беру ұйымдарында ... бекіту туралы" Қазақстан Республикасы Білім және ғылым министрінің 2014 жылғы '
        "4 желтоқсандағы № 506 бұйрығына өзгерістер енгізу туралы Қазақстан Республикасы Білім және ғылым "
        "министрінің м.а. 2017 жылғы 10 наурыздағы № 110 бұйрығы."
    )
    act = parse_act_line(text)
    assert act is not None
    assert (act.authority, act.date, act.number, act.act_type) == (
        "Қазақстан Республикасы Білім және ғылым министрі", "2017-03-10", "110", "бұйрық",
    )  # fmt: skip


def test_russian_act_line_and_registration() -> None:
    act = parse_act_line("Приказ Министра образования и науки Республики Казахстан от 22 января 2016 года № 66.")
    assert act is not None and (act.act_type, act.date, act.number) == ("приказ", "2016-01-22", "66")
    assert parse_act_line("Основание для выдачи Приказ ГУ «Департамент» от 15 апреля 2021 года № 97.") is None
    reg = "Зарегистрирован в Министерстве юстиции Республики Казахстан 16 марта 2016 года № 13487."
    assert parse_registration(reg) == ("13487", "2016-03-16")
    assert parse_registration("Әділет министрлігінде 2016 жылы 16 наурызда № 13487 болып тіркелді.") == (
        "13487", "2016-03-16",
    )  # fmt: skip


def test_language() -> None:
    def lines(text: str) -> list[TextLine]:
        return [TextLine(text, 0, 100, 0, 10, 1, 10)]

    assert document_language(lines("Қазақстан Республикасы Білім және ғылым министрінің бұйрығы " * 3)) == "kk"
    assert document_language(lines("Приказ Министра образования и науки Республики Казахстан " * 3)) == "ru"


SAMPLE_ACTS = {
    "001_tvet_state_order_karaganda_2025.pdf": "001_tvet_state_order.json",
    "003_roadmap.pdf": "003_roadmap.json",
    "004_norms_open_data.pdf": "004_norms_open_data.json",
}


@pytest.mark.parametrize(("pdf", "content"), SAMPLE_ACTS.items())
def test_sample_documents_metadata(samples_out: Path, pdf: str, content: str) -> None:
    act = _content(content)["act"]
    row = read_csv(samples_out / "documents.csv").set_index("source_file").loc[pdf]
    assert row["act_title"] == act["title"]
    parsed = parse_act_line(act["act_line"])
    assert parsed is not None
    assert (row["act_authority"], row["act_date"], row["act_number"], row["act_type"]) == (
        parsed.authority, parsed.date, parsed.number, parsed.act_type,
    )  # fmt: skip
    assert row["act_language"] == "kk"
    number, date = parse_registration(act["act_line"])
    assert (row["act_reg_number"], row["act_reg_date"]) == (number or "", date or "")


def test_sample_004_act_values(samples_out: Path) -> None:
    row = read_csv(samples_out / "documents.csv").set_index("source_file").loc["004_norms_open_data.pdf"]
    assert (row["act_authority"], row["act_date"], row["act_number"]) == (
        "Қазақстан Республикасы Білім және ғылым министрі", "2021-07-13", "336",
    )  # fmt: skip
    assert (row["act_reg_number"], row["act_reg_date"]) == ("23536", "2021-07-15")


def test_sample_tvet_appendices(samples_out: Path) -> None:
    content = _content("001_tvet_state_order.json")
    got = read_csv(samples_out / "appendices.csv")
    got = got[got["source_file"] == "001_tvet_state_order_karaganda_2025.pdf"]
    assert got["number"].tolist() == [str(a["number"]) for a in content["appendices"]]
    assert got["title"].tolist() == [a["title"] for a in content["appendices"]]
    assert got["subtitle"].tolist() == [a.get("subtitle") or "" for a in content["appendices"]]
    assert got["approval_block"].tolist() == [" ".join(a["approval_block"]) for a in content["appendices"]]
    assert got["tables"].tolist() == ["1", "2", "3"]


def test_sample_004_appendices(samples_out: Path) -> None:
    content = _content("004_norms_open_data.json")
    got = read_csv(samples_out / "appendices.csv")
    got = got[got["source_file"] == "004_norms_open_data.pdf"].reset_index(drop=True)
    assert got["number"].tolist() == ["", "1", "2"]
    assert got.at[0, "title"] == content["list"]["title"]
    assert got.at[0, "approval_block"].endswith("№ 336 бұйрығымен бекітілген")
    assert got["title"].tolist()[1:] == [t["title"] or "" for t in content["tables"]]
    assert got["tables"].tolist() == ["", "1", "2"]
    assert got["page_first"].tolist() == ["2", "3", "8"]


def test_sample_roadmap_appendix(samples_out: Path) -> None:
    table = _content("003_roadmap.json")["tables"][0]
    got = read_csv(samples_out / "appendices.csv")
    got = got[got["source_file"] == "003_roadmap.pdf"].reset_index(drop=True)
    assert len(got) == 1 and got.at[0, "title"] == table["title"]
    assert got.at[0, "approval_block"].startswith(" ".join(table["approval_block"]))


REAL = sorted(REAL_PDFS.glob("adilet_kk_mon_order*.pdf")) if REAL_PDFS.is_dir() else []
# what the first page of each order prints under its title (read from the rendered pages)
REAL_ACTS = {
    "adilet_kk_mon_order110_2017_academic_leave_amendment.pdf": ("2017-03-10", "110", "15171", "2017-05-25"),
    "adilet_kk_mon_order66_2016_dormitory_places_rules.pdf": ("2016-01-22", "66", "13487", "2016-03-16"),
    "adilet_kk_mon_order180_2020_free_meals_service_rules.pdf": ("2020-05-04", "180", None, None),
}


@pytest.mark.skipif(not REAL, reason="../shared/real_pdfs is not here")
@pytest.mark.parametrize(("name", "expected"), REAL_ACTS.items())
def test_real_adilet_act_lines(name: str, expected: tuple[str, str, str | None, str | None]) -> None:
    from adilet.process import process_file

    doc = process_file(REAL_PDFS / name).document
    assert doc["act_type"] == "бұйрық" and doc["act_language"] == "kk"
    assert doc["act_authority"] == "Қазақстан Республикасы Білім және ғылым министрі"
    assert (doc["act_date"], doc["act_number"], doc["act_reg_number"], doc["act_reg_date"]) == expected
