"""Limits on what one input file may cost, checked before the expensive step.

A report's text is well under 1 MB, but a file of one or two megabytes can inflate
to gigabytes (a PDF content stream or a .docx's document.xml compresses 1000:1), and
50 MB of HTML markup takes minutes and gigabytes to parse. Each reader calls the
check for its format before parsing; each refusal is one line of Chinese naming the
limit. The batch workers add a time limit per file and a memory cap as the last
line of defence (scorer/running/executors.py).
"""

from __future__ import annotations

import re
import zipfile
import zlib

MB = 1024 * 1024

# --- PDF
MAX_PDF_PAGES = 200
MAX_PDF_STREAM = 32 * MB  # one inflated stream (fonts can be ~15 MB; page content is KBs)
MAX_PDF_INFLATED = 160 * MB  # all inflated streams of the file, images excepted
MAX_PDF_PAGE_CONTENT = 8 * MB  # the inflated drawing instructions of one page
# --- Word
MAX_DOCX_XML = 10 * MB  # word/document.xml (or any XML part) inflated; a report's is 0.1-3 MB
MAX_DOCX_UNZIPPED = 200 * MB  # every part together (pictures included)
# --- HTML
MAX_HTML_BYTES = 20 * MB
MAX_HTML_TAGS = 50_000
MAX_HTML_TEXT_BYTES = 8 * MB  # bytes outside tags, scripts and styles

_CHUNK = 256 * 1024


class LimitExceeded(Exception):
    """An input over one of the limits; `problem` is the Chinese line."""

    def __init__(self, problem: str):
        self.problem = problem
        super().__init__(problem)


def _mb(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n / 1024:.0f} KB"


# =========================================================================== zlib


def inflate(data: bytes, limit: int, *, keep: bool = True) -> bytes | int | None:
    """Inflate zlib `data` without ever holding more than `limit` bytes of output.
    Returns the bytes (keep=True) or their count (keep=False); None when the
    output would pass `limit`. Raises zlib.error for data that is not zlib."""
    d = zlib.decompressobj()
    parts: list[bytes] = []
    size = 0
    pos = 0
    while pos < len(data) and not d.eof:
        chunk = data[pos:pos + _CHUNK]
        pos += _CHUNK
        while chunk:
            out = d.decompress(chunk, _CHUNK)
            size += len(out)
            if size > limit:
                return None
            if keep:
                parts.append(out)
            chunk = d.unconsumed_tail
            if d.eof:
                break
    return b"".join(parts) if keep else size


# =========================================================================== PDF

_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_IMAGE = re.compile(rb"/Subtype\s*/Image")
_OBJ = re.compile(rb"\d+\s+\d+\s+obj\b")


def check_pdf_bytes(data: bytes) -> None:
    """Every zlib stream in the file, inflated (and thrown away) up to the limits:
    a stream over MAX_PDF_STREAM, or all of them over MAX_PDF_INFLATED, is refused.
    Pictures are left out (text extraction does not decode them). Raises LimitExceeded."""
    total = 0
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 2048):m.start()]
        objs = list(_OBJ.finditer(head))
        if objs:
            head = head[objs[-1].end():]  # this object's dictionary only
        if _IMAGE.search(head):
            continue
        try:
            size = inflate(data[m.end():m.end() + MAX_PDF_STREAM], MAX_PDF_STREAM, keep=False)
        except zlib.error:
            continue  # not zlib (or encrypted): text extraction will see
        if size is None:
            raise LimitExceeded(f"PDF 中有数据流解压后超过 {_mb(MAX_PDF_STREAM)}（可能是压缩炸弹），未评查")
        total += size
        if total > MAX_PDF_INFLATED:
            raise LimitExceeded(f"PDF 解压后的内容超过 {_mb(MAX_PDF_INFLATED)}，未评查")


def check_pdf_page_count(document) -> None:
    """The page count the document declares (pdfminer PDFDocument)."""
    from pdfminer.pdftypes import resolve1

    try:
        pages = resolve1(document.catalog.get("Pages"))
        count = int(resolve1(pages.get("Count"))) if isinstance(pages, dict) else 0
    except Exception:
        return  # the page loop counts them anyway
    if count > MAX_PDF_PAGES:
        raise LimitExceeded(f"PDF 页数过多（{count} 页，上限 {MAX_PDF_PAGES} 页），不像一份年度报告，未评查")


