"""Check with pdfplumber that the rendered samples show the seed's layout and defects.

    .venv/bin/python samples/verify_samples.py

Run by render_samples.py after rendering; exits non-zero when a check fails.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pdfplumber

HERE = Path(__file__).resolve().parent
TVET_PDF = HERE / "001_tvet_state_order_karaganda_2025.pdf"
ADD_PDF = HERE / "000_additional_education_karaganda_2025.pdf"
ADD_OOO_PDF = HERE / "000_additional_education_karaganda_2025_drawn_out_of_order.pdf"
KAZAKH = set("ӘәҒғҚқҢңӨөҰұҮүҺһ")
HEADER_MARK = "Білім деңгейінің,"


class Checker:
    def __init__(self) -> None:
        self.failures: list[str] = []
        self.passed = 0

    def check(self, ok: bool, what: str) -> None:
        if ok:
            self.passed += 1
        else:
            self.failures.append(what)
            print("FAIL", what)


def page_lines(pdf: pdfplumber.PDF) -> list[list[str]]:
    return [(p.extract_text() or "").splitlines() for p in pdf.pages]


def appendix_pages(lines: list[list[str]]) -> dict[int, list[int]]:
    """1-based page numbers of each appendix (an appendix runs until the next approval block)."""
    starts = {n: next(i for i, pl in enumerate(lines) if f"{n}- қосымша" in pl) for n in (1, 2, 3)}
    ends = {1: starts[2], 2: starts[3], 3: len(lines)}
    return {n: list(range(starts[n] + 1, ends[n] + 1)) for n in (1, 2, 3)}


def first_body_line(page: list[str]) -> str:
    """First line under the repeated header (or the first line when there is none)."""
    if page and HEADER_MARK in page[0]:
        return page[next(i for i, line in enumerate(page) if line.startswith("оқыту нысаны")) + 1]
    return page[0]


def row_label(row: dict) -> str:
    if row["kind"] == "item":
        return f"{row['row_no']} {row['code']}"
    return row.get("text") or f"{row['label']} {row['places']}"


def verify_tvet(c: Checker, doc: dict) -> None:
    with pdfplumber.open(TVET_PDF) as pdf:
        lines = page_lines(pdf)
    pages = appendix_pages(lines)
    c.check(lines[0][0].startswith("Техникалық және кәсіптік"), "001 page 1 holds the decree title")
    c.check(all(2 <= len(p) for p in pages.values()), f"001 appendices 1-3 run over pages {pages}")
    text = {i + 1: "\n".join(pl) for i, pl in enumerate(lines)}
    p1 = pages[1]
    c.check(all(HEADER_MARK in text[p] for p in p1), "001 appendix 1 repeats its header on every page")
    c.check(all(HEADER_MARK not in text[p] for p in pages[2][1:]),
            "001 appendix 2 does not repeat its header")
    c.check(all(HEADER_MARK in text[p] for p in pages[3]), "001 appendix 3 repeats its header")
    # row 3: "Графикалық / ж ә н е" + 25 + both costs, then "мультимедиялы / қ дизайн" on the next page
    p = next(p for p in p1 if "3 02110300 Графикалық 25 421 909 468 536" in text[p])
    c.check("ж ә н е" in lines[p - 1][-1] and "мультимедиялы" not in text[p],
            f"001 page {p}: appendix 1 row 3 starts at the page foot")
    c.check(lines[p][8:10] == ["мультимедиялы", "қ дизайн"], f"001 page {p + 1}: row 3 ends under the header")
    # row 12: name head + 45 + rural cost, then the rest of the name with the city cost at the bottom
    p = next(p for p in p1 if "12 07140100 Технологиялық 45 468 536" in text[p])
    c.check(lines[p - 1][-1] == "процесстерді" and "421 909" not in lines[p - 1][-1],
            f"001 page {p}: appendix 1 row 12 starts at the page foot without its city cost")
    c.check(lines[p][8:11] == ["автоматтандыру", "және басқару (", "бейін бойынша) 421 909"],
            f"001 page {p + 1}: row 12 ends with the city cost on its last line")
    everything = "\n".join(text.values())
    for label in ("С ә н д і к", "ж ы л ы н а", "а л ы қ", "т і л м е н", "Т е м і р"):
        c.check(label in everything, f"001 letter-spaced line {label!r} extracted spaced")
    c.check("Барлығы 105 - -" in everything and "Барлығы 272 - -" in text[pages[3][-1]],
            "001 dash totals printed")
    for app in doc["appendices"]:
        for b in app["seed_page_breaks"]:
            if b["kind"] != "before_row":
                continue
            label = row_label(app["rows"][b["row_index"]])
            starts = [p for p in pages[app["number"]] if first_body_line(lines[p - 1]).startswith(label)]
            c.check(len(starts) == 1, f"001 appendix {app['number']}: a page starts with {label!r}")
    for n, plist in pages.items():
        app_text = "\n" + "\n".join(text[p] for p in plist)
        missing = [row["row_no"] for row in doc["appendices"][n - 1]["rows"]
                   if row["kind"] == "item" and f"\n{row['row_no']} {row['code']}" not in app_text]
        c.check(not missing, f"001 appendix {n}: each row's number and code start a line (missing {missing})")


def verify_additional(c: Checker, doc: dict) -> None:
    with pdfplumber.open(ADD_PDF) as pdf, pdfplumber.open(ADD_OOO_PDF) as ooo:
        lines, lines_ooo = page_lines(pdf), page_lines(ooo)
        c.check(len(lines) == 2, "000 takes 2 pages")
        c.check(lines == lines_ooo, "000 out-of-order PDF extracts (sorted by position) to the same text")
        c.check(lines[0][-1] == "бағдарламалау" and lines[1][0] == "3 лего - құрастыру 55 20137 35068",
                "000 table crosses the page between rows 2 and 3 of Ғылыми-техникалық")
        page1 = "\n".join(lines[0])
        for label in ("а р н а л ғ а н", "( н е м е с е )", "тәрбиеленушіге (", "Ғылыми-техникалық 790"):
            c.check(label in page1, f"000 page 1 shows {label!r}")
        c.check(lines[1][-1] == "Барлығы 3300 558 620 910", "000 grand total with the annual sum")
        check_out_of_order(c, pdf, ooo)


def stream_lines(page: pdfplumber.page.Page) -> list[list[dict]]:
    """Chars grouped into visual lines (same baseline), each in content-stream order."""
    rows: dict[float, list[dict]] = {}
    for ch in page.chars:
        rows.setdefault(round(ch["bottom"], 1), []).append(ch)
    return list(rows.values())


def kazakh_order(page: pdfplumber.page.Page) -> tuple[int, int]:
    """Count Kazakh letters drawn after / before the (touching) character to their right."""
    index = {id(ch): i for i, ch in enumerate(page.chars)}
    late = early = 0
    for line in stream_lines(page):
        by_x = sorted(line, key=lambda ch: ch["x0"])
        for left, right in zip(by_x, by_x[1:], strict=False):
            if left["text"] in KAZAKH and right["text"] not in KAZAKH and right["x0"] - left["x1"] < 1:
                if index[id(left)] > index[id(right)]:
                    late += 1
                else:
                    early += 1
    return late, early


def check_out_of_order(c: Checker, pdf: pdfplumber.PDF, ooo: pdfplumber.PDF) -> None:
    for n, (page, page_ooo) in enumerate(zip(pdf.pages, ooo.pages, strict=True), start=1):
        normal = [ch["text"] for ch in page.chars]
        by_x = [ch["text"] for line in stream_lines(page_ooo) for ch in sorted(line, key=lambda ch: ch["x0"])]
        c.check(sorted(normal) == sorted(by_x), f"000 out-of-order page {n}: same characters")
        kaz_fonts = {ch["fontname"].split("+")[-1] for ch in page_ooo.chars if ch["text"] in KAZAKH}
        other_fonts = {ch["fontname"].split("+")[-1] for ch in page_ooo.chars if ch["text"] not in KAZAKH}
        c.check(all("Serif" in f for f in kaz_fonts) and all("Serif" not in f for f in other_fonts),
                f"000 out-of-order page {n}: Kazakh letters in font B {kaz_fonts}, the rest in font A")
        drawn_late, drawn_early = kazakh_order(page_ooo)
        c.check(drawn_late > 0 and drawn_early == 0,
                f"000 out-of-order page {n}: each Kazakh letter is drawn after the letter to its right "
                f"({drawn_late} late, {drawn_early} not)")
        normal_late, _ = kazakh_order(page)
        c.check(normal_late == 0, f"000 normal page {n}: drawn in reading order")
        flow = page_ooo.extract_text(use_text_flow=True)
        c.check(flow != page.extract_text(use_text_flow=True),
                f"000 out-of-order page {n}: stream order differs")
    first = ooo.pages[0].extract_text(use_text_flow=True)
    c.check("ылыми-техникалы Ғ қ" in first, "000 out-of-order: text flow gives 'ылыми-техникалы Ғ қ'")


def main() -> int:
    c = Checker()
    content = HERE / "content"
    checks: list[tuple[Callable[[Checker, dict], None], str]] = [
        (verify_tvet, "001_tvet_state_order.json"), (verify_additional, "000_additional_education.json")]
    for fn, name in checks:
        fn(c, json.loads((content / name).read_text(encoding="utf-8")))
    print(f"verify_samples: {c.passed} passed, {len(c.failures)} failed")
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
