"""Laid-out PDFs kept by the HTML they come from: a render after a small change lays out only
what changed (issue 14, "speed where users wait").

WeasyPrint needs about 0.15–0.3 s of CPU per A4 page; all annexes of 100 Steckbriefe are some 90 s
of CPU. Between two renders a coordinator usually changes one Steckbrief: its part of Anlage 2
and the finance blocks whose figures it moves change, the rest does not. The same HTML always
gives the same PDF bytes (the output is deterministic), so a PDF can be kept by the SHA-256 of
its HTML and of everything else that shapes it (:func:`_fingerprint`: digistrat's PDF code,
WeasyPrint, its parsers, Pyphen, Pillow and fontTools, pydyf, Pango, HarfBuzz, pikepdf and qpdf,
and the installed fonts as fontconfig's caches, configuration and font folders describe them).

What is kept: a single document (``dokument``), a part of Anlage 2 with its page counts
(``teil``), the front part with its own page count (``vorne``) and the joined annex
(``verbunden``, keyed by the bytes of its inputs). An entry is one file in the result cache's
directory (:mod:`digistrat.loading.cache`, same location, size bound and ``--no-cache``): a line
of JSON (format, key, the SHA-256 and length of the PDF, the metadata) and the PDF bytes. An entry
whose header does not parse, names another key or whose bytes do not match the checksum is
ignored: the document is laid out again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

FORMAT = 1
_SUFFIX = ".pdfcache"


def _cache():
    from digistrat.loading import cache

    return cache.active()


def cached(
    kind: str,
    material: str | bytes,
    make: Callable[[], tuple[dict[str, Any], bytes]],
    valid: Callable[[dict[str, Any]], bool] = lambda meta: True,
) -> tuple[dict[str, Any], bytes]:
    """(metadata, PDF) made from ``material``: the cache's entry when there is one whose metadata
    is ``valid``, else ``make()``, which is then kept."""
    entry_key = key(kind, material)
    hit = load(entry_key)
    if hit is not None and valid(hit[0]):
        return hit
    meta, pdf = make()
    store(entry_key, meta, pdf)
    return meta, pdf


def key(kind: str, material: str | bytes) -> str | None:
    """The key of the PDF made from ``material`` (HTML, or the inputs of a join); None: no cache."""
    if _cache() is None:
        return None
    data = material.encode("utf-8", "surrogatepass") if isinstance(material, str) else material
    engine = "typst" if kind.startswith("typst") else "weasyprint"
    return hashlib.sha256(f"{_fingerprint(engine)} {kind}\0".encode() + data).hexdigest()


def load(entry_key: str | None) -> tuple[dict[str, Any], bytes] | None:
    """(metadata, PDF bytes) of an entry; None when missing, foreign or damaged."""
    cache = _cache()
    if entry_key is None or cache is None:
        return None
    try:
        with open(_path(cache.root, entry_key), "rb") as fh:
            blob = fh.read()
        head, _, pdf = blob.partition(b"\n")
        entry = json.loads(head)
        if entry.get("format") != FORMAT or entry.get("key") != entry_key or entry.get("laenge") != len(pdf):
            return None
        if hashlib.sha256(pdf).hexdigest() != entry.get("sha256") or not pdf.startswith(b"%PDF-"):
            return None
        meta = entry.get("meta")
        if not isinstance(meta, dict):
            return None
    except (OSError, ValueError, AttributeError, RecursionError):  # RecursionError: a header nested deeply
        return None
    return meta, pdf


def store(entry_key: str | None, meta: dict[str, Any], pdf: bytes) -> None:
    """Keep ``pdf`` (written atomically; a full or read-only disk only means no entry)."""
    cache = _cache()
    if entry_key is None or cache is None:
        return
    head = {"format": FORMAT, "key": entry_key, "sha256": hashlib.sha256(pdf).hexdigest(), "laenge": len(pdf)}
    head["meta"] = meta
    line = json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    cache.write(_path(cache.root, entry_key), line + b"\n" + pdf)


def prune() -> None:
    """Bring the cache under its bound now, after a PDF render: its entries are large (1,000
    Steckbriefe: about 100 MB), and the bound was otherwise checked only when the next command
    loads a project."""
    cache = _cache()
    if cache is not None:
        cache.prune(now=True)


def _path(root: Path, entry_key: str) -> Path:
    return root / entry_key[:2] / f"{entry_key}{_SUFFIX}"


@functools.lru_cache(maxsize=2)
def _fingerprint(engine: str = "weasyprint") -> str:
    """Everything besides the source (Typst) or the HTML (WeasyPrint) that decides the bytes of a PDF."""
    from digistrat import __version__

    parts = [str(FORMAT), __version__, engine]
    files: tuple[str, ...]
    if engine == "typst":  # without importing WeasyPrint (a second of a render that needs none)
        parts.append(_version("typst"))
        files = ("typst_pdf.py", "typst_text.py", "forked.py")
    else:
        parts += _weasyprint_versions()
        files = ("pdf.py",)
    try:
        import pikepdf

        parts += [pikepdf.__version__, pikepdf.__libqpdf_version__]
    except ImportError:
        parts.append("no pikepdf")
    here = Path(__file__).resolve().parent
    h = hashlib.sha256("\0".join(parts).encode())
    for name in (*files, "agenda_pdf.py", "pdf_join.py", "pdf_cache.py"):
        h.update((here / name).read_bytes())
    h.update(_fonts_fingerprint().encode())
    return h.hexdigest()


def _weasyprint_versions() -> list[str]:
    import pydyf
    import weasyprint
    from weasyprint.text.ffi import pango

    parts = [weasyprint.__version__, pydyf.__version__, str(pango.pango_version())]
    parts += [_version(name) for name in _LAYOUT_PACKAGES]
    parts.append(_harfbuzz_version())
    return parts


# What shapes WeasyPrint's bytes besides itself: HTML and CSS parsing, hyphenation, images, fonts
_LAYOUT_PACKAGES = ("tinyhtml5", "tinycss2", "cssselect2", "pyphen", "pillow", "fonttools")


def _version(name: str) -> str:
    from importlib import metadata

    try:
        return f"{name} {metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return f"no {name}"


def _harfbuzz_version() -> str:
    """HarfBuzz shapes the text and subsets the fonts; Pango's version does not tell which one is loaded."""
    import ctypes

    for name in ("libharfbuzz.so.0", "libharfbuzz.0.dylib", "libharfbuzz-0.dll"):
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        library.hb_version_string.restype = ctypes.c_char_p
        return f"harfbuzz {library.hb_version_string().decode()}"
    return "harfbuzz unknown"


