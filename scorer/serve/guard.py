"""Who may talk to the app, and how much they may send: an ASGI wrapper in front
of every request.

- Bound to loopback (the default), it answers only requests addressed to this
  machine by name (Host 127.0.0.1 / localhost / [::1]), so that a web page the
  user visits cannot reach it through a DNS name that points here.
- Bound to any other address, every request -- from this machine too -- needs the
  token printed at start-up: `?token=…` once (then a cookie), or the
  `X-Scorer-Token` header.
- A request that changes something (POST) must come from the app's own pages:
  a browser's Origin / Sec-Fetch-Site naming another site is refused.
- Request bodies are limited: uploads to `max_upload` bytes, anything else to
  64 KB; a larger declared body is refused before it is read, a body that
  grows past the limit stops being read.
"""

from __future__ import annotations

import hmac
import ipaddress
from http.cookies import SimpleCookie
from typing import Any, Awaitable, Callable
from urllib.parse import parse_qsl, urlencode

from markupsafe import escape

TOKEN_COOKIE = "scorer_token"
TOKEN_HEADER = "x-scorer-token"
FORM_LIMIT = 64 * 1024
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class BodyTooLarge(Exception):
    """Raised from `receive` when a request body grows past its limit."""

    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(limit)


def is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_name(host_header: str) -> str:
    host = host_header.strip()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


def page(status: int, title: str, message: str) -> bytes:
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            '<style>body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;'
            'max-width:40em;margin:10vh auto;padding:0 1em;color:#1f2937}h1{font-size:1.3em;color:#b91c1c}'
            f'</style></head><body><h1>{escape(title)}</h1><p class="message">{escape(message)}</p></body></html>'
            ).encode("utf-8")


class Guard:
    def __init__(self, app: Callable[..., Awaitable[Any]], *, token: str | None, loopback: bool,
                 max_upload: int, upload_path: str = "/upload"):
        self.app = app
        self.token = token
        self.loopback = loopback
        self.max_upload = max_upload
        self.upload_path = upload_path

    async def _refuse(self, send, status: int, title: str, message: str, headers: list | None = None) -> None:
        body = page(status, title, message)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"text/html; charset=utf-8"),
                                (b"content-length", str(len(body)).encode()), *(headers or [])]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}
        method = scope.get("method", "GET").upper()
        host = headers.get("host", "")

        if self.loopback and not is_loopback(_host_name(host)):
            return await self._refuse(send, 403, "拒绝访问",
                                      "本评查台只接受本机访问：请用 http://127.0.0.1 或 http://localhost 打开。")

        set_cookie = None
        if self.token is not None:
            query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
            given = dict(query).get("token")
            cookie = SimpleCookie()
            try:
                cookie.load(headers.get("cookie", ""))
            except Exception:
                pass
            candidates = [given, headers.get(TOKEN_HEADER),
                          cookie[TOKEN_COOKIE].value if TOKEN_COOKIE in cookie else None]
            if not any(c and hmac.compare_digest(c.encode(), self.token.encode()) for c in candidates):
                return await self._refuse(
                    send, 403, "需要访问令牌",
                    "本评查台在非本机地址上运行，每次访问都需要令牌：请使用 scorer serve 启动时显示的完整网址"
                    "（带 ?token=…）打开。")
            if given is not None:
                set_cookie = (b"set-cookie", f"{TOKEN_COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"
                              .encode("latin-1"))
                if method in SAFE_METHODS:  # drop the token from the address bar and the history
                    rest = urlencode([(k, v) for k, v in query if k != "token"])
                    location = (scope.get("root_path", "") + scope["path"]) + (f"?{rest}" if rest else "")
                    await send({"type": "http.response.start", "status": 303,
                                "headers": [(b"location", location.encode("utf-8")), set_cookie,
                                            (b"content-length", b"0")]})
                    await send({"type": "http.response.body", "body": b""})
                    return

        if method not in SAFE_METHODS:
            origin = headers.get("origin")
            scheme = scope.get("scheme", "http")
            if (origin and origin != f"{scheme}://{host}") or headers.get("sec-fetch-site") == "cross-site":
                return await self._refuse(send, 403, "拒绝请求", "只接受来自本评查台页面的提交。")

        limit = self.max_upload if scope["path"] == self.upload_path else FORM_LIMIT
        declared = headers.get("content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                return await self._refuse(send, 400, "请求无效", "请求头 Content-Length 无效。")
            if size > limit:
                what = "上传的文件" if limit == self.max_upload else "提交的内容"
                return await self._refuse(send, 413, "文件过大",
                                          f"{what}过大（{size / 1024 / 1024:.1f} MB，上限为 {mb(limit)}），未接收。")

        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def send_with_cookie(message):
            if set_cookie is not None and message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = [*message.get("headers", []), set_cookie]
            await send(message)

        await self.app(scope, limited_receive, send_with_cookie)
