"""Running Kazakh text for the word model, from Debian's Kazakh translation packages.

Sources (all Debian packages, fetched with ``apt-get download``, never installed; see
``normalize/data/README.md`` for their licences):

* ``libreoffice-l10n-kk``: LibreOffice's Kazakh UI messages (gettext ``.mo`` catalogues);
* ``firefox-esr-l10n-kk`` and ``thunderbird-l10n-kk``: Mozilla's Kazakh language packs (Fluent
  ``.ftl``, ``.properties`` and ``.dtd`` strings inside ``.xpi`` archives);
* the ``.mo`` catalogues already under ``/usr/share/locale/kk`` of the machine (glib, gtk,
  coreutils ...).

Each catalogue file is one *document* (its id: package name + path inside it). Markup,
placeholders (``%s``, ``$(ARG1)``, ``{ $name }``), accelerator marks (``~``, ``&``, ``_``) and
entities are removed; what remains is one message per line.

:func:`split_of` puts a document in ``train`` or ``heldout`` by a hash of its id (deterministic,
10% held out): held-out documents never reach the model and are the benchmark's text.
"""

from __future__ import annotations

import gettext
import hashlib
import html
import io
import re
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGES = ("libreoffice-l10n-kk", "firefox-esr-l10n-kk", "thunderbird-l10n-kk")
SYSTEM_LOCALE = Path("/usr/share/locale/kk/LC_MESSAGES")
HELDOUT_BUCKETS = 10  # one document in ten (by hash of its id) is held out


@dataclass(frozen=True)
class Document:
    doc_id: str
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def split_of(doc_id: str) -> str:
    """``heldout`` for one document id in :data:`HELDOUT_BUCKETS`, else ``train``."""
    h = int.from_bytes(hashlib.sha256(doc_id.encode("utf-8")).digest()[:4], "big")
    return "heldout" if h % HELDOUT_BUCKETS == 0 else "train"


_TAGS = re.compile(r"<[^>]{0,200}>")
_PLACEHOLDERS = re.compile(
    r"\{\s*[$-]?[\w.-]+(?:\([^)]*\))?\s*\}"  # Fluent { $name } / { -brand }
    r"|\$\([A-Z0-9_]+\)|\$[A-Z0-9_]+\$?"  # $(ARG1), $NAME$
    r"|%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?[sdiufxXSlc]|%\d+|%[A-Z_]+%"  # printf, %1, %PRODUCTNAME%
    r"|\{\{[^}]*\}\}|#\d+"
)
_ACCEL = re.compile(r"(?<=\w)~(?=\w)|(?<![\w&])~(?=\w)|&(?=\w)(?!\w+;)|(?<![\w_])_(?=\w)")
_SPACES = re.compile(r"[ \t]+")
_SELECTOR = re.compile(r"\{\s*[$-]?[\w.-]+(?:\([^)]*\))?\s*->")
_VARIANT = re.compile(r"\*?\[[\w-]+\]|(?<=\s)\}")
# keys whose values are not text: access keys, shortcuts, sizes
_NOT_TEXT = re.compile(r"(?i)(?:^|[._-])(?:access-?key|command-?key|key|style|width|height|size)\s*=")


def clean_message(msg: str) -> list[str]:
    """The text lines of one UI message, markup and placeholders removed (a Fluent selector's
    variants become lines of their own)."""
    msg = _SELECTOR.sub("", msg)
    msg = _VARIANT.sub("\n", msg)
    msg = _TAGS.sub(" ", msg)
    msg = html.unescape(msg.replace("\\n", "\n").replace("\\t", " "))
    msg = _PLACEHOLDERS.sub(" ", msg)
    msg = _ACCEL.sub("", msg)
    out = []
    for line in msg.replace("\r", "").split("\n"):
        line = _SPACES.sub(" ", line).strip()
        if len(line) > 2 and any("\u0400" <= ch <= "\u04ff" for ch in line):
            out.append(line)
    return out


def mo_messages(data: bytes) -> list[str]:
    cat = gettext.GNUTranslations(io.BytesIO(data))
    msgs = []
    for value in cat._catalog.values():  # type: ignore[attr-defined]
        msgs.extend(value if isinstance(value, tuple) else [value])
    return msgs


_FTL_VALUE = re.compile(r"^\s*(?:[\w.-]+\s*=|\.[\w-]+\s*=)\s?(.*)$")
_PROP_VALUE = re.compile(r"^\s*[^#!\s][^=]*=\s?(.*)$")
_DTD_VALUE = re.compile(r"<!ENTITY\s+([\w.-]+)\s+\"([^\"]*)\"")


def text_messages(name: str, data: str) -> list[str]:
    """The message values of a Fluent, .properties or .dtd file."""
    if name.endswith(".dtd"):
        return [m.group(2) for m in _DTD_VALUE.finditer(data) if not _NOT_TEXT.search(m.group(1) + "=")]
    pattern = _FTL_VALUE if name.endswith(".ftl") else _PROP_VALUE
    msgs = []
    for line in data.split("\n"):
        if line.lstrip().startswith("#"):
            continue
        m = pattern.match(line)
        if m and _NOT_TEXT.search(line[: m.start(1)]):
            continue
        if m:
            msgs.append(m.group(1))
        elif name.endswith(".ftl") and line.startswith("    ") and msgs:  # continuation line
            msgs[-1] += " " + line.strip()
    return msgs


def _document(doc_id: str, messages: list[str]) -> Document | None:
    lines = tuple(line for msg in messages for line in clean_message(msg))
    return Document(doc_id, lines) if lines else None


def package_documents(root: Path, package: str) -> Iterator[Document]:
    """The catalogues of one unpacked package tree."""
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.suffix == ".mo":
            doc = _document(f"{package}:{rel}", mo_messages(path.read_bytes()))
            if doc:
                yield doc
        elif path.suffix == ".xpi":
            with zipfile.ZipFile(path) as zf:
                for name in sorted(zf.namelist()):
                    if name.endswith((".ftl", ".properties", ".dtd")):
                        text = zf.read(name).decode("utf-8", errors="replace")
                        doc = _document(f"{package}:{rel}!{name}", text_messages(name, text))
                        if doc:
                            yield doc


def download_packages(dest: Path, packages: tuple[str, ...] = PACKAGES) -> dict[str, Path]:
    """``apt-get download`` each package into ``dest`` and unpack it; package -> tree."""
    dest.mkdir(parents=True, exist_ok=True)
    trees = {}
    for pkg in packages:
        tree = dest / pkg
        if not tree.exists():
            subprocess.run(["apt-get", "download", pkg], cwd=dest, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            debs = sorted(dest.glob(f"{pkg}_*.deb"))
            subprocess.run(["dpkg-deb", "-x", str(debs[-1]), str(tree)], check=True)
        trees[pkg] = tree
    return trees


def documents(cache: Path | None = None) -> list[Document]:
    """Every document of the Debian sources (downloaded into ``cache`` or a temporary folder)."""
    docs: list[Document] = []

    def collect(base: Path) -> None:
        for pkg, tree in download_packages(base).items():
            docs.extend(package_documents(tree, pkg))

    if cache is None:
        with tempfile.TemporaryDirectory() as tmp:
            collect(Path(tmp))
    else:
        collect(cache)
    if SYSTEM_LOCALE.is_dir():
        for path in sorted(SYSTEM_LOCALE.glob("*.mo")):
            doc = _document(f"system-locale:{path.name}", mo_messages(path.read_bytes()))
            if doc:
                docs.append(doc)
    return docs
