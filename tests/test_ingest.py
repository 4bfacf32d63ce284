"""Reading report files of every supported format into clean text, and refusing
everything else with one line of Chinese."""

from __future__ import annotations

import datetime as dt
import os
import random
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer.errors import InputError
from scorer.analysis.ingest import (
    PINYIN_WARNING,
    TRADITIONAL_WARNING,
    is_chrome_line,
    load_document,
    normalize_text,
    strip_chrome,
)
from scorer.models import JurisdictionKind

# --------------------------------------------------------------------------- the five seeds

SEED_EXPECTATIONS = {
    "changzhou-jintan-2018": dict(
        jurisdiction="常州市金坛区", kind=JurisdictionKind.county, year=2018, published=None, title=None,
        first_sentence="2018年,金坛区政府在上级政府和区委的正确领导下",
    ),
    "huaian-hongze-2023": dict(
        jurisdiction="淮安市洪泽区", kind=JurisdictionKind.county, year=2023, published=dt.date(2024, 1, 25),
        title="关于洪泽区2023年度法治政府建设工作的报告",
        first_sentence="2023年,在市委、市政府的坚强领导下,洪泽区深入学习贯彻",
    ),
    "leshan-hitech-2019": dict(
        jurisdiction="乐山高新区", kind=JurisdictionKind.development_zone, year=2019,
        published=dt.date(2020, 6, 1), title="2019年度法治政府建设情况的报告",
        first_sentence="为深入推进依法行政,乐山高新区管委会按照",
    ),
    "yangzhou-etdz-2018": dict(
        jurisdiction="扬州经济技术开发区", kind=JurisdictionKind.development_zone, year=2018, published=None,
        title="扬州经济技术开发区2018年度法治政府建设情况报告",
        first_sentence="2018年,在市委、市政府的正确领导下,开发区认真贯彻落实十九大精神",
    ),
    "zibo-hitech-2017": dict(
        jurisdiction="淄博高新技术产业开发区", kind=JurisdictionKind.development_zone, year=2017,
        published=dt.date(2018, 1, 2), title="淄博高新技术产业开发区管理委员会2017年度法治政府建设情况报告",
        first_sentence="2017年以来,高新区紧紧围绕市委、市政府",
    ),
}
CHROME_WORDS = ("当前位置", "你的位置", "打印本页", "关闭窗口", "索引号", "索 引 号", "版权所有", "扫一扫",
                "ICP备", "发布时间", "公开日期", "邮编", "分享到")


@pytest.mark.parametrize("name", sorted(SEED_EXPECTATIONS))
def test_seed_metadata(seeds_dir, name):
    want = SEED_EXPECTATIONS[name]
    doc = load_document(seeds_dir / f"{name}.txt")
    meta = doc.meta
    assert (meta.jurisdiction, meta.jurisdiction_kind) == (want["jurisdiction"], want["kind"])
    assert meta.year == want["year"]
    assert meta.published == want["published"]
    assert meta.title == want["title"]
    assert doc.format == "txt" and doc.encoding == "utf-8" and doc.warnings == []
    assert set(meta.provenance) >= {"year", "jurisdiction"}


@pytest.mark.parametrize("name", sorted(SEED_EXPECTATIONS))
def test_seed_chrome_removed_body_kept(seeds_dir, name):
    doc = load_document(seeds_dir / f"{name}.txt")
    for word in CHROME_WORDS:
        assert word not in doc.text, word
    assert SEED_EXPECTATIONS[name]["first_sentence"] in doc.text
    # The report's closing paragraph is still there: only chrome lines went.
    source = (seeds_dir / f"{name}.txt").read_text(encoding="utf-8")
    last_paragraph = max((ln for ln in source.splitlines()[-12:] if "。" in ln), key=len)
    assert last_paragraph.strip() in doc.text


def test_seed_addressee_and_title_lines_kept(seeds_dir):
    jintan = load_document(seeds_dir / "changzhou-jintan-2018.txt")
    assert jintan.text.startswith("常州市人民政府:\n")
    hongze = load_document(seeds_dir / "huaian-hongze-2023.txt")
    assert hongze.text.startswith("关于洪泽区2023年度法治政府建设工作的报告\n")
    assert hongze.text.count("关于洪泽区2023年度法治政府建设工作的报告") == 1  # the 标题 table row went


