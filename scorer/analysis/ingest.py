"""Read a report file (.txt, .html, .docx, .pdf) into a cleaned `Document`.

Steps: read bytes -> pick the format (extension, else the bytes) -> extract text ->
normalise characters -> convert Traditional to Simplified if needed -> remove web
page chrome (breadcrumbs, info tables, print/close buttons, footers) -> metadata.

Every failure a user can cause raises `InputError(path, problem)` with one line of
Chinese; nothing else escapes `load_document`, whatever the bytes. Nothing here
touches the network.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from scorer.errors import InputError
from scorer.analysis.limits import LimitExceeded, check_docx, check_html_bytes, check_pdf_bytes
from scorer.analysis.metadata import extract_meta, looks_like_title
from scorer.checklist.prefilter import literal_alternation, prefiltered
from scorer.models import Document

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_TEXT_CHARS = 2_000_000
# Limits on inflated sizes (.docx, .pdf) and on HTML markup: scorer/analysis/limits.py
MAX_CHROME_LINE = 80

HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
FORMAT_NAMES = {"txt": "文本", "html": "网页（HTML）", "docx": "Word", "pdf": "PDF"}

TRADITIONAL_WARNING = "原文为繁体中文，已转换为简体中文后评查"
PINYIN_WARNING = "原文的汉字带有拼音注音，已去除注音后评查"
# A pinyin gloss after a Han character: "设(shè)", "区(qū)"; a tone mark tells it from an abbreviation "(a)".
PINYIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")
# Every gloss holds a toned vowel: looking for one first skips the gloss pattern, which starts
# with a look-behind and so is tried at every character, in almost every text.
PINYIN_TONE = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")


@dataclass
class _Extracted:
    """What a format reader returns: the page's full text (chrome and all, for the
    publication date) and the report body, if the reader can tell them apart."""

    raw: str
    body: str | None = None
    encoding: str | None = None
    title: str | None = None  # a title line the body extraction dropped (HTML h1)
    warnings: list[str] = field(default_factory=list)


# =========================================================================== entry point


def load_document(path: str | os.PathLike) -> Document:
    """Read one report file into a cleaned Document. Raises InputError only."""
    source = os.fspath(path)
    data = read_report_bytes(source)
    fmt = _detect_format(source, data)
    try:
        extracted = READERS[fmt](source, data)
        return _build_document(source, fmt, extracted)
    except InputError:
        raise
    except LimitExceeded as exc:
        raise InputError(source, exc.problem) from None
    except MemoryError:
        raise InputError(source, "文件过大，内存不足，无法读取") from None
    except Exception as exc:  # a library choking on odd input: still one Chinese line
        raise InputError(source, f"读取{FORMAT_NAMES[fmt]}文件时出错，无法提取文字（{type(exc).__name__}）") from exc


def read_report_bytes(source: str) -> bytes:
    """The bytes of a report file, after the checks that need no reading: missing,
    a folder, a pipe or device, over the size limit. Raises InputError."""
    p = Path(source)
    try:
        if not p.exists():
            raise InputError(source, "文件不存在")
        if p.is_dir():
            raise InputError(source, "不是文件（是目录）")
        if not p.is_file():  # a pipe or device: reading it could block or never end
            raise InputError(source, "不是普通文件，无法读取")
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(source, f"文件过大（{size / 1024 / 1024:.1f} MB，上限为 100 MB）")
        # A plain-text file cannot hold fewer than one character per 4 bytes, so a text
        # file this large is refused from its size alone, before reading 50 MB.
        if p.suffix.lower() in (".txt", ".text", ".md") and size > 4 * MAX_TEXT_CHARS:
            raise InputError(source, f"文件过大（{size / 1024 / 1024:.1f} MB，纯文本上限为 {4 * MAX_TEXT_CHARS // 1024 // 1024} MB）")
        data = p.read_bytes()
    except PermissionError:
        raise InputError(source, "无权限读取") from None
    except InputError:
        raise
    except (OSError, ValueError) as exc:
        raise InputError(source, f"无法读取文件（{exc.__class__.__name__}）") from None
    if not data:
        raise InputError(source, "文件为空")
    return data


_read_bytes = read_report_bytes  # the name before it was public


def _build_document(source: str, fmt: str, ex: _Extracted) -> Document:
    raw = normalize_text(ex.raw)
    body = normalize_text(ex.body) if ex.body is not None else raw
    empty = "正文为空（去除网页导航等内容后没有文字）" if fmt == "html" else "文件为空"
    if not body.strip():
        raise InputError(source, empty)
    longest = max(len(body), len(raw) // 2)  # a page's chrome may double its text, no more
    if longest > MAX_TEXT_CHARS:
        raise InputError(source, f"文件过大（提取出的文字有 {longest:,} 字，上限为 {MAX_TEXT_CHARS:,} 字）")
    warnings = list(ex.warnings)
    title = ex.title
    if is_traditional(body):
        raw, body = to_simplified(raw), to_simplified(body)
        title = to_simplified(title) if title else None
        warnings.append(TRADITIONAL_WARNING)
    if PINYIN_TONE.search(body) and PINYIN_GLOSS.search(body):
        # Some mirror sites gloss characters with pinyin ("建设(shè)"), which splits every term.
        raw, body = PINYIN_GLOSS.sub("", raw), PINYIN_GLOSS.sub("", body)
        warnings.append(PINYIN_WARNING)
    text = strip_chrome(body)
    if not text.strip():
        raise InputError(source, "正文为空（去除网页导航等内容后没有文字）")
    if title and title not in text[:500]:
        text = title + "\n\n" + text  # the page's <h1> title, which main-text extraction drops
    text = collapse_blank_lines(text)
    return Document(source=source, format=fmt, encoding=ex.encoding, text=text,
                    meta=extract_meta(raw, text), warnings=warnings)


# =========================================================================== formats


def _detect_format(source: str, data: bytes) -> str:
    """The extension decides, unless the bytes are unmistakably another format."""
    suffix = Path(source).suffix.lower()
    sniffed = _sniff(data)
    if sniffed in ("pdf", "docx"):
        return sniffed
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".docx":
        return "docx"
    if suffix in HTML_SUFFIXES:
        return "html"
    if sniffed == "html":
        return "html"
    return "txt"


def _sniff(data: bytes) -> str | None:
    head = data[:2048]
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and _zip_has(data, "word/document.xml"):
        return "docx"
    text_head = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    # Saved pages may open with a comment (<!-- saved from url=... -->) or <?xml ...?>.
    html_tags = (b"<html", b"<body", b"<!doctype html", b"<head")
    if text_head.startswith(b"<") and any(tag in text_head for tag in html_tags):
        return "html"
    return None


def _zip_has(data: bytes, name: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return name in z.namelist()
    except Exception:
        return False


# --------------------------------------------------------------------------- txt

# Signatures that cannot begin a text file; other binaries show themselves by NULs.
BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF", b"\x1f\x8b", b"7z\xbc\xaf")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc / .xls / .wps
OLD_WORD_HINT = "旧版 Word/WPS 文档（.doc/.wps），无法读取：请用 Word 或 WPS 另存为 .docx 后再评查"


def _read_txt(source: str, data: bytes) -> _Extracted:
    text, encoding, warnings = decode_text(source, data)
    if not text.strip():
        raise InputError(source, "文件为空")
    return _Extracted(raw=text, encoding=encoding, warnings=warnings)


def decode_text(source: str, data: bytes) -> tuple[str, str, list[str]]:
    """(text, encoding name, warnings) of a plain-text file's bytes."""
    for bom, codec, name in ((b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"), (b"\xff\xfe", "utf-16-le", "utf-16"),
                             (b"\xfe\xff", "utf-16-be", "utf-16")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), name, []
            except UnicodeDecodeError:
                break
    if data.startswith(OLE_MAGIC):
        raise InputError(source, OLD_WORD_HINT)
    if data.startswith(b"{\\rtf"):
        raise InputError(source, "RTF 格式的文档无法读取：请用 Word 或 WPS 另存为 .docx 后再评查")
    if data.startswith(BINARY_MAGIC) or b"\x00" in data[:8192]:
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError(source, "二进制文件，不是可识别的文本、HTML、Word 或 PDF 报告")
        return text, "utf-16", []
    if _control_share(data[:8192]) > 0.05:
        raise InputError(source, "二进制文件，不是可识别的文本、HTML、Word 或 PDF 报告")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    chinese = _decode_chinese(data)
    if chinese:
        return chinese[0], chinese[1], []
    for codec in ("utf-8", "gb18030"):  # a few damaged bytes in an otherwise sound file
        text = data.decode(codec, errors="replace")
        if text.count("\ufffd") <= max(3, len(text) // 1000):
            return text, codec, ["文件中有少量无法识别的字符，已替换为“\ufffd”"]
    guessed = _charset_normalizer_guess(data)
    if guessed:
        return guessed[0], guessed[1], []
    raise InputError(source, "无法识别文字编码")


def _control_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # counted in C, not byte by byte
    return controls / len(sample)


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _utf16_without_bom(data: bytes) -> str | None:
    """Windows 'Unicode' text saved without a BOM: NULs in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        printable = sum(1 for c in text if c.isprintable() or c in "\r\n\t")
        if printable >= 0.95 * len(text) and _cjk_count(text) >= 0.2 * len(text):
            return text
    return None


def _cjk_count(text: str) -> int:
    return sum(1 for c in text if "\u4e00" <= c <= "\u9fff")


def _decode_chinese(data: bytes) -> tuple[str, str] | None:
    """GB18030 or Big5, whichever decodes strictly into common characters.

    Big5 bytes usually decode as GB18030 too (into rare characters), so when both
    succeed the one whose characters are the standard's common ones wins."""
    candidates = []
    for codec in ("gb18030", "big5", "cp950"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((_common_share(text, codec), text, "big5" if codec == "cp950" else codec))
        if codec == "big5":
            break
    if not candidates:
        return None
    share, text, codec = max(candidates, key=lambda c: c[0])
    if codec != "gb18030" and share < 0.8:
        return None
    return text, codec


def _common_share(text: str, codec: str) -> float:
    """Share of CJK characters that are common in the given standard (GB2312 for
    GB18030, Big5 level 1 for Big5): near 1 for a right guess, near 0.5 for a wrong one."""
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff"][:5000]
    if not chars:
        return 1.0 if codec == "gb18030" else 0.0
    common = 0
    for c in chars:
        try:
            if codec == "gb18030":
                c.encode("gb2312")
                common += 1
            elif 0xA440 <= int.from_bytes(c.encode("big5"), "big") <= 0xC67E:
                common += 1
        except UnicodeEncodeError:
            pass
    return common / len(chars)


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    non_ascii = [c for c in text if ord(c) > 127]
    # Chinese bytes decoded as some Latin code page give accented letters, not Han.
    if non_ascii and sum(1 for c in non_ascii if _is_cjk_or_punct(c)) < 0.5 * len(non_ascii):
        return None
    return text, best.encoding


def _is_cjk_or_punct(c: str) -> bool:
    o = ord(c)
    return 0x3000 <= o <= 0x9FFF or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F or 0xF900 <= o <= 0xFAFF


# --------------------------------------------------------------------------- html

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody",
    "tfoot", "thead", "tr", "ul", "title",
}
CELL_TAGS = {"td", "th"}
NOISE_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
              "select", "button", "input", "textarea", "head")
NAV_TAGS = ("nav", "header", "footer", "aside", "menu")
NAV_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|header|top|topbar|breadcrumbs?|crumbs?|position|location"
    r"|share|sidebar|side|copyright|banner|toolbar|links?|friendlink)(?:$|[\s_-])",
    re.I,
)
META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
TITLE_CLASS_RE = re.compile(r"title|biaoti|bt\b|headline", re.I)


