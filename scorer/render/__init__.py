"""PDF/HTML rendering: the gap report per jurisdiction and the annual review.

    from scorer.render import render_report, render_review
    files = render_report(result, "out/", checklist=load_checklist("outline-2015"))
    files.pdf, files.html, files.pages
    review = render_review(results, "out/review.pdf")      # also out/review.html

Both take the loaded checklist (or a mapping id -> (requirement, guidance)) so that
missing items show the outline's requirement; by default the shipped checklist
named in each result is loaded. Report text is untrusted: jinja2 autoescape is on
everywhere, and WeasyPrint fetches nothing but files inside templates/.
"""

from scorer.render.engine import (
    FONT_INSTALL_HINT, HARFBUZZ_WARNING, TEMPLATES_DIR, FontChoice, FontMissingError, PdfOutput, RenderError,
    atomic_write, choose_fonts, harfbuzz_subset_available, html_to_pdf, list_cjk_fonts, require_cjk_fonts,
    restricted_fetcher, safe_filename, unique_name,
)
from scorer.render.gap import ReportFiles, RenderedReport, build_report, output_stem, render_report, report_html, verdict, write_rendered
from scorer.render.review import ReviewFiles, render_review, review_html

__all__ = [
    "FONT_INSTALL_HINT", "HARFBUZZ_WARNING", "TEMPLATES_DIR", "FontChoice", "FontMissingError", "PdfOutput",
    "RenderError", "ReportFiles", "RenderedReport", "ReviewFiles", "atomic_write", "build_report", "choose_fonts",
    "harfbuzz_subset_available", "html_to_pdf", "list_cjk_fonts", "output_stem", "render_report", "render_review",
    "report_html", "require_cjk_fonts", "restricted_fetcher", "review_html", "safe_filename", "unique_name",
    "verdict", "write_rendered",
]