def check_pdf_page(page, page_no: int) -> None:
    """The inflated size of one page's content streams (pdfminer PDFPage), bounded."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

    total = 0
    for ref in page.contents or []:
        stream = resolve1(ref)
        if not isinstance(stream, PDFStream):
            continue
        if stream.data is not None:
            total += len(stream.data)
        else:
            data = stream.rawdata or b""
            if stream.decipher:
                data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
            for f, _params in stream.get_filters():
                if f not in LITERALS_FLATE_DECODE:
                    break  # other filters: pdfminer decodes them, under the worker's time and memory limits
                try:
                    data = inflate(data, MAX_PDF_PAGE_CONTENT - total)
                except zlib.error:
                    break
                if data is None:
                    total = MAX_PDF_PAGE_CONTENT + 1
                    break
            total += len(data) if isinstance(data, bytes) else 0
        if total > MAX_PDF_PAGE_CONTENT:
            raise LimitExceeded(f"PDF 第 {page_no} 页的内容解压后超过 {_mb(MAX_PDF_PAGE_CONTENT)}"
                                "（可能是压缩炸弹），未评查")


def too_many_pages() -> LimitExceeded:
    return LimitExceeded(f"PDF 页数过多（超过 {MAX_PDF_PAGES} 页），不像一份年度报告，未评查")


# =========================================================================== Word


def check_docx(z: zipfile.ZipFile) -> None:
    """Sizes the zip declares for its parts (zipfile never inflates a part past its
    declared size): document.xml and every XML part, and all parts together."""
    total = 0
    for info in z.infolist():
        total += info.file_size
        name = info.filename.lower()
        if (name.endswith(".xml") or name.endswith(".rels")) and info.file_size > MAX_DOCX_XML:
            what = "正文 word/document.xml" if name == "word/document.xml" else info.filename
            raise LimitExceeded(f"文件过大（Word 文档的{what}解压后 {_mb(info.file_size)}，上限为 "
                                f"{_mb(MAX_DOCX_XML)}，一份报告的正文远小于此），未评查")
    if total > MAX_DOCX_UNZIPPED:
        raise LimitExceeded(f"文件过大（解压后 {_mb(total)}，上限为 {_mb(MAX_DOCX_UNZIPPED)}），未评查")


# =========================================================================== HTML

_SCRIPT_OPEN = re.compile(rb"<(script|style)\b")
_TAG = re.compile(rb"<[^>]*>")


def _without_scripts(data: bytes) -> bytes:
    """The page without <script> and <style> blocks, in one pass (an unclosed one
    runs to the end)."""
    low = data.lower()
    parts = []
    pos = 0
    for m in _SCRIPT_OPEN.finditer(low):
        if m.start() < pos:
            continue
        parts.append(data[pos:m.start()])
        end = low.find(b"</" + m.group(1), m.end())
        if end == -1:
            return b"".join(parts)
        pos = end
    parts.append(data[pos:])
    return b"".join(parts)


def check_html_bytes(data: bytes) -> None:
    """Size, markup and text of a page, from its bytes, before any parsing."""
    if len(data) > MAX_HTML_BYTES:
        raise LimitExceeded(f"网页文件过大（{_mb(len(data))}，上限为 {_mb(MAX_HTML_BYTES)}），未评查")
    tags = data.count(b"<")
    if tags > MAX_HTML_TAGS:
        raise LimitExceeded(f"网页标记过多（约 {tags:,} 个标签，上限 {MAX_HTML_TAGS:,} 个），不像一篇报告，未评查")
    text = len(_TAG.sub(b"", _without_scripts(data)))
    if text > MAX_HTML_TEXT_BYTES:
        raise LimitExceeded(f"网页文字过多（约 {_mb(text)}，上限为 {_mb(MAX_HTML_TEXT_BYTES)}），未评查")
