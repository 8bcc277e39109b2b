"""The few named errors of the pipeline. Each names the file, the page and the value involved."""

from __future__ import annotations


class AdiletError(Exception):
    """Base class: ``kind`` is the short status written to the ``documents`` dataset."""

    kind = "error"

    def __init__(self, message: str, *, file: str | None = None, page: int | None = None, value: str | None = None):
        self.file, self.page, self.value = file, page, value
        where = ", ".join(x for x in (file, f"page {page}" if page else None) if x)
        detail = f" (value: {value!r})" if value is not None else ""
        super().__init__(f"{where}: {message}{detail}" if where else f"{message}{detail}")


class InputError(AdiletError):
    """The file cannot be read as a PDF: not a PDF, empty, truncated, encrypted."""

    kind = "bad_input"


class NoTextLayerError(InputError):
    """The PDF has pages but no text layer: scanned images."""

    kind = "no_text_layer"


class EmptyDocumentError(InputError):
    """The PDF has pages but neither text nor images on them."""

    kind = "empty_document"


class ExtractionError(AdiletError):
    """The PDF opened but its tables could not be read."""

    kind = "extraction_failed"


class SchemaError(AdiletError):
    """Rows failed the dataset schema; nothing of that dataset is written."""

    kind = "invalid_dataset"
