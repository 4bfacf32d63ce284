"""What every PDF needs, independent of its content: the CJK fonts (found through
fontconfig, as WeasyPrint will find them), the HarfBuzz-subset check, a URL
fetcher that fetches nothing but our own templates, the jinja2 environment
(autoescape on), and atomic writing of PDF and HTML files.

Nothing here knows about reports; gap.py and review.py build the contexts.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import mimetypes
import os
import re
import subprocess
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

from scorer.errors import ScorerError

from scorer.paths import TEMPLATES_DIR

FONT_INSTALL_HINT = "apt-get install fonts-noto-cjk"
HARFBUZZ_INSTALL_HINT = "apt-get install libharfbuzz-subset0"


class FontMissingError(ScorerError):
    """No CJK font: a PDF would show every Chinese character as a box."""

    def __init__(self) -> None:
        super().__init__(
            f"系统中没有中文字体，生成的 PDF 会把汉字显示成方框，已停止；请先安装中文字体：{FONT_INSTALL_HINT}")


class RenderError(ScorerError):
    """WeasyPrint failed on a document (a bug or a broken system library)."""


# =========================================================================== fonts


@dataclass(frozen=True)
class FontFace:
    family: str  # first family name fontconfig gives
    style: str
    file: str


@dataclass(frozen=True)
class FontChoice:
    """The font stacks the templates use. `body` is the 宋体-like serif for text,
    `title` the 标题 face, `heading` the 黑体-like face for 一、 headings."""

    body: str
    title: str
    heading: str
    families: tuple[str, ...]  # every CJK family found, for the appendix / debugging

    @property
    def css(self) -> dict[str, str]:
        return {"body": self.body, "title": self.title, "heading": self.heading}


_SERIF_PREFERENCE = ("Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "Noto Serif SC",
                     "AR PL UMing CN", "SimSun", "Songti SC")
_SANS_PREFERENCE = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans SC",
                    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei", "PingFang SC")
_FC_CDEF = """
typedef struct _FcPattern FcPattern;
typedef struct _FcObjectSet FcObjectSet;
typedef struct _FcConfig FcConfig;
typedef struct _FcFontSet { int nfont; int sfont; FcPattern **fonts; } FcFontSet;
FcPattern *FcNameParse(const unsigned char *name);
FcObjectSet *FcObjectSetCreate(void);
int FcObjectSetAdd(FcObjectSet *os, const char *object);
FcFontSet *FcFontList(FcConfig *config, FcPattern *p, FcObjectSet *os);
int FcPatternGetString(const FcPattern *p, const char *object, int n, unsigned char **s);
void FcFontSetDestroy(FcFontSet *s);
void FcPatternDestroy(FcPattern *p);
void FcObjectSetDestroy(FcObjectSet *os);
"""


def _list_with_library() -> list[FontFace] | None:
    """`fc-list :lang=zh family style file`, through libfontconfig itself (the
    library Pango and WeasyPrint use, so the answer is the one they will see).
    None when the library cannot be loaded."""
    try:
        import cffi

        ffi = cffi.FFI()
        ffi.cdef(_FC_CDEF)
        lib = None
        for name in ("libfontconfig.so.1", "fontconfig", "libfontconfig-1.dll", "libfontconfig.1.dylib"):
            try:
                lib = ffi.dlopen(name)
                break
            except OSError:
                continue
        if lib is None:
            return None
    except Exception:
        return None
    pattern = lib.FcNameParse(b":lang=zh")
    objects = lib.FcObjectSetCreate()
    for obj in (b"family", b"style", b"file"):
        lib.FcObjectSetAdd(objects, obj)
    fontset = lib.FcFontList(ffi.NULL, pattern, objects)
    faces: list[FontFace] = []
    try:
        if fontset != ffi.NULL:
            out = ffi.new("unsigned char **")

            def get(p, what: bytes) -> str:
                if lib.FcPatternGetString(p, what, 0, out) == 0:
                    return ffi.string(out[0]).decode("utf-8", "replace")
                return ""

            for i in range(fontset.nfont):
                p = fontset.fonts[i]
                faces.append(FontFace(get(p, b"family"), get(p, b"style"), get(p, b"file")))
    finally:
        if fontset != ffi.NULL:
            lib.FcFontSetDestroy(fontset)
        lib.FcObjectSetDestroy(objects)
        lib.FcPatternDestroy(pattern)
    return faces


def _list_with_command() -> list[FontFace]:
    try:
        proc = subprocess.run(["fc-list", ":lang=zh", "family", "style", "file"],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return []
    faces = []
    for line in proc.stdout.splitlines():
        # /path/font.ttc: Family,Other name:style=Bold
        m = re.match(r"^(.*?): ([^:]*)(?::style=(.*))?$", line.strip())
        if m:
            faces.append(FontFace(m.group(2).split(",")[0], (m.group(3) or "").split(",")[0], m.group(1)))
    return faces


def list_cjk_fonts() -> list[FontFace]:
    """Every font fontconfig says covers Chinese (`fc-list :lang=zh`)."""
    faces = _list_with_library()
    if faces is None:
        faces = _list_with_command()
    return sorted(set(faces), key=lambda f: (f.family, f.style, f.file))


def _css_family(name: str) -> str:
    """A family name as a CSS string; only characters a font name has survive."""
    clean = re.sub(r"[^\w .+-]", "", name, flags=re.UNICODE).strip()
    return f'"{clean}"' if clean else ""


def choose_fonts(faces: list[FontFace]) -> FontChoice:
    """Font stacks from what is installed. Raises FontMissingError when nothing
    covers Chinese."""
    if not faces:
        raise FontMissingError()
    families = sorted({f.family for f in faces if f.family})
    bold = {f.family for f in faces if re.search(r"bold|heavy|black|粗", f.style, re.I)}
    serif = next((n for n in _SERIF_PREFERENCE if n in families), None)
    sans = next((n for n in _SANS_PREFERENCE if n in families), None)
    # Something CJK, even if none of the families we know: better than boxes.
    fallback = serif or sans or next((n for n in families if "mono" not in n.lower()), families[0])
    body = serif or fallback
    title = serif if serif and serif in bold else (sans if sans and sans in bold else body)
    heading = sans or title

    def stack(first: str, *more: str) -> str:
        names = []
        for n in (first, *more):
            css = _css_family(n)
            if css and css not in names:
                names.append(css)
        return ", ".join(names + ["serif"])

    return FontChoice(body=stack(body, fallback), title=stack(title, body), heading=stack(heading, title, body),
                      families=tuple(families))


def _fontconfig_env() -> tuple[str, ...]:
    return tuple(os.environ.get(k, "") for k in ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT"))


@lru_cache(maxsize=4)
def _fonts_for(env: tuple[str, ...]) -> FontChoice:
    return choose_fonts(list_cjk_fonts())


def require_cjk_fonts() -> FontChoice:
    """The fonts to use, or FontMissingError (one line of Chinese: what to install)."""
    return _fonts_for(_fontconfig_env())


# =========================================================================== HarfBuzz


def harfbuzz_subset_available() -> bool:
    """WeasyPrint's own test (weasyprint/pdf/fonts.py, Font.subset): it subsets
    fonts with HarfBuzz when libharfbuzz-subset could be loaded (text/ffi.py loads
    it with allow_fail=True) and HarfBuzz is at least 4.1.0; otherwise with
    fontTools, which takes seconds per Noto CJK face."""
    try:
        from weasyprint.text.ffi import harfbuzz, harfbuzz_subset
    except Exception:
        return False
    try:
        return harfbuzz_subset is not None and bool(harfbuzz.hb_version_atleast(4, 1, 0))
    except Exception:
        return False


HARFBUZZ_WARNING = (f"警告：未找到 HarfBuzz 字体子集库（libharfbuzz-subset，需 4.1 以上），生成 PDF 会慢很多；"
                    f"建议安装：{HARFBUZZ_INSTALL_HINT}")


# =========================================================================== URL fetching


class FetchRefused(ValueError):
    pass


def _make_fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class RestrictedFetcher(URLFetcher):
        """Fetches files inside templates/ and the data: URIs we registered; refuses
        everything else (http, https, ftp, file:// elsewhere, unknown schemes)
        without touching the network or the disk. Every request is recorded."""

        def __init__(self, root: Path = TEMPLATES_DIR, allowed_data: tuple[str, ...] = ()):
            super().__init__(timeout=1, allowed_protocols=("file", "data"), allow_redirects=False,
                             fail_on_errors=False)
            self.root = Path(root).resolve()
            self.allowed_data = set(allowed_data)
            self.requested: list[str] = []
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            self.requested.append(url)
            if url.startswith("data:") and url in self.allowed_data:
                return super().fetch(url, headers)
            if url[:5].lower() == "file:":
                path = _file_url_path(url)
                if path is not None:
                    try:
                        real = path.resolve(strict=True)
                    except OSError:
                        real = None
                    if real is not None and real.is_file() and real.is_relative_to(self.root):
                        mime = mimetypes.guess_type(real.name)[0] or "application/octet-stream"
                        return URLFetcherResponse(real.as_uri(), real.read_bytes(), {"Content-Type": mime})
            self.refused.append(url)
            raise FetchRefused(f"已拒绝获取外部资源：{url[:200]}")

    return RestrictedFetcher


def _file_url_path(url: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    return Path(unquote(parts.path))


_FETCHER_CLASS = None


def restricted_fetcher(allowed_data: tuple[str, ...] = ()):
    global _FETCHER_CLASS
    if _FETCHER_CLASS is None:
        _FETCHER_CLASS = _make_fetcher_class()
    return _FETCHER_CLASS(TEMPLATES_DIR, allowed_data)


# =========================================================================== jinja


@lru_cache(maxsize=1)
def jinja_env():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        # Everything from a report is untrusted: escaped in every HTML/SVG template.
        autoescape=select_autoescape(enabled_extensions=("html", "htm", "svg", "xml"), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = fmt_number
    env.filters["date_cn"] = date_cn
    env.filters["clip"] = clip
    env.filters["wrap_cjk"] = wrap_cjk
    env.globals["rule_book"] = rule_book_view
    return env


def fmt_number(value: float | int | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, int):
        return str(value)
    return f"{value:.{digits}f}"


def date_cn(value: dt.date | None) -> str:
    if value is None:
        return "未注明"
    return f"{value.year}年{value.month}月{value.day}日"


def clip(text: str, n: int) -> str:
    text = text or ""
    return text if len(text) <= n else text[: max(1, n - 1)] + "…"


_BREAK_AFTER = "、，,；;：:）)」》 "


def wrap_cjk(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters and of about equal length, preferring to
    break after punctuation (for chart labels, where SVG does not wrap)."""
    text = (text or "").strip()
    if len(text) <= width:
        return [text]
    lines: list[str] = []
    while text:
        remaining = -(-len(text) // width)  # lines still needed
        if remaining <= 1:
            lines.append(text)
            break
        target = -(-len(text) // remaining)
        marks = [i for i in range(max(1, target - 3), min(width, len(text) - 1) + 1) if text[i - 1] in _BREAK_AFTER]
        cut = min(marks, key=lambda i: abs(i - target)) if marks else target
        lines.append(text[:cut].strip())
        text = text[cut:].strip()
    return lines


# =========================================================================== PDF writing


class _Capture(logging.Handler):
    """WeasyPrint's warnings (English, on its own logger) are collected per
    document instead of being printed to the user's terminal."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.local = threading.local()

    def emit(self, record: logging.LogRecord) -> None:
        sink = getattr(self.local, "sink", None)
        if sink is not None:
            try:
                sink.append(record.getMessage())
            except Exception:
                pass


_CAPTURE = _Capture()


def _install_capture() -> None:
    logger = logging.getLogger("weasyprint")
    if _CAPTURE not in logger.handlers:
        logger.addHandler(_CAPTURE)
        logger.propagate = False


@contextmanager
def _captured(sink: list[str]) -> Iterator[None]:
    _install_capture()
    _CAPTURE.local.sink = sink
    try:
        yield
    finally:
        _CAPTURE.local.sink = None


@contextmanager
def _fewer_gc_passes() -> Iterator[None]:
    """WeasyPrint allocates millions of short-lived objects; with the default
    thresholds the cyclic collector runs thousands of times per document (~15% of
    the time). Raised for the duration of one layout, then restored."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], 50_000), max(old[1], 20), max(old[2], 100))
    try:
        yield
    finally:
        gc.set_threshold(*old)


@dataclass
class PdfOutput:
    data: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)  # WeasyPrint's messages, English
    requested: list[str] = field(default_factory=list)  # every URL WeasyPrint asked for
    refused: list[str] = field(default_factory=list)


_FONT_CONFIG = None


def _font_config():
    """One FontConfiguration per process: loading fontconfig's font list each
    time costs more than a small report takes to lay out."""
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        from weasyprint.text.fonts import FontConfiguration

        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


def html_to_pdf(html: str, *, allowed_data: tuple[str, ...] = ()) -> PdfOutput:
    """Lay out `html` (with relative URLs resolved inside templates/) and return the
    PDF bytes. The fetcher refuses anything outside templates/."""
    from weasyprint import HTML

    fetcher = restricted_fetcher(allowed_data)
    warnings: list[str] = []
    with _captured(warnings), _fewer_gc_passes():
        try:
            doc = HTML(string=html, base_url=TEMPLATES_DIR.as_uri() + "/", url_fetcher=fetcher).render(
                font_config=_font_config())
            data = doc.write_pdf()
        except ScorerError:
            raise
        except Exception as exc:
            raise RenderError(f"生成 PDF 失败（{type(exc).__name__}: {str(exc)[:200]}）") from exc
    return PdfOutput(data=data, pages=len(doc.pages), warnings=warnings,
                     requested=list(fetcher.requested), refused=list(fetcher.refused))


def atomic_write(target: Path, data: bytes) -> None:
    """Temp file in the target's folder, then os.replace: the target is either the
    old file or the complete new one, never half of one (scorer.fsutil.atomic_write)."""
    from scorer.fsutil import atomic_write as write

    write(target, data)


# =========================================================================== file names

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_NAME_BYTES = 200  # leaves room for "-12.pdf" and the temp-file prefix within 255 bytes


def safe_filename(name: str, fallback: str = "报告") -> str:
    """A file name stem that is valid on Linux, macOS and Windows: no separators
    or reserved characters, no leading dots, not too long in UTF-8 bytes."""
    name = _UNSAFE.sub("_", name or "")
    name = re.sub(r"\s+", " ", name).strip().strip(".").strip()
    name = re.sub(r"_+", "_", name)
    while len(name.encode("utf-8")) > MAX_NAME_BYTES:
        name = name[:-1]
    name = name.rstrip(" .")
    if not name:
        return fallback
    if name.split(".")[0].upper() in _WINDOWS_RESERVED:
        name = "_" + name
    return name


def unique_name(stem: str, taken: set[str]) -> str:
    """stem, stem-2, stem-3 ... the first not in `taken` (compared case-insensitively,
    for case-insensitive file systems); adds it to `taken`."""
    candidate, n = stem, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem}-{n}"
    taken.add(candidate.casefold())
    return candidate


def rule_book_view() -> dict:
    """What the method appendix says about the rules, read from checklists/rules.yaml and
    the structure checklist, so that the prose is never a second copy of the rules."""
    from scorer.analysis.score import score_values
    from scorer.checklist.load import STRUCTURE_CHECKLIST, load_checklist
    from scorer.checklist.rules import describe_rules, rulebook

    book = rulebook()
    values = {k.value: v for k, v in score_values(book).items()}
    structure = load_checklist(STRUCTURE_CHECKLIST).spec
    groups = {"signals": "具体性信号", "modality": "语气", "vetoes": "不算数的命中", "matching": "命中",
              "sections": "报告的部分", "structure": "报告结构", "scoring": "计分", "document_kind": "文件类型"}
    return {"point_values": values, "model": book.score_model, "version": book.version,
            "effective_from_year": structure.effective_from_year,
            "rules": [dict(r, group_name=groups.get(r["group"], r["group"])) for r in describe_rules() if r["enabled"]]}