def test_source_is_the_path_as_given(seeds_dir):
    path = seeds_dir / "leshan-hitech-2019.txt"
    assert load_document(path).source == str(path)
    assert load_document(str(path)).source == str(path)


# --------------------------------------------------------------------------- encodings


def test_same_report_in_every_chinese_encoding_loads_identically(seeds_dir, write_file):
    text = (seeds_dir / "huaian-hongze-2023.txt").read_text(encoding="utf-8").replace("\xa0", " ")
    docs = {}
    for encoding, expected in (("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"),
                               ("gb18030", "gb18030")):
        docs[encoding] = load_document(write_file(f"r-{encoding}.txt", text, encoding=encoding))
        assert docs[encoding].encoding == expected
    base = docs["utf-8"]
    for doc in docs.values():
        assert doc.text == base.text
        assert doc.meta == base.meta


def test_windows_line_endings_and_utf16(write_file):
    text = "青溪县2021年度法治政府建设情况报告\r\n\r\n2021年，青溪县人民政府全面推进依法行政。\r\n"
    for encoding in ("utf-16",):  # what Notepad calls "Unicode": UTF-16 with a BOM
        doc = load_document(write_file("u16.txt", text, encoding=encoding))
        assert "\r" not in doc.text and doc.text.startswith("青溪县2021年度")
        assert doc.encoding == "utf-16"


TRADITIONAL = (
    "青溪縣2021年度法治政府建設情況報告\n\n"
    "2021年，青溪縣人民政府堅持以習近平法治思想為指導，全面推進依法行政，加快建設法治政府。現將有關情況報告如下：\n"
    "一、主要舉措和成效\n"
    "（一）完善依法行政制度體系。嚴格規範性文件合法性審查，全年審查規範性文件12件。\n"
    "（二）推進嚴格規範公正文明執法。全面落實行政執法三項制度。\n"
)


def test_traditional_text_is_converted_with_a_warning(write_file):
    doc = load_document(write_file("trad.txt", TRADITIONAL))
    assert TRADITIONAL_WARNING in doc.warnings
    assert "青溪县2021年度法治政府建设情况报告" in doc.text
    assert "规范性文件" in doc.text and "規範" not in doc.text
    assert doc.meta.jurisdiction == "青溪县" and doc.meta.year == 2021


def test_the_quick_look_for_traditional_characters_misses_none():
    # the class of BMP characters, and a text with characters beyond the BMP left to the automaton
    from scorer.analysis.ingest import _may_hold_traditional, _traditional_chars

    assert not _may_hold_traditional("青溪县2021年度法治政府建设情况报告")
    assert all(_may_hold_traditional(f"法治{ch}政府") for ch in _traditional_chars())
    assert _may_hold_traditional("法治\U00020000政府")


def test_big5_file_is_recognised(write_file):
    doc = load_document(write_file("big5.txt", TRADITIONAL, encoding="big5"))
    assert doc.encoding == "big5"
    assert TRADITIONAL_WARNING in doc.warnings
    assert "全面推进依法行政" in doc.text


def test_pinyin_glosses_are_removed_with_a_warning(write_file):
    # some mirror sites gloss characters with pinyin, which splits every term of the field
    glossed = ("2022年,我区(qū)坚(jiān)持以习(xí)近平法治思想为指导(dǎo),推动(dòng)法治政府建设(shè)取得新进(jìn)展。\n"
               "一、主要举措和成效\n全年审查规范性文件12件(件次),办理行政复议案件(A类)8件。\n")
    doc = load_document(write_file("pinyin.txt", glossed))
    assert PINYIN_WARNING in doc.warnings
    assert "坚持以习近平法治思想为指导" in doc.text and "法治政府建设取得新进展" in doc.text
    assert "(件次)" in doc.text and "(A类)" in doc.text  # brackets that are not glosses stay


def test_simplified_text_gets_no_warning(seeds_dir):
    assert load_document(seeds_dir / "zibo-hitech-2017.txt").warnings == []


# --------------------------------------------------------------------------- normalisation


def test_normalisation():
    raw = "\ufeff\u3000\u3000２０２１年\u200b，ＡＢＣ公司。  \r\n\xa0\r\n\r\n\r\n\r\n第二段，\u3000\u3000\n"
    text = normalize_text(raw)
    assert text.startswith("2021年，ABC公司。\n")  # full-width digits and letters, zero-width gone
    assert "，" in text  # Chinese punctuation kept as written
    assert "第二段，\n" in text and "\u3000" not in text