def _fonts_fingerprint() -> str:
    """What fontconfig chooses fonts from: every file of its caches and configuration (name, size,
    time) and every font folder (name, time).

    ``fc-cache`` rewrites the caches when fonts are installed or removed; a font only copied into a
    folder changes the folder's time (fontconfig rewrites its cache then, but while laying out,
    after this key is made); an alias in the configuration (``/etc/fonts``, the user's,
    ``FONTCONFIG_FILE``) picks another font for the same HTML.
    """
    env = os.environ
    # the user's folders as fontconfig finds them: from the environment, not Path.home(), which
    # raises in a container whose user has neither HOME nor an entry in /etc/passwd
    home = env.get("HOME")
    user = [
        env.get(xdg) or (os.path.join(home, default) if home else "")
        for xdg, default in (("XDG_CACHE_HOME", ".cache"), ("XDG_CONFIG_HOME", ".config"))
    ]
    data = env.get("XDG_DATA_HOME") or (os.path.join(home, ".local", "share") if home else "")
    files = ["/var/cache/fontconfig", "/usr/lib/fontconfig/cache", "/etc/fonts"]
    files += [env[name] for name in ("FONTCONFIG_FILE", "FONTCONFIG_PATH") if env.get(name)]
    files += [os.path.join(folder, "fontconfig") for folder in user if folder]
    folders = ["/usr/share/fonts", "/usr/local/share/fonts"] + ([os.path.join(data, "fonts")] if data else [])
    if home:
        files.append(os.path.join(home, ".fonts.conf"))
        folders.append(os.path.join(home, ".fonts"))
    seen = [f"{name}={env.get(name, '')}" for name in ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT")]
    for top in files:
        seen += _stats(top, files=True)
    for top in folders:
        seen += _stats(top, files=False)
    return "\n".join(sorted(seen))


def _stats(top: str, *, files: bool) -> list[str]:
    """``top`` and what is below it: path, size (files only) and time of each entry that exists."""
    paths = [top]
    for root, dirs, names in os.walk(top):
        paths += [os.path.join(root, name) for name in (dirs + names if files else dirs)]
    found = []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            continue
        found.append(f"{path} {st.st_size if files else 0} {st.st_mtime_ns}")
    return found
