"""Validated tables and frames -> CSV text: UTF-8 without BOM, header row, "." decimal mark, no
thousands separators, empty = null, booleans as ``true``/``false``; the bytes of pandas'
``to_csv`` (which writes with the csv module), tested.

A dataset's CSV is made in Arrow's kernels (:func:`table_to_csv_text`): each column formatted
as text, quoted where the csv module would quote it, and the columns joined row by row; Python
only formats floats (``repr``, pandas' format) and joins the lines. The csv module took most of
the time of writing a run's datasets (its per-field work on the long text columns of ``tables``).
"""

from __future__ import annotations

import csv
import io

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def _quote_triggers() -> str:
    """The characters that make the csv module quote a field in our dialect (minimal quoting,
    "\\n" line ends): probed once, as they are the module's business (the delimiter, the quote
    and the line terminator's characters; whether a lone "\\r" counts differs between versions)."""
    found = []
    for code in range(0x80):
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerow([f"a{chr(code)}b", "c"])
        if buf.getvalue().startswith('"'):
            found.append(chr(code))
    return "".join(found)


QUOTE_TRIGGERS = _quote_triggers()
_NEEDS_QUOTES = "[" + "".join(f"\\x{{{ord(c):02x}}}" for c in QUOTE_TRIGGERS) + "]"  # RE2 syntax


def _float_fields(column: pa.ChunkedArray) -> list[str]:
    """Floats as pandas writes them (Python's shortest round-trip ``repr``), nulls empty."""
    return ["" if v is None else repr(v) for v in column.to_pylist()]


def _field_texts(column: pa.ChunkedArray) -> pa.ChunkedArray | pa.Array:
    """One column's CSV fields: nulls empty, floats as ``repr``, integers and booleans as Arrow
    prints them (``12``, ``true``), anything else as text (``large_string`` from pandas too),
    quoted (quotes doubled) where the csv module quotes it."""
    if pa.types.is_floating(column.type):
        return pa.array(_float_fields(column), type=pa.string())
    values = pc.fill_null(pc.cast(column, pa.string()), "")
    if pa.types.is_integer(column.type) or pa.types.is_boolean(column.type):
        return values  # digits, "-", "true", "false": nothing to quote
    needs = pc.match_substring_regex(values, _NEEDS_QUOTES)
    if not pc.any(needs).as_py():
        return values
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(values, '"', '""'), '"', "")
    return pc.if_else(needs, quoted, values)


def table_to_csv_text(table: pa.Table) -> str:
    """CSV text of a validated table (:func:`table_to_csv_text_by_rows` and pandas' ``to_csv``
    give the same bytes, tested)."""
    if table.num_columns < 2 or not table.num_rows:  # a lone empty field is written "": the csv module's way
        return table_to_csv_text_by_rows(table)
    lines = pc.binary_join_element_wise(*(_field_texts(c) for c in table.columns), ",")
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(table.column_names)
    return buf.getvalue() + "\n".join(lines.to_pylist()) + "\n"


def table_to_csv_text_by_rows(table: pa.Table) -> str:
    """:func:`table_to_csv_text` by the csv module, row by row (the reference)."""
    columns: list[list[str]] = []
    for column in table.columns:
        if pa.types.is_floating(column.type):
            columns.append(_float_fields(column))
        elif pa.types.is_string(column.type):
            columns.append(pc.fill_null(column, "").to_pylist())
        else:
            columns.append(pc.fill_null(pc.cast(column, pa.string()), "").to_pylist())
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(table.column_names)
    writer.writerows(zip(*columns, strict=True))
    return buf.getvalue()


def frame_to_csv_text(frame: pd.DataFrame) -> str:
    """A frame (the rejects; any dtypes) -> CSV text by pandas' ``to_csv``."""
    out = frame.copy()
    for name in out.columns:
        if str(out[name].dtype) == "boolean":
            out[name] = out[name].map({True: "true", False: "false"}, na_action="ignore")
    return out.to_csv(index=False, lineterminator="\n")