def test_blank_lines_collapse(write_file):
    doc = load_document(write_file("b.txt", "青溪县法治政府建设情况报告\n\n\n\n\n依法行政工作取得成效。\n"))
    assert doc.text == "青溪县法治政府建设情况报告\n\n依法行政工作取得成效。\n"


# --------------------------------------------------------------------------- chrome lines

CHROME_LINES = [
    "当前浏览器版本过低,可能会有安全风险且无法正常显示。建议您升级或使用其他浏览器。",  # a browser notice (part E)
    "公开类别 | 主动公开 | 发布时间 | 2024-02-28 |",  # a disclosure page's info table (part E)
    "当前位置：首页 > 政务公开 > 法治政府建设",
    "箭头 当前位置: 首页 >> 信息公开",
    "首页 > 信息公开 > 规划计划",
    ">政府信息公开>法定主动公开内容>其他主动公开内容>法治政府建设年度报告",  # a trail's second line (part N)
    "索 引 号 11320829MB0160038/2024-00007 分  类 专项规划",
    "| 索引号： | 11320000/2023-00012 | 发布机构： | 青溪县人民政府 |",
    "发布机构 洪泽区人民政府 公开日期 2024-01-25",
    "文  号 有效性",
    "内容概述",
    "发布时间:2018/1/2 13:52:39 点击:855次",
    "来源：县司法局",
    "【字号：大 中 小】【打印本页】【关闭窗口】",
    "打印 分享到 :",
    "扫一扫在手机打开当前页",
    "打印本页 关闭本页 返回顶部",
    "青溪县人民政府 版权所有 浙ICP备05035186号-1",
    "地址:浙江省青溪县文化路1号 邮编:311700",
    "网站标识码：3301270001 浙公网安备 33012702000101号",
    "上一篇：关于公布2021年度规范性文件清理结果的通知",
    "您当前的位置：首页 > 政务公开",
    "首页 | 政务公开 | 互动交流",
    "网站地图 | 联系我们 | 无障碍 | 关怀版",
    "作者：佚名 来源：本站原创 点击数：100 更新时间：2021-3-5",
    "[ 打印本页 ] [ 关闭窗口 ]",
    "|",
]
BODY_LINES = [
    "来源于群众的意见建议全部得到答复。",
    "严格落实办公地址变更公告制度，方便群众办事。",
    "（三）关闭取缔非法砂石厂28家。",
    "分类推进行政执法改革，全面完成。",
    "一、主要举措和成效",
    "青溪县人民政府",
    "2021年3月20日",
    "常州市人民政府:",
    "七、分享经验做法",
    "（四）地理位置优越，交通便利，为招商引资打下基础。",
    "坚持“三个>”原则>推进审批>服务提速。",
    "<script>alert(1)</script> 行政复议案件<b>12</b>件",
    "微信公众号粉丝突破10万人",
    "标题党问题专项治理取得成效，处理违规账号12个，相关情况已向社会公布并接受群众监督和舆论监督。",
]


@pytest.mark.parametrize("line", CHROME_LINES)
def test_chrome_lines_are_recognised(line):
    assert is_chrome_line(line)


@pytest.mark.parametrize("line", BODY_LINES)
def test_body_lines_are_kept(line):
    assert not is_chrome_line(line)


def test_strip_chrome_keeps_body_between_chrome():
    text = "当前位置：首页 > 政务公开\n正文第一段，地址在县政府。\n打印本页 关闭窗口\n正文第二段。\n版权所有"
    assert strip_chrome(text) == "正文第一段，地址在县政府。\n正文第二段。"


# --------------------------------------------------------------------------- html

REPORT_PARAGRAPHS = [
    "2022年，青溪县人民政府坚持以习近平法治思想为指导，全面推进依法行政，法治政府建设取得新成效。现将有关情况报告如下：",
    "一、主要举措和成效",
    "（一）完善依法行政制度体系。严格规范性文件合法性审查，全年审查规范性文件12件。",
    "（二）推进严格规范公正文明执法。全面落实行政执法三项制度，开展行政执法案卷评查。",
    "二、存在的问题",
    "行政复议规范化水平有待提高，基层执法人员法治素养仍需提升。",
    "三、下一步工作安排",
    "持续深化法治政府建设，加强行政执法监督。",
]
PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