def _read_html(source: str, data: bytes) -> _Extracted:
    check_html_bytes(data)  # size, markup and text before any parsing
    html, encoding = _decode_html(source, data)
    root = _parse_html(html)
    if root is None:
        raise InputError(source, "正文为空（去除网页导航等内容后没有文字）")
    raw = _html_text(root)
    body = _main_text(html)
    fallback = _html_text(root, drop_navigation=True)
    if not body or _has_layout_table(body) or not _covers_paragraphs(body, fallback):
        body = fallback  # trafilatura missed the report: take the page minus navigation
    body = _drop_link_lines(body, _link_texts(root))
    return _Extracted(raw=raw, body=body, encoding=encoding, title=_html_title(root))


def _decode_html(source: str, data: bytes) -> tuple[str, str]:
    """Text of an HTML page: BOM, then the declared charset, then the text rules."""
    m = META_CHARSET_RE.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = m.group(1).decode("ascii").lower()
        codec = "gb18030" if declared in ("gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936") else declared
        try:
            return data.decode(codec), codec
        except (UnicodeDecodeError, LookupError):
            pass
    text, encoding, _ = decode_text(source, data)
    return text, encoding


def _parse_html(html: str):
    import lxml.html
    from lxml import etree

    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)  # lxml refuses str input with an encoding declaration
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, *NOISE_TAGS, with_tail=False)
    return root


