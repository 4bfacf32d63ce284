"""The web app: routes of the review desk (Starlette; pages from templates/serve/).

    app = create_app(Settings(folders=["reports/"]))

Pages: the reports list (filters, sorting, upload, scoring progress), one report
(text, outline, checklist, evidence marks, review in place), the checklist in
force. Downloads: a report's PDF gap report, the annual review PDF of the current
filter, the checklist as Excel, a report's original file. Every path in a URL is
looked up among the reports the library found in the given folders, nothing else.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from scorer.errors import ScorerError
from scorer.models import Status
from scorer.paths import TEMPLATES_DIR
from scorer.serve import reviews, views
from scorer.serve.guard import BodyTooLarge, Guard, mb
from scorer.serve.library import Entry, Library

SERVE_TEMPLATES = Path(TEMPLATES_DIR) / "serve"
STATIC_DIR = SERVE_TEMPLATES / "static"
DEFAULT_MAX_UPLOAD = 30 * 1024 * 1024
MAX_UPLOAD_FILES = 50
PAGE_SIZE = 200  # rows per page of the reports list
MAX_REASON = 2000


@dataclass
class Settings:
    folders: list[str]
    cache_dir: str | None = None
    checklist: str = "auto"
    token: str | None = None  # required on every request when set (non-loopback bind)
    loopback: bool = True
    max_upload: int = DEFAULT_MAX_UPLOAD
    jobs: int | None = None
    reviewer: str = ""  # default name in the review dialog
    rescan_seconds: float = 30.0


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(SERVE_TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = lambda v, d=1: "—" if v is None else (f"{v:.{d}f}".rstrip("0").rstrip(".") if d else f"{v:.0f}")
    env.filters["score"] = lambda v: "—" if v is None else f"{v:.1f}"
    env.filters["urlpath"] = lambda s: quote(s, safe="/")
    env.filters["domid"] = dom_id
    return env


def dom_id(item_id: str) -> str:
    """An item id as a safe HTML id / CSS selector part (O21-19 stays O21-19)."""
    import re

    return re.sub(r"[^A-Za-z0-9_-]", lambda m: f"_{ord(m.group(0)):x}_", item_id)


def content_disposition(filename: str, fallback: str) -> str:
    """attachment with the Chinese name (RFC 6266/5987) and an ASCII fallback."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def create_app(settings: Settings, library: Library | None = None) -> Guard:
    from scorer.serve.library import default_cache_dir

    cache = settings.cache_dir or str(default_cache_dir(settings.folders, settings.checklist))
    lib = library or Library(settings.folders, cache, settings.checklist, jobs=settings.jobs,
                             rescan_seconds=settings.rescan_seconds)
    templates = Jinja2Templates(env=_env())
    render_lock = threading.Lock()  # one PDF layout at a time (WeasyPrint is heavy; keep memory flat)

    def render(request: Request, name: str, ctx: dict[str, Any], status: int = 200,
               headers: dict[str, str] | None = None) -> HTMLResponse:
        base = {"folders": lib.names, "max_upload": settings.max_upload, "max_upload_label": mb(settings.max_upload)}
        return templates.TemplateResponse(request, name, {**base, **ctx}, status_code=status, headers=headers)

    def entry_or_404(request: Request) -> Entry:
        folder = request.path_params["folder"]
        rel = request.path_params["rel"]
        from scorer.serve.library import safe_rel

        if safe_rel(rel) is None:
            raise HTTPException(403, "路径不在评查文件夹内，不能访问。")
        e = lib.get(folder, rel)
        if e is None:
            raise HTTPException(404, "评查文件夹中没有这份报告（可能已被删除或改名）。")
        return e

    # -- the list ---------------------------------------------------------------

    def list_context(request: Request) -> dict[str, Any]:
        f = views.Filters.from_query(request.query_params)
        version, entries = lib.snapshot()
        rows, bad = views.select(entries, f)
        pages = max(1, -(-len(rows) // PAGE_SIZE))
        f.page = min(f.page, pages)
        first = (f.page - 1) * PAGE_SIZE
        return {
            "f": f, "rows": [views.row_view(e, lib.names) for e in rows[first:first + PAGE_SIZE]], "bad": bad,
            "version": version, "matched": len(rows), "pages": pages, "first": first + 1,
            "p": progress_snapshot(),
            "choices": views.choices(entries), "total": sum(1 for e in entries if e.error is None),
            "sort_labels": views.SORT_LABELS, "progress": lib.progress,
        }

    def index(request: Request) -> HTMLResponse:
        ctx = list_context(request)
        if request.headers.get("hx-request") and request.headers.get("hx-target") == "table":
            return render(request, "_table.html", {**ctx, "fragment": True}, headers={"Vary": "HX-Request"})
        return render(request, "list.html", ctx, headers={"Vary": "HX-Request"})

    def progress_snapshot() -> dict[str, Any]:
        with lib.lock:
            p = lib.progress
            return {"state": p.state, "total": p.total, "done": p.done, "failed": p.failed, "message": p.message,
                    "running": p.running, "version": lib.version}

    def progress(request: Request) -> HTMLResponse:
        seen = request.query_params.get("seen", "")
        snap = progress_snapshot()
        headers = {}
        if seen and seen != str(snap["version"]):
            headers["HX-Trigger"] = "reports-changed"
        return render(request, "_progress.html", {"p": snap, "version": snap["version"]}, headers=headers)

    def rescan(request: Request) -> Response:
        lib.request_scan()
        if request.headers.get("hx-request"):
            return progress(request)
        return RedirectResponse("/", status_code=303)

    async def upload(request: Request) -> Response:
        limit = settings.max_upload
        try:
            form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=20)
        except BodyTooLarge:
            return render(request, "_upload.html", {"lines": [(False, f"上传的文件过大（上限为 {mb(limit)}），未接收。")]},
                          status=413)
        except Exception as exc:  # a malformed multipart body
            return render(request, "_upload.html", {"lines": [(False, f"上传内容无法解析（{type(exc).__name__}）。")]},
                          status=400)
        try:
            folder = int(form.get("folder") or 0)
        except ValueError:
            folder = -1
        if not 0 <= folder < len(lib.folders):
            await form.close()
            return render(request, "_upload.html", {"lines": [(False, "上传的目标文件夹无效。")]}, status=400)
        files = [v for v in form.getlist("file") if isinstance(v, UploadFile)]
        if not files:
            await form.close()
            return render(request, "_upload.html", {"lines": [(False, "没有收到文件：请选择或拖入报告文件。")]}, status=400)
        lines: list[tuple[bool, str]] = []
        added: list[dict[str, Any]] = []
        try:
            for up in files:
                data = await up.read()
                e, error = await run_in_threadpool(lib.add_upload, folder, up.filename or "", data)
                if error is not None:
                    lines.append((False, f"错误：{error}"))
                else:
                    row = e.row
                    lines.append((True, f"已评查：{e.rel}（{row.get('jurisdiction') or '未识别地区'}"
                                        f"{row.get('year') or ''}，得分 {views_num(row.get('score'))}）"))
                    added.append({"id": e.id, "name": e.rel})
        finally:
            await form.close()
        status = 200 if all(ok for ok, _ in lines) else 400
        return render(request, "_upload.html", {"lines": lines, "added": added}, status=status,
                      headers={"HX-Trigger": "reports-changed"} if added else None)

    # -- one report -------------------------------------------------------------

    def load_for_page(e: Entry):
        """(result in force, problem with the review file or None)."""
        machine = lib.machine_result(e)
        try:
            return reviews.in_force(machine, e.source), None
        except (ScorerError, OSError, ValueError) as exc:
            return machine, str(exc).splitlines()[0] if str(exc) else type(exc).__name__

    def report_page(request: Request) -> HTMLResponse:
        e = entry_or_404(request)
        if e.error is not None:
            return render(request, "error.html", {"title": "这份文件未能评查", "message": f"错误：{e.error}"},
                          status=422)
        try:
            result, review_problem = load_for_page(e)
            text = lib.text(e)
        except (ScorerError, OSError) as exc:
            lib.request_scan()
            return render(request, "error.html", {
                "title": "报告暂时无法打开",
                "message": f"{lib.display_path(e)}：{str(exc).splitlines()[0] if str(exc) else exc}。已安排重新评查，请稍后刷新。"},
                status=409)
        if getattr(result, "text_sha256", None):
            import hashlib

            if hashlib.sha256(text.encode("utf-8")).hexdigest() != result.text_sha256:
                lib.request_scan()
                return render(request, "error.html", {
                    "title": "报告文件已改变", "message": f"{lib.display_path(e)} 在评查之后被修改，正在重新评查，请稍后刷新。"},
                    status=409)
        ctx = views.report_view(result, text)
        return render(request, "report.html", {
            "e": e, "r": result, "path": lib.display_path(e), "v": ctx, "review_problem": review_problem,
            "reviewer": settings.reviewer, "row": views.row_view(e, lib.names),
        })

    async def verdict(request: Request) -> Response:
        e = entry_or_404(request)
        try:
            form = await request.form(max_files=0, max_fields=20)
        except BodyTooLarge:
            return verdict_error(request, "提交的内容过长。", 413)
        item_id = str(form.get("item") or "")
        action = str(form.get("action") or "save")
        reason = str(form.get("reason") or "").strip()
        reviewer = str(form.get("reviewer") or "").strip()
        status_value = str(form.get("status") or "")
        return await run_in_threadpool(apply_verdict, request, e, item_id, action, status_value, reason, reviewer)

    def verdict_error(request: Request, message: str, status: int = 422) -> HTMLResponse:
        return render(request, "_dialog_error.html", {"message": message}, status=status,
                      headers={"HX-Retarget": "#dialog-error", "HX-Reswap": "innerHTML"})

    def apply_verdict(request: Request, e: Entry, item_id: str, action: str, status_value: str, reason: str,
                      reviewer: str) -> Response:
        if e.error is not None:
            return verdict_error(request, "这份文件未能评查，不能复核。")
        machine = lib.machine_result(e)
        item = next((it for it in machine.items + machine.structure if it.id == item_id), None)
        if item is None:
            return verdict_error(request, f"没有条目「{item_id[:40]}」。")
        if action == "remove":
            reviews.remove(e.source, item.id)
        else:
            try:
                status = Status(status_value)
            except ValueError:
                return verdict_error(request, "请选择复核结论。")
            if not reason:
                return verdict_error(request, "请填写复核理由：为什么确认或改变这一结论。")
            if len(reason) > MAX_REASON:
                return verdict_error(request, f"复核理由过长（{len(reason)} 字，上限 {MAX_REASON} 字）。")
            if not reviewer:
                return verdict_error(request, "请填写复核人姓名。")
            if len(reviewer) > 40:
                return verdict_error(request, "复核人姓名过长。")
            evidence = (item.evidence[0].start, item.evidence[0].end) if item.evidence else None
            try:
                reviews.save(e.source, item.id, status, reason, reviewer, result=machine, evidence=evidence)
            except ScorerError as exc:
                return verdict_error(request, str(exc).splitlines()[0])
            except OSError as exc:
                return verdict_error(request, f"无法写入复核记录（{exc.strerror or type(exc).__name__}）。")
        lib.reviews_changed(e)
        try:
            result = reviews.in_force(machine, e.source)
        except (ScorerError, OSError, ValueError) as exc:
            return verdict_error(request, str(exc).splitlines()[0])
        text = lib.text(e)
        ctx = views.report_view(result, text)
        view = next((i for g in ctx["areas"] for i in g["list"] if i["id"] == item.id), None) or \
            next(i for i in ctx["structure"] if i["id"] == item.id)
        return render(request, "_verdict.html", {
            "item": view, "e": e, "r": result, "v": ctx, "row": views.row_view(e, lib.names),
            "reviewer": reviewer or settings.reviewer, "review_problem": None},
            headers={"HX-Trigger": json.dumps({"verdict-saved": {"message": (
                f"已撤销 {item.id} 的复核，恢复机器结论" if action == "remove" else f"已保存 {item.id} 的复核，得分已更新")}},
                ensure_ascii=True), "HX-Retarget": f"#item-{dom_id(item.id)}",
                     "HX-Reswap": "outerHTML"})

    # -- downloads ---------------------------------------------------------------

    def report_pdf(request: Request) -> Response:
        from scorer.checklist.load import load_checklist
        from scorer.render import build_report, require_cjk_fonts

        e = entry_or_404(request)
        if e.error is not None:
            raise HTTPException(422, f"这份文件未能评查：{e.error}")
        result, _ = load_for_page(e)
        try:
            fonts = require_cjk_fonts()
            try:
                checklist = load_checklist(result.checklist.id)
            except (ScorerError, OSError):
                checklist = None
            with render_lock:
                rendered = build_report(result, checklist=checklist, fonts=fonts)
        except ScorerError as exc:
            raise HTTPException(500, f"生成 PDF 失败：{str(exc).splitlines()[0]}")
        return Response(rendered.pdf.data, media_type="application/pdf", headers={
            "Content-Disposition": content_disposition(f"{rendered.stem}.pdf", "report.pdf")})

    def review_pdf(request: Request) -> Response:
        from scorer.render import html_to_pdf, require_cjk_fonts, review_html

        f = views.Filters.from_query(request.query_params)
        _version, entries = lib.snapshot()
        rows, bad = views.select(entries, f)
        if not rows:
            raise HTTPException(404, "当前筛选条件下没有评查成功的报告，未生成汇总。")
        results, errors = [], [f"{lib.display_path(e)}: {e.error.split(': ', 1)[-1]}" for e in bad]
        for e in rows:
            try:
                results.append(lib.result(e))
            except (ScorerError, OSError, ValueError) as exc:
                errors.append(f"{lib.display_path(e)}: {str(exc).splitlines()[0] if str(exc) else exc}")
        if not results:
            raise HTTPException(409, "报告的评查结果暂时无法读取，请稍后再试。")
        what = f.describe()
        title = f"法治政府建设年度报告评查汇总（{what}）" if what else None
        try:
            fonts = require_cjk_fonts()
            with render_lock:
                pdf = html_to_pdf(review_html(results, title=title, errors=errors, fonts=fonts))
        except ScorerError as exc:
            raise HTTPException(500, f"生成 PDF 失败：{str(exc).splitlines()[0]}")
        name = f"评查汇总-{what.replace('，', '-')}.pdf" if what else "评查汇总.pdf"
        return Response(pdf.data, media_type="application/pdf", headers={
            "Content-Disposition": content_disposition(name, "review.pdf")})

    def source_file(request: Request) -> Response:
        e = entry_or_404(request)
        path = os.path.realpath(e.source)
        from scorer.serve.library import inside

        if not inside(path, lib.roots[e.folder]) or not os.path.isfile(path):
            raise HTTPException(404, "评查文件夹中没有这份报告。")
        name = os.path.basename(path)
        return FileResponse(path, headers={"Content-Disposition": content_disposition(name, "report" + Path(name).suffix)})

    # -- the checklist in force ---------------------------------------------------

    def checklist_names() -> list[str]:
        from scorer.checklist.load import STRUCTURE_CHECKLIST, shipped_checklists

        if settings.checklist == "auto":
            names = [n for n in shipped_checklists()]
        else:
            names = [settings.checklist, STRUCTURE_CHECKLIST]
        return names

    def load_named(name: str):
        from scorer.checklist.load import load_checklist

        if name not in checklist_names():
            raise HTTPException(404, f"没有检查清单「{name[:40]}」。")
        try:
            return load_checklist(name)
        except ScorerError as exc:
            raise HTTPException(500, f"检查清单无法加载：{str(exc).splitlines()[0]}")

    def checklist_page(request: Request) -> Response:
        names = checklist_names()
        name = request.path_params.get("name") or (names[0] if names else "")
        cl = load_named(name)
        tabs = []
        for n in names:
            try:
                tabs.append((n, load_named(n).spec.title))
            except HTTPException:
                tabs.append((n, n))
        rules = None
        from scorer.paths import CHECKLIST_DIR

        rules_file = Path(CHECKLIST_DIR) / "rules.yaml"
        if rules_file.is_file():
            with contextlib.suppress(OSError):
                rules = rules_file.read_text("utf-8")
        return render(request, "checklist.html", {
            "cl": cl, "name": name, "tabs": tabs, "kinds": views.KIND_NAMES, "rules": rules,
            "auto": settings.checklist == "auto"})

    def checklist_xlsx(request: Request) -> Response:
        from scorer.checklist.xlsx import export_xlsx

        name = request.path_params["name"]
        load_named(name)
        with tempfile.TemporaryDirectory(prefix="scorer-xlsx-") as tmp:
            out = Path(tmp) / f"{name}.xlsx"
            try:
                export_xlsx(name, out)
            except ScorerError as exc:
                raise HTTPException(500, f"导出失败：{str(exc).splitlines()[0]}")
            data = out.read_bytes()
        return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"Content-Disposition": content_disposition(f"{name}.xlsx", f"{name}.xlsx")})

    # -- errors ------------------------------------------------------------------

    titles = {403: "拒绝访问", 404: "找不到页面", 405: "不支持的请求方式", 409: "请稍后再试", 413: "文件过大",
              422: "无法处理", 500: "程序出错"}

    async def http_error(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        detail = getattr(exc, "detail", None)
        if not isinstance(detail, str) or not detail or detail.isascii():
            detail = {404: "没有这个页面。", 405: "这个地址不接受这种请求。"}.get(status, "请求无法完成。")
        return render(request, "error.html", {"title": titles.get(status, "请求无法完成"), "message": detail},
                      status=status)

    async def server_error(request: Request, exc: Exception) -> Response:
        return render(request, "error.html", {
            "title": "程序出错", "message": f"处理请求时程序出错（{type(exc).__name__}），请报告此问题。"}, status=500)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        lib.start()
        try:
            yield
        finally:
            await asyncio.get_running_loop().run_in_executor(None, lib.stop)

    routes = [
        Route("/", index),
        Route("/progress", progress),
        Route("/rescan", rescan, methods=["POST"]),
        Route("/upload", upload, methods=["POST"]),
        Route("/report/{folder:int}/{rel:path}", report_page),
        Route("/verdict/{folder:int}/{rel:path}", verdict, methods=["POST"]),
        Route("/pdf/{folder:int}/{rel:path}", report_pdf),
        Route("/file/{folder:int}/{rel:path}", source_file),
        Route("/review.pdf", review_pdf),
        Route("/checklist", checklist_page),
        Route("/checklist/{name}.xlsx", checklist_xlsx),
        Route("/checklist/{name}", checklist_page),
        Mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={HTTPException: http_error, 500: server_error})
    app.state.library = lib
    guarded = Guard(app, token=settings.token, loopback=settings.loopback, max_upload=settings.max_upload)
    guarded.library = lib  # for the CLI and the tests
    return guarded


def views_num(value: Any) -> str:
    return "—" if value is None else f"{value:.1f}"