def gov_page(charset: str = "utf-8") -> str:
    paragraphs = "\n".join(f"<p>\u3000\u3000{p}</p>" for p in REPORT_PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>青溪县2022年度法治政府建设情况报告_青溪县人民政府门户网站</title>
<style>.nav {{ color: red }}</style>
<script>var menu = "菜单脚本文字";</script></head>
<body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/hdjl">互动交流</a></li><li><a href="/bsfw">办事服务</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 法治政府建设</div>
<table class="xxgk"><tr><td>索引号：</td><td>113301270000/2023-00012</td><td>发布机构：</td><td>青溪县人民政府</td></tr>
<tr><td>发布日期：</td><td>2023-03-28</td><td>文号：</td><td></td></tr></table>
<h1 class="title">青溪县2022年度法治政府建设情况报告</h1>
<div class="info">发布时间：2023-03-28 10:00 来源：县司法局 浏览次数：123 【字号：大 中 小】</div>
<div class="content">
{paragraphs}
<p><img src="data:image/png;base64,{PIXEL}"></p>
<p style="text-align:right">青溪县人民政府</p>
<p style="text-align:right">2023年3月20日</p>
</div>
<div class="share">分享到：微信 微博 <a href="#">打印本页</a> <a href="#">关闭窗口</a></div>
<div class="footer"><p>主办单位：青溪县人民政府办公室 版权所有 浙ICP备12345678号</p>
<p>地址：青溪县文化路1号 邮编：311700</p></div>
<script>document.write("页脚脚本");</script>
</body></html>"""


def test_html_page_yields_the_report_body_in_order(write_file):
    doc = load_document(write_file("page.html", gov_page()))
    assert doc.format == "html"
    lines = [ln for ln in doc.text.split("\n") if ln]
    assert lines[0] == "青溪县2022年度法治政府建设情况报告"
    positions = [doc.text.index(p) for p in REPORT_PARAGRAPHS]
    assert positions == sorted(positions)
    for p in REPORT_PARAGRAPHS:  # paragraphs stay lines of their own
        assert f"\n{p}\n" in doc.text
    for noise in ("互动交流", "办事服务", "当前位置", "索引号", "发布时间", "菜单脚本", "页脚脚本", "版权所有",
                  "邮编", "打印本页", "base64", "data:image", "门户网站"):
        assert noise not in doc.text, noise
    meta = doc.meta
    assert meta.published == dt.date(2023, 3, 28) and meta.provenance["published"] == "页面发布日期"
    assert (meta.title, meta.year, meta.jurisdiction) == ("青溪县2022年度法治政府建设情况报告", 2022, "青溪县")
    assert meta.jurisdiction_kind == JurisdictionKind.county


def test_html_laid_out_in_tables(write_file):
    """Old CMS pages put menu, article and footer in cells of one big table, with
    <br> between paragraphs."""
    menu = "".join(f"<a href='/{i}'>{w}</a> " for i, w in enumerate(("首页", "政务公开", "互动交流", "办事服务")))
    page = (f"<html><body><table width='1000'><tr><td id='nav'>{menu}</td></tr><tr><td><table>"
            "<tr><td class='bt'>青溪县2022年度法治政府建设情况报告</td></tr><tr><td>发布日期：2023-03-28</td></tr>"
            "<tr><td id='zoom'>" + "".join(f"&nbsp;&nbsp;{p}<br>" for p in REPORT_PARAGRAPHS) + "</td></tr>"
            "</table></td></tr><tr><td>版权所有：青溪县人民政府 地址：文化路1号</td></tr></table></body></html>")
    doc = load_document(write_file("old.html", page))
    assert [ln for ln in doc.text.split("\n") if ln] == ["青溪县2022年度法治政府建设情况报告", *REPORT_PARAGRAPHS]
    assert doc.meta.published == dt.date(2023, 3, 28)


def test_html_short_page_without_menu(write_file):
    menu = "".join(f"<a href='/{i}'>{w}</a> " for i, w in enumerate(("首页", "政务公开", "互动交流", "走进青溪")))
    page = (f"<html><body><div id='nav'>{menu}</div><h1>青溪县2022年度法治政府建设情况报告</h1>"
            f"<div class='content'><p>{REPORT_PARAGRAPHS[0]}</p><p>{REPORT_PARAGRAPHS[1]}</p></div></body></html>")
    doc = load_document(write_file("short.html", page))
    assert doc.text == f"青溪县2022年度法治政府建设情况报告\n{REPORT_PARAGRAPHS[0]}\n{REPORT_PARAGRAPHS[1]}\n"


def test_html_declared_gbk_charset(write_file):
    doc = load_document(write_file("page.htm", gov_page("gb2312"), encoding="gbk"))
    assert doc.encoding == "gb18030"
    assert REPORT_PARAGRAPHS[2] in doc.text


def test_html_with_txt_extension_is_sniffed(write_file):
    doc = load_document(write_file("saved-page.txt", gov_page()))
    assert doc.format == "html" and "互动交流" not in doc.text


# --------------------------------------------------------------------------- docx


def test_docx_round_trip(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("青溪县2022年度法治政府建设情况报告", level=1)
    for p in REPORT_PARAGRAPHS[:4]:
        d.add_paragraph(p)
    table = d.add_table(rows=2, cols=2)
    for r, row in enumerate((("指标", "数量"), ("审查规范性文件", "12件"))):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph(REPORT_PARAGRAPHS[4])
    path = tmp_path / "report.docx"
    d.save(path)

    doc = load_document(path)
    assert doc.format == "docx" and doc.encoding is None
    assert doc.text.startswith("青溪县2022年度法治政府建设情况报告\n")
    order = [doc.text.index(s) for s in (REPORT_PARAGRAPHS[3], "审查规范性文件\t12件", REPORT_PARAGRAPHS[4])]
    assert order == sorted(order)  # the table sits where it was written
    assert doc.meta.jurisdiction == "青溪县" and doc.meta.year == 2022


def test_docx_layout_box_keeps_paragraphs(tmp_path):
    """A report typed inside a one-cell table keeps its paragraphs as lines."""
    import docx

    d = docx.Document()
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = REPORT_PARAGRAPHS[0]
    for p in REPORT_PARAGRAPHS[1:3]:
        cell.add_paragraph(p)
    d.save(tmp_path / "boxed.docx")
    doc = load_document(tmp_path / "boxed.docx")
    assert doc.text == "\n".join(REPORT_PARAGRAPHS[:3]) + "\n"


def test_docx_that_is_a_zip_of_text(write_file, tmp_path):
    path = tmp_path / "fake.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("report.txt", "青溪县法治政府建设情况报告")
    with pytest.raises(InputError, match="Word 文档已损坏或不是 .docx 格式"):
        load_document(path)


def test_old_binary_word_file(write_file):
    path = write_file("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(InputError, match=r"旧版 Word/WPS 文档（\.doc/\.wps），无法读取：请用 Word 或 WPS 另存为 \.docx"):
        load_document(path)


# --------------------------------------------------------------------------- pdf

PDF_CSS = ("@page { size: A5; margin: 2cm } body { font-family: 'Noto Sans CJK SC', 'Noto Serif CJK SC'; "
           "font-size: 11pt } p { text-indent: 2em; margin: 0 } h1 { text-align: center; font-size: 14pt }")


def render_pdf(path, body: str):
    weasyprint = pytest.importorskip("weasyprint")
    html = f"<html><head><meta charset='utf-8'><style>{PDF_CSS}</style></head><body>{body}</body></html>"
    weasyprint.HTML(string=html).write_pdf(path)
    return path


def test_pdf_text_layer_is_read_and_lines_rejoined(tmp_path):
    body = "<h1>青溪县2022年度法治政府建设情况报告</h1>" + "".join(f"<p>{p}</p>" for p in REPORT_PARAGRAPHS)
    doc = load_document(render_pdf(tmp_path / "report.pdf", body))
    assert doc.format == "pdf"
    assert doc.text.startswith("青溪县2022年度法治政府建设情况报告\n")
    # A5 breaks the long paragraphs over several lines; they come back whole.
    for p in REPORT_PARAGRAPHS:
        assert f"\n{p}\n" in doc.text, p
    assert doc.meta.jurisdiction == "青溪县" and doc.meta.year == 2022


LONG_PARAGRAPH = ("（三）加强行政执法监督。" + "全面落实行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度，"
                  "规范行政裁量权行使，" * 12 + "取得明显成效。")


@pytest.mark.parametrize("paragraph_css", ["", "p { text-indent: 0; margin-bottom: 0.6em }"])
def test_pdf_pages_numbers_and_signature(tmp_path, paragraph_css):
    """A paragraph running over a page break comes back whole, without the page
    number; the right-aligned signature lines stay lines of their own."""
    page_numbers = "@page { @bottom-center { content: '- ' counter(page) ' -' } } "
    body = (f"<style>{page_numbers}{paragraph_css}</style><h1>青溪县2022年度法治政府建设情况报告</h1>"
            + "".join(f"<p>{p}</p>" for p in REPORT_PARAGRAPHS[:4]) + f"<p>{LONG_PARAGRAPH}</p>"
            + "".join(f"<p>{p}</p>" for p in REPORT_PARAGRAPHS[4:])
            + "<p style='text-align:right'>青溪县人民政府</p><p style='text-align:right'>2023年3月20日</p>")
    doc = load_document(render_pdf(tmp_path / "long.pdf", body))
    assert f"\n{LONG_PARAGRAPH}\n" in doc.text
    assert doc.text.endswith("\n青溪县人民政府\n2023年3月20日\n")
    assert "- 1 -" not in doc.text and "- 2 -" not in doc.text
    assert doc.meta.published == dt.date(2023, 3, 20)


def test_pdf_without_text_layer_asks_for_ocr(tmp_path):
    body = "<svg width='300' height='200'><rect width='300' height='200' fill='#777'/></svg>"
    path = render_pdf(tmp_path / "scan.pdf", body)
    with pytest.raises(InputError, match="PDF 没有文字层（可能是扫描件），需要先进行 OCR 识别"):
        load_document(path)


def test_broken_pdf(write_file):
    with pytest.raises(InputError, match="PDF 已损坏或已加密"):
        load_document(write_file("broken.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\ngarbage"))


# --------------------------------------------------------------------------- refusals


def problem(path) -> str:
    with pytest.raises(InputError) as info:
        load_document(path)
    assert info.value.path == str(path)
    assert "\n" not in info.value.problem
    return info.value.problem


def test_missing_file(tmp_path):
    assert problem(tmp_path / "nope.txt") == "文件不存在"


def test_directory(tmp_path):
    assert problem(tmp_path) == "不是文件（是目录）"


def test_empty_and_blank_files(write_file):
    assert problem(write_file("empty.txt", b"")) == "文件为空"
    assert problem(write_file("blank.txt", " \n\u3000\n\n")) == "文件为空"


def test_binary_file(write_file):
    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(4000)) + b"\x00\x00"
    assert problem(write_file("random.txt", data)) == "二进制文件，不是可识别的文本、HTML、Word 或 PDF 报告"
    png = b"\x89PNG\r\n\x1a\n" + bytes(100)
    assert problem(write_file("picture.txt", png)).startswith("二进制文件")


def test_only_chrome_means_empty_body(write_file):
    text = "当前位置：首页 > 政务公开\n打印本页 关闭窗口\n版权所有 青溪县人民政府\n"
    assert problem(write_file("chrome.txt", text)) == "正文为空（去除网页导航等内容后没有文字）"


def test_file_too_large(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(101 * 1024 * 1024)  # sparse: costs no disk
    message = problem(path)
    assert message.startswith("文件过大") and "MB" in message


def test_extracted_text_too_large(write_file):
    message = problem(write_file("long.txt", "依法行政。" * 410_000))
    assert message.startswith("文件过大") and "字" in message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(write_file):
    path = write_file("secret.txt", "依法行政")
    path.chmod(0)
    assert problem(path) == "无权限读取"


def test_undecodable_text(write_file):
    # Valid in no Chinese encoding and not mostly Chinese in any other.
    data = ("依法行政".encode("utf-8") + b"\x80\x81\xfe\xff\xc0\xc1" * 50) * 3
    message = problem(write_file("odd.txt", data))
    assert message in ("无法识别文字编码", "二进制文件，不是可识别的文本、HTML、Word 或 PDF 报告")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=0, max_size=3000),
       suffix=st.sampled_from([".txt", ".html", ".docx", ".pdf", ".dat", ""]),
       prefix=st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf"]))
def test_any_bytes_give_a_document_or_an_input_error(tmp_path_factory, data, suffix, prefix):
    path = tmp_path_factory.mktemp("fuzz") / f"f{suffix}"
    path.write_bytes(prefix + data)
    try:
        doc = load_document(path)
    except InputError as exc:
        assert exc.problem and "\n" not in exc.problem
    else:
        assert doc.text.strip()