def _main_text(html: str) -> str | None:
    """The report body as trafilatura sees it (paragraphs one per line)."""
    import trafilatura

    return trafilatura.extract(html, include_comments=False, include_tables=True, include_images=False,
                               include_links=False, favor_recall=True, deduplicate=False)


def _html_text(root, drop_navigation: bool = False) -> str:
    """Text of the <body>, one line per block element, table cells side by side."""
    from lxml import etree

    body = root.find("body")
    body = body if body is not None else root
    parts: list[str] = []
    skip_depth = 0
    for event, el in etree.iterwalk(body, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if skip_depth or (drop_navigation and _is_navigation(el, tag)):
                skip_depth += 1  # inside a dropped subtree until its end event
                continue
            if tag in BLOCK_TAGS:
                parts.append("\n")
            elif tag in CELL_TAGS:
                parts.append("  ")
            parts.append(el.text or "")
        else:
            if skip_depth:
                skip_depth -= 1
                if skip_depth:
                    continue
            elif tag in BLOCK_TAGS and tag != "br":  # <br> breaks once, at its start
                parts.append("\n")
            parts.append(el.tail or "")
    return "".join(parts)


def _is_navigation(el, tag: str) -> bool:
    """A menu, breadcrumb, share bar or footer: named so, and short or mostly links.
    (A CMS may call the box around the whole article "top" or "side".)"""
    marker = f"{el.get('class', '')} {el.get('id', '')}"
    if tag not in NAV_TAGS and not NAV_CLASS_RE.search(marker):
        return False
    text = re.sub(r"\s", "", el.text_content())
    links = sum(len(re.sub(r"\s", "", a.text_content())) for a in el.iter("a"))
    return len(text) < 200 or links >= 0.5 * len(text)


def _covers_paragraphs(extracted: str, page_text: str) -> bool:
    """Whether the extracted text holds most of the page's real paragraphs (long lines
    with a full stop): trafilatura sometimes picks a sidebar instead of the report."""
    paragraphs = [line.strip() for line in page_text.split("\n") if len(line.strip()) >= 60 and "。" in line]
    if not paragraphs:
        return True
    squeezed = re.sub(r"\s", "", extracted)
    covered = sum(len(p) for p in paragraphs if re.sub(r"\s", "", p) in squeezed)
    return covered >= 0.7 * sum(len(p) for p in paragraphs)


def _has_layout_table(extracted: str) -> bool:
    """trafilatura renders a page laid out in a <table> as one huge "| ... |" row,
    with the report's paragraphs run together."""
    return any(line.startswith("|") and len(line) > 200 for line in extracted.split("\n"))


def _link_texts(root) -> list[str]:
    """Texts of the page's short links (menus, related articles, 上一篇), longest first."""
    texts = {re.sub(r"\s", "", a.text_content()) for a in root.iter("a")}
    return sorted((t for t in texts if 2 <= len(t) <= 40), key=len, reverse=True)


def _drop_link_lines(text: str, links: list[str]) -> str:
    """Drop lines made only of link texts: a report's paragraphs are not links."""
    if not links:
        return text
    kept = []
    for line in text.split("\n"):
        rest = re.sub(r"\s", "", line)
        if rest and len(rest) <= 200:
            for link in links:
                if link in rest:
                    rest = rest.replace(link, "")
            if not re.search(r"\w", rest) and rest != re.sub(r"\s", "", line):
                continue
        kept.append(line)
    return "\n".join(kept)


def _html_title(root) -> str | None:
    """The page's report title from h1-h3 or a 'title' element (trafilatura drops it)."""
    candidates = root.xpath("//h1|//h2|//h3|//*[@class or @id]")
    for el in candidates:
        if el.tag not in ("h1", "h2", "h3") and not TITLE_CLASS_RE.search(f"{el.get('class', '')} {el.get('id', '')}"):
            continue
        text = re.sub(r"\s+", " ", el.text_content()).strip()
        if looks_like_title(text):
            return normalize_text(text).strip()
    return None


# --------------------------------------------------------------------------- docx


def _read_docx(source: str, data: bytes) -> _Extracted:
    from docx import Document as open_docx

    bad = InputError(source, "Word 文档已损坏或不是 .docx 格式")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if "word/document.xml" not in z.namelist():
                raise bad
            check_docx(z)  # inflated sizes, from the zip's directory, before anything is inflated
    except zipfile.BadZipFile:
        raise bad from None
    try:
        doc = open_docx(io.BytesIO(data))
    except Exception:
        raise bad from None
    lines = list(_docx_blocks(doc.element.body))
    return _Extracted(raw="\n".join(lines))


def _docx_blocks(container):
    """Paragraph and table text of a body (or table cell) in document order."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, None).text
        elif child.tag == qn("w:tbl"):
            yield from _docx_table(child)
        elif child.tag == qn("w:sdt"):  # content controls wrap ordinary paragraphs
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _docx_blocks(content)


def _docx_table(tbl):
    """A row with one filled cell is a layout box: its paragraphs stay lines of their
    own. A row of several cells becomes one line, cells separated by tabs."""
    from docx.oxml.ns import qn

    for tr in tbl.iter(qn("w:tr")):
        if tr.getparent() is not tbl:
            continue  # nested tables are read through their cell
        cells = [list(_docx_blocks(tc)) for tc in tr.iterchildren(qn("w:tc"))]
        filled = [c for c in cells if any(line.strip() for line in c)]
        if len(filled) == 1:
            yield from filled[0]
        elif filled:
            yield "\t".join(" ".join(line.strip() for line in c if line.strip()) for c in filled)


# --------------------------------------------------------------------------- pdf

PAGE_NUMBER_RE = re.compile(r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页(?:\s*[/／,，]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")
CID_RE = re.compile(r"\(cid:\d+\)")
LINE_END_RE = re.compile(r"[。！？!?；;：:…][”’\"』」）)]?$")
HEADING_START_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|\d{1,2}\s*[、.．](?!\d)"
    r"|第[一二三四五六七八九十\d]{1,3}[章节部分条]|[①-⑳])"
)
CJK_GAP_RE = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) (?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")


@dataclass
class _PdfLine:
    text: str
    x0: float
    x1: float
    height: float
    page: int


def _read_pdf(source: str, data: bytes) -> _Extracted:
    check_pdf_bytes(data)  # no stream inflates past the limits
    try:
        lines, pages = _pdf_lines(data)
    except (LimitExceeded, MemoryError):
        raise
    except Exception:  # pdfminer's syntax, encryption and plain Python errors alike
        raise InputError(source, "PDF 已损坏或已加密") from None
    lines = _drop_page_furniture(lines, pages)
    text = "".join(line.text for line in lines)
    if not re.sub(r"\s", "", CID_RE.sub("", text)) or len(CID_RE.findall(text)) * 8 > len(text):
        # no characters, or only glyph ids without a Unicode map: nothing a person could read
        raise InputError(source, "PDF 没有文字层（可能是扫描件），需要先进行 OCR 识别")
    return _Extracted(raw=_join_pdf_lines(lines))


def _pdf_pages(data: bytes):
    """Laid-out pages one at a time (pdfminer's extract_pages, with the page count and
    each page's inflated content checked before the page is interpreted)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    from scorer.analysis.limits import MAX_PDF_PAGES, check_pdf_page, check_pdf_page_count, too_many_pages

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    check_pdf_page_count(document)
    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=LAParams())
    interpreter = PDFPageInterpreter(resources, device)
    for page_no, page in enumerate(PDFPage.create_pages(document), 1):
        if page_no > MAX_PDF_PAGES:
            raise too_many_pages()
        check_pdf_page(page, page_no)
        interpreter.process_page(page)
        yield device.get_result()


def _pdf_lines(data: bytes) -> tuple[list[_PdfLine], int]:
    from pdfminer.layout import LTTextContainer, LTTextLine

    lines: list[_PdfLine] = []
    pages = 0
    for page_no, page in enumerate(_pdf_pages(data)):
        pages += 1
        for box in page:
            if not isinstance(box, LTTextContainer):
                continue
            for item in box:
                if isinstance(item, LTTextLine):
                    text = CJK_GAP_RE.sub("", item.get_text().strip())
                    if text:
                        lines.append(_PdfLine(text, item.x0, item.x1, item.height, page_no))
    if not pages:
        raise ValueError("no pages")
    return lines, pages


def _drop_page_furniture(lines: list[_PdfLine], pages: int) -> list[_PdfLine]:
    """Page numbers, and short running headers repeated on most pages."""
    kept = [line for line in lines if not PAGE_NUMBER_RE.match(line.text)]
    if pages >= 3:
        seen: dict[str, set[int]] = {}
        for line in kept:
            if len(line.text) <= 40:
                seen.setdefault(line.text, set()).add(line.page)
        repeated = {t for t, on in seen.items() if len(on) > pages / 2}
        kept = [line for line in kept if line.text not in repeated]
    return kept


def _join_pdf_lines(lines: list[_PdfLine]) -> str:
    """Re-join lines the page layout broke: a line that runs to the right margin
    continues on the next, unless the next starts a heading or a new paragraph."""
    if not lines:
        return ""
    char = sorted(line.height for line in lines)[len(lines) // 2] or 10.0
    left, right = _margins(lines, char)
    indented = [line.x0 > left + 0.8 * char for line in lines]
    full = [line.x1 >= right - 1.5 * char for line in lines]
    # Does the document mark paragraphs by a first-line indent? Look at lines that
    # certainly start a paragraph (those after a short line).
    starts = [indented[i] for i in range(1, len(lines)) if not full[i - 1]]
    indent_style = bool(starts) and sum(starts) >= 0.6 * len(starts)
    out = [lines[0].text]
    for i in range(1, len(lines)):
        prev, cur = lines[i - 1], lines[i]
        # A paragraph line fills the measure and starts at the margin (or its indent);
        # its continuation starts at the margin. Right-aligned signatures and centred
        # titles do neither.
        continues = (full[i - 1] and prev.x0 <= left + 2.5 * char and not indented[i]
                     and not HEADING_START_RE.match(cur.text))
        # Without first-line indents, only a line that stops mid-sentence goes on.
        joined = continues and (indent_style or not LINE_END_RE.search(prev.text))
        if joined:
            gap = " " if re.match(r"[A-Za-z0-9]", cur.text) and re.search(r"[A-Za-z0-9,.;]$", out[-1]) else ""
            out[-1] += gap + cur.text
        else:
            out.append(cur.text)
    return "\n".join(out)


def _margins(lines: list[_PdfLine], char: float) -> tuple[float, float]:
    """Left margin, and the right edge most full lines reach (a wide table row or a
    stray glyph must not move it)."""
    left = min(line.x0 for line in lines)
    widest = max(line.x1 for line in lines)
    near_edge = sorted(line.x1 for line in lines if line.x1 >= widest - 4 * char)
    return left, near_edge[len(near_edge) // 2]


READERS = {"txt": _read_txt, "html": _read_html, "docx": _read_docx, "pdf": _read_pdf}


# =========================================================================== normalisation

_FULLWIDTH = {cp: cp - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
              for cp in range(r[0], r[1] + 1)}
_INVISIBLE = {cp: None for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)}
_LINE_BREAKS = {cp: "\n" for cp in (0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029)}
_CONTROLS = {cp: None for cp in range(32) if cp not in (9, 10)} | {0x7F: None}
_TRANSLATION = {**_CONTROLS, **_LINE_BREAKS, **_INVISIBLE, **_FULLWIDTH}
# The characters _TRANSLATION changes: str.translate looks every character of the text up in the
# table (~0.2 µs each for Chinese); most texts hold none or a few of them, so only those are replaced.
_TRANSLATED = re.compile("[" + "".join(f"\\U{cp:08x}" for cp in sorted(_TRANSLATION)) + "]")


def _translated(m: re.Match[str]) -> str:
    return m.group(0).translate(_TRANSLATION)


def normalize_text(text: str) -> str:
    """Line breaks, full-width letters and digits, invisible characters, line-edge
    spaces. Chinese punctuation stays as written."""
    text = _TRANSLATED.sub(_translated, text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.strip() for line in text.split("\n"))


def collapse_blank_lines(text: str) -> str:
    if "\n\n\n" in text:  # (every match holds one: a text without needs no regex pass)
        text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


_TRADITIONAL_CHARS: frozenset[str] | None = None


def _traditional_chars() -> frozenset[str]:
    """Characters that OpenCC's t2s table maps to a different character. Counting them
    is ~100x faster than converting the text just to see what changes."""
    global _TRADITIONAL_CHARS
    if _TRADITIONAL_CHARS is None:
        import opencc

        table = Path(opencc.__file__).with_name("dictionary") / "TSCharacters.txt"
        chars = set()
        for line in table.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 2 and len(parts[0]) == 1 and parts[0] not in parts[1].split():
                chars.add(parts[0])
        _TRADITIONAL_CHARS = frozenset(chars)
    return _TRADITIONAL_CHARS


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def is_traditional(text: str) -> bool:
    """Whether a meaningful share of the Han characters change under t2s."""
    head = text[:20000]
    if not _may_hold_traditional(head) or not _traditional_finder().find_matches_as_indexes(head):
        return False  # no character t2s changes in the head (most texts): none in the sample taken from it
    sample = "".join(_HAN_RUN.findall(head))[:3000]  # the first 3,000 Han characters
    if len(sample) < 5:
        return False
    # Every occurrence of a character t2s changes, found in one Aho-Corasick pass (each is a
    # one-character word): ~5x faster than intersecting the sample with the set and counting.
    changed = len(_traditional_finder().find_matches_as_indexes(sample))
    return changed >= 3 and changed >= 0.05 * len(sample)


_TRADITIONAL_BMP: re.Pattern[str] | None = None


def _may_hold_traditional(text: str) -> bool:
    """False when `text` certainly holds no character t2s changes (most texts), answered by one search
    for a class of those in the Basic Multilingual Plane, which `re` keeps as a bitmap of a few KB and
    scans in C: ~2x faster than the automaton, whose DFA for ~4,100 characters is far larger and
    crowds the CPU caches. Characters beyond the BMP would turn the class into a list tried item by
    item (~100x slower): a text holding any goes to the automaton (a UTF-16 code unit count tells)."""
    global _TRADITIONAL_BMP
    if _TRADITIONAL_BMP is None:
        _TRADITIONAL_BMP = re.compile(_char_class(ch for ch in _traditional_chars() if ord(ch) <= 0xFFFF))
    if len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text):
        return True  # characters beyond the BMP: the class cannot tell
    return _TRADITIONAL_BMP.search(text) is not None


def _char_class(chars) -> str:
    """A character class of `chars`, runs of consecutive code points written as ranges (~2,500 items
    instead of ~3,750 single characters: compiled in a third of the time, once per process)."""
    runs: list[list[int]] = []
    for code in sorted(map(ord, chars)):
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs) + "]"


