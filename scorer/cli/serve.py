"""`scorer serve`: the review desk in the browser (scorer/serve/)."""

from __future__ import annotations

import secrets
import socket
import threading
from pathlib import Path
from typing import Optional

import typer

from scorer.cli.common import CHECKLIST_HELP, console, err_console, fail


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or exit 2 with one Chinese line."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        fail(f"--host {host}: 无法识别的地址")
    family, kind, proto, _name, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except PermissionError:
        sock.close()
        fail(f"端口 {port}：没有权限使用（1024 以下的端口需要管理员权限），请用 --port 指定其他端口")
    except OSError as exc:
        sock.close()
        if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            fail(f"端口 {port} 已被占用，请用 --port 指定其他端口")
        fail(f"--host {host}: 无法在这个地址上启动（{exc.strerror or type(exc).__name__}）")
    sock.setblocking(False)
    return sock


def _url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve_cmd(
        folders: Optional[list[str]] = typer.Argument(None, help="报告文件夹，可以给多个（默认：当前文件夹）"),
        host: str = typer.Option("127.0.0.1", "--host", help="监听地址；默认只允许本机访问。其他地址（如 0.0.0.0）"
                                 "需要启动时显示的访问令牌"),
        port: int = typer.Option(8000, "--port", "-p", min=0, max=65535, help="端口（0 表示自动选择空闲端口）"),
        checklist: str = typer.Option("auto", "--checklist", "-c", help=CHECKLIST_HELP),
        cache: Optional[Path] = typer.Option(None, "--cache", help="评查结果缓存文件夹（默认 ~/.cache/scorer/serve/…）"),
        jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="后台评查的并行进程数（默认：CPU 核数）"),
        reviewer: str = typer.Option("", "--reviewer", help="复核对话框中预先填写的复核人姓名"),
        max_upload_mb: int = typer.Option(30, "--max-upload-mb", min=1, max=100, help="单个上传文件的大小上限（MB）"),
    ) -> None:
        """在浏览器中评查和复核报告：报告列表（筛选、排序、上传）、逐项结论与原文证据、人工复核、
        下载 PDF 差距报告和年度汇总。默认只在本机（127.0.0.1）打开；按 Ctrl+C 停止。"""
        from scorer.errors import ScorerError
        from scorer.serve import Settings, create_app
        from scorer.serve.guard import is_loopback

        folders = folders or ["."]
        for f in folders:
            p = Path(f)
            if not p.exists():
                fail(f"{f}: 文件夹不存在")
            if not p.is_dir():
                fail(f"{f}: 不是文件夹（scorer serve 需要报告所在的文件夹）")
        if checklist != "auto":  # a missing checklist stops here; a broken one is reported on the page
            from scorer.checklist.load import resolve_checklist_path

            try:
                resolve_checklist_path(checklist)
            except ScorerError as exc:
                fail(str(exc))
        if cache is not None:
            try:
                cache.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                fail(f"{cache}: 无法创建缓存文件夹（{exc.strerror or type(exc).__name__}）")
        def check_fonts() -> None:  # off the start-up path: it asks fontconfig
            try:
                from scorer.render import require_cjk_fonts

                require_cjk_fonts()
            except ScorerError as exc:
                err_console.print(f"警告：{exc}（网页可以使用，但无法下载 PDF）", markup=False)

        threading.Thread(target=check_fonts, name="scorer-font-check", daemon=True).start()

        loopback = is_loopback(host)
        if not loopback:
            try:
                loopback = all(is_loopback(info[4][0]) for info in socket.getaddrinfo(host, None))
            except socket.gaierror:
                loopback = False
        token = None if loopback else secrets.token_urlsafe(24)
        sock = _bind(host, port)
        port = sock.getsockname()[1]

        import uvicorn

        settings = Settings(folders=list(folders), cache_dir=str(cache) if cache else None, checklist=checklist,
                            token=token, loopback=loopback, max_upload=max_upload_mb * 1024 * 1024, jobs=jobs,
                            reviewer=reviewer)
        application = create_app(settings)
        url = _url(host, port)
        if token is None:
            console.print(f"评查台已启动：{url}", markup=False)
            console.print("只接受本机访问。在浏览器中打开上面的地址；按 Ctrl+C 停止。", markup=False)
        else:
            console.print(f"评查台已启动：{url}?token={token}", markup=False)
            console.print(f"访问令牌：{token}", markup=False)
            console.print("每次访问都需要令牌（本机也一样）：请把带 ?token= 的完整地址发给同事；"
                          "其他电脑上请把地址中的主机换成本机的 IP 地址。按 Ctrl+C 停止。", markup=False)
        console.file.flush()
        config = uvicorn.Config(application, log_level="warning", access_log=False, lifespan="on",
                                timeout_graceful_shutdown=5)
        server = uvicorn.Server(config)
        try:
            server.run(sockets=[sock])
        except KeyboardInterrupt:
            pass
        console.print("评查台已停止。", markup=False)


__all__ = ["register"]
