"""Check samples/content/*.json against the seed text dumps they transcribe.

The seeds (shared/seeds/*.txt, beside the repository) are pdf-to-text dumps of the real Adilet
PDFs.  This script rebuilds, from the JSON, the stream of characters the dump shows (same order,
including the order the dump has around the two rows split by a page break) and compares it with
the dump, ignoring whitespace.  The decree body is compared as a multiset of characters, because
the dump displaces link text (that is the point of the "fixed" body in the JSON).

    .venv/bin/python samples/check_content.py [SEED_DIR]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SEEDS = HERE.parent.parent / "shared" / "seeds"


def squash(text: str) -> str:
    return "".join(text.split())


def spread(lines: list[str], spaced: list[int]) -> list[str]:
    """Lines as the dump shows them: a letter-spaced line comes out as "С ә н д і к"."""
    return [" ".join(line) if i in spaced else line for i, line in enumerate(lines)]


def header_stream(header: dict) -> list[str]:
    return [line for row in header["rows"] for cell in row
            for line in spread(cell["lines"], cell.get("spaced_lines", []))]


def tvet_row_stream(row: dict, split: dict | None) -> list[str]:
    if row["kind"] == "group":
        return [row["text"]]
    if row["kind"] in ("subtotal", "grand_total"):
        return [row["label"], row["places"], row["cost_city"], row["cost_rural"]]
    costs = {"cost_city": row["cost_city_lines"], "cost_rural": row["cost_rural_lines"]}
    head = [row["row_no"], row["code"]]
    name = spread(row["name_lines"], row["spaced_lines"])
    if split is None:
        return head + name + [row["places"]] + costs["cost_city"] + costs["cost_rural"]
    n, late = split["name_lines_before"], split["cells_after_break"]
    early = [line for key, lines in costs.items() if key not in late for line in lines]
    after = [line for key in late for line in costs[key]]
    return head + name[:n] + [row["places"]] + early + name[n:] + after


def tvet_appendix_stream(app: dict) -> list[str]:
    splits = {b["row_index"]: b for b in app["seed_page_breaks"] if b["kind"] == "inside_row"}
    out = app["approval_block"] + [app["title"], app["subtitle"]] + header_stream(app["header"])
    for i, row in enumerate(app["rows"]):
        out += tvet_row_stream(row, splits.get(i))
    return out


def additional_row_stream(row: dict) -> list[str]:
    if row["kind"] == "direction":
        return [row["text"], row["places"]]
    if row["kind"] == "grand_total":
        return [row["label"], row["places"], row["annual_sum"]]
    name = spread(row["name_lines"], row["spaced_lines"])
    return [row["row_no"], *name, row["places"], row["cost"], row["cost_special_needs"]]


def compare_tokens(label: str, expected: str, got: str) -> list[str]:
    """Same words in the same order, so a space added or lost inside a cost shows up too."""
    exp, have = expected.split(), got.split()
    if exp == have:
        return []
    i = next((k for k, (a, b) in enumerate(zip(exp, have, strict=False)) if a != b), min(len(exp), len(have)))
    return [f"{label}: word {i} differs: seed {exp[max(0, i - 6):i + 6]} json {have[max(0, i - 6):i + 6]}"]


def compare(label: str, expected: str, got: str) -> list[str]:
    if expected == got:
        return []
    i = next((k for k, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b),
             min(len(expected), len(got)))
    return [f"{label}: differs at char {i}: seed ...{expected[max(0, i - 30):i + 30]!r} "
            f"json ...{got[max(0, i - 30):i + 30]!r}"]


def check_act(label: str, act: dict, seed_lines: list[str], body_end: str) -> list[str]:
    errors = compare(f"{label} title", squash(seed_lines[1] + seed_lines[2]), squash(act["title"]))
    errors += compare(f"{label} act_line", squash(seed_lines[4]), squash(act["act_line"]))
    end = next(i for i, line in enumerate(seed_lines) if line.strip() == body_end)
    seed_body = Counter(squash("".join(seed_lines[5:end + 1])))
    json_body = Counter(squash("".join(act["body"]) + act["signature"]))
    if seed_body != json_body:
        errors.append(f"{label} body: chars differ: seed-only {seed_body - json_body}, "
                      f"json-only {json_body - seed_body}")
    return errors


def check_additional(seed: str, doc: dict) -> list[str]:
    lines = seed.splitlines()
    errors = check_act("000", doc["act"], lines, doc["act"]["signature"])
    table = seed[seed.index(" р/н"):]
    stream = header_stream(doc["table"]["header"])
    for row in doc["table"]["rows"]:
        stream += additional_row_stream(row)
    return errors + compare_tokens("000 table", table, " ".join(stream))


def check_tvet(seed: str, doc: dict) -> list[str]:
    lines = seed.splitlines()
    errors = check_act("001", doc["act"], lines, doc["act"]["signature"])
    parts = seed.split("Қарағанды облысы әкімдігінің")[1:]
    if len(parts) != len(doc["appendices"]):
        return errors + [f"001: {len(parts)} appendices in seed, {len(doc['appendices'])} in json"]
    for part, app in zip(parts, doc["appendices"], strict=True):
        got = " ".join(tvet_appendix_stream(app))
        errors += compare_tokens(f"001 appendix {app['number']}", "Қарағанды облысы әкімдігінің" + part, got)
    return errors


def check_sums_tvet(doc: dict) -> list[str]:
    """Report (do not fail on) subtotals that do not add up: the JSON keeps them as printed."""
    notes = []
    for app in doc["appendices"]:
        acc, total = 0, 0
        for row in app["rows"]:
            if row["kind"] == "item":
                acc += int(row["places"])
            elif row["kind"] == "subtotal":
                printed = int(row["places"].replace(" ", ""))
                if printed != acc:
                    notes.append(f"appendix {app['number']}: subtotal printed {printed}, rows give {acc}")
                total, acc = total + printed, 0
            elif row["kind"] == "grand_total" and int(row["places"].replace(" ", "")) != total:
                notes.append(f"appendix {app['number']}: total printed {row['places']}, subtotals {total}")
    return notes


def main(argv: list[str]) -> int:
    seeds = Path(argv[1]) if len(argv) > 1 else DEFAULT_SEEDS
    content = HERE / "content"
    pairs = [("000_db496c880b8098a9.txt", "000_additional_education.json", check_additional),
             ("001_6214c69c2a3206a2.txt", "001_tvet_state_order.json", check_tvet)]
    errors = []
    for seed_name, json_name, check in pairs:
        seed_path = seeds / seed_name
        if not seed_path.exists():
            print(f"skip {json_name}: no seed at {seed_path}")
            continue
        doc = json.loads((content / json_name).read_text(encoding="utf-8"))
        errors += check(seed_path.read_text(encoding="utf-8"), doc)
    tvet = json.loads((content / "001_tvet_state_order.json").read_text(encoding="utf-8"))
    for note in check_sums_tvet(tvet):
        print("note (kept as printed):", note)
    for err in errors:
        print("ERROR", err)
    print("content matches the seeds" if not errors else f"{len(errors)} mismatch(es)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