_TRADITIONAL_FINDER = None


def _traditional_finder():
    """An Aho-Corasick automaton of `_traditional_chars()` (built once per process)."""
    global _TRADITIONAL_FINDER
    if _TRADITIONAL_FINDER is None:
        from ahocorasick_rs import AhoCorasick, Implementation

        _TRADITIONAL_FINDER = AhoCorasick(sorted(_traditional_chars()), implementation=Implementation.DFA)
    return _TRADITIONAL_FINDER


_T2S = None


def to_simplified(text: str) -> str:
    global _T2S
    if _T2S is None:
        import opencc

        _T2S = opencc.OpenCC("t2s")
    return _T2S.convert(text)


# =========================================================================== chrome


def _spaced(word: str) -> str:
    """索引号 -> 索\\s*引\\s*号: tables pad labels with spaces (索 引 号)."""
    return r"[\s\u3000]*".join(map(re.escape, word))


# Labels of a page's info table; a line that starts with one is a table row.
INFO_LABELS = [
    "索引号", "信息索引号", "发布机构", "发文机关", "发文机构", "发布单位", "所属机构", "文号", "发文字号",
    "主题分类", "体裁分类", "组配分类", "服务对象", "分类", "主题词", "公开日期", "发文日期", "成文日期",
    "发布日期", "发布时间", "生成日期", "有效性", "时效性", "标题", "内容概述", "信息来源", "文章来源",
    "来源", "作者", "责任编辑", "浏览量", "浏览次数", "访问量", "阅读次数", "阅读量", "点击数", "点击量",
    "点击率", "点击", "字号", "字体", "公开方式", "公开范围", "公开形式", "公开类别", "公开属性", "信息类别", "更新时间",
]
# Labels that are ordinary words too (时间紧、编辑部): only with a colon.
WEAK_INFO_LABELS = ["名称", "时间", "日期", "编辑", "审核", "校对", "供稿", "阅读", "摄影", "附件下载"]
INFO_ROW_RE = re.compile(
    r"^(?:" + "|".join(_spaced(w) for w in sorted(INFO_LABELS, key=len, reverse=True)) + r")"
    r"(?:[\s\u3000]*[:：]|[\s\u3000]|$)"
    r"|^(?:" + "|".join(map(re.escape, WEAK_INFO_LABELS)) + r")[\s\u3000]*[:：]"
)
BREADCRUMB_RE = re.compile(
    r"(?:当前位置|你的位置|您的位置|您现在的位置|你现在的位置|现在的位置|所在位置|当前所在位置|当前页面)[\s\u3000]*[:：]"
    r"|^.{0,12}(?:当前位置|你的位置|您的位置|您现在的位置|所在位置)"
    r"|^[您你当前现在目前所在的]{0,6}位置[\s\u3000]*[:：]"
    r"|首页[\s\u3000]*(?:>|&gt;|》|»|›|→|/|＞|\\|-{1,2}>|\||｜)"
    # the rest of a trail broken onto its own line (>政府信息公开>法定主动公开内容>法治政府建设年度报告)
    # (no < in it: a line of markup, <b>12</b>, is text to show escaped, not a trail)
    r"|^[>›»＞]?(?:[^<>›»＞。，,；;]{1,24}[>›»＞]){2,}[^<>›»＞。，,；;]{0,40}$"
)
# Words of a page's buttons and widgets; a line made of nothing else is chrome.
ACTION_WORDS = sorted([
    "扫一扫在手机打开当前页", "扫一扫在手机上打开当前页", "在手机打开当前页", "手机扫一扫", "扫一扫",
    "用手机扫描二维码", "打开手机扫描二维码", "打印本页", "打印此页", "打印文章", "打印正文", "打印",
    "关闭窗口", "关闭本页", "关闭页面", "关闭", "返回顶部", "回到顶部", "返回首页", "返回列表", "返回",
    "分享到", "分享", "收藏本页", "加入收藏", "收藏", "保存本页", "我要纠错", "纠错", "字号", "字体",
    "大中小", "默认", "视力保护色", "微信", "微博", "新浪微博", "腾讯微博", "QQ空间", "朋友圈", "QQ",
    "相关链接", "相关文章", "相关阅读", "浏览量统计", "顶部", "二维码", "手机版", "网站地图", "联系我们",
    "隐私声明", "免责声明", "网站声明", "使用帮助", "设为首页", "无障碍", "关怀版", "长者模式", "繁体版",
    "简体版", "English", "站内搜索", "搜索", "登录", "注册", "网站首页",
], key=len, reverse=True)
ACTION_RE = re.compile(literal_alternation(ACTION_WORDS))  # (a prefix tree: the same matches, longest first)
PUNCT_ONLY_RE = re.compile(r"^[\W_]*$")
FOOTER_RE = re.compile(
    r"版权所有|ICP\s*备|ICP\s*证|公网安备|网站标识码|网站识别码|技术支持[:：]|Copyright|©|主办单位|承办单位"
    r"|维护单位|^主办[:：]|^承办[:：]|建议使用.{0,20}浏览器|分辨率|邮\s*编[:：]?\s*\d{6}"
    r"|^(?:地\s*址|联系电话|电\s*话|传\s*真|E-?mail|邮\s*箱)[:：]",
    re.I,
)
# A site's notice about the reader's browser (更换或升级浏览器以获得最佳体验。当前浏览器版本过低……): a sentence, but chrome.
# (prefiltered: a line without 浏览器 or 切换至极速模式, as most are, is not tried at every position; same matches)
BROWSER_NOTICE_RE = prefiltered(re.compile(r"浏览器(?:版本过低|以获得最佳体验)|(?:升级|更换)(?:或使用其他)?浏览器|切换至极速模式"))
PREV_NEXT_RE = re.compile(r"^[【\[]?(?:上一篇|下一篇|上一条|下一条|上一页|下一页)[】\]]?[:：\s]")


_WORD_CHAR = re.compile(r"\w")
_BLANKS = re.compile(r"[\s\u3000]")  # (compiled once: asked of every short line)


def is_chrome_line(line: str) -> bool:
    """Whether one line is web-page chrome: short, and made of chrome words."""
    s = line.strip()
    if not s:
        return False
    if not _WORD_CHAR.search(s):  # only symbols: | ---- ***
        return True
    if len(s) <= 2 * MAX_CHROME_LINE and BROWSER_NOTICE_RE.search(s):  # (a paragraph is not searched)
        return True
    if len(s) > MAX_CHROME_LINE or (s.endswith("。") and len(s) > 20):
        return False
    cell = s.lstrip("|｜[]【】 \u3000")  # table rows come as "| 索引号： | ... |"
    if INFO_ROW_RE.match(cell) or BREADCRUMB_RE.search(s) or FOOTER_RE.search(s) or PREV_NEXT_RE.match(s):
        return True
    squeezed = _BLANKS.sub("", s)
    rest = ACTION_RE.sub("", squeezed)
    return rest != squeezed and bool(PUNCT_ONLY_RE.match(rest))


def strip_chrome(text: str) -> str:
    """Drop chrome lines wherever they stand; body sentences are long or have no chrome words."""
    return "\n".join(line for line in text.split("\n") if not is_chrome_line(line))
