"""Start the real `scorer serve` in a subprocess on 127.0.0.1 and talk to it."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


class Server:
    """`scorer serve ARGS --port 0` with its output in files; .port, .url, .token."""

    def __init__(self, *args: str, cwd: Path | None = None, log_dir: Path):
        self.args = [str(a) for a in args]
        self.cwd = cwd or ROOT
        self.out = log_dir / "serve.out"
        self.err = log_dir / "serve.err"
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.url = ""
        self.token: str | None = None

    def start(self, timeout: float = 120) -> "Server":
        env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONUNBUFFERED="1")
        with open(self.out, "wb") as out, open(self.err, "wb") as err:
            self.proc = subprocess.Popen([sys.executable, "-m", "scorer", "serve", *self.args, "--port", "0"],
                                         stdout=out, stderr=err, cwd=self.cwd, env=env)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.out.read_text("utf-8", errors="replace")
            m = re.search(r"(http://\S+?:(\d+)/)(\?token=(\S+))?", text)
            if m:
                self.url, self.port = m.group(1), int(m.group(2))
                self.token = m.group(4)
                return self
            if self.proc.poll() is not None:
                raise AssertionError(f"scorer serve exited {self.proc.returncode}: {self.stderr()}")
            time.sleep(0.05)
        raise AssertionError(f"scorer serve did not start: {self.stderr()}")

    def stderr(self) -> str:
        return self.err.read_text("utf-8", errors="replace") if self.err.exists() else ""

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- HTTP ---------------------------------------------------------------

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                timeout: float = 120) -> tuple[int, dict[str, str], bytes]:
        """One raw request (the path is sent exactly as given: no normalising)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            sent = {k.lower(): v for k, v in (headers or {}).items()}
            sent.setdefault("host", f"127.0.0.1:{self.port}")
            if body is not None:
                sent.setdefault("content-length", str(len(body)))
            for k, v in sent.items():
                conn.putheader(k, v)
            conn.endheaders()
            if body is not None:
                conn.send(body)
            resp = conn.getresponse()
            data = resp.read()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data
        finally:
            conn.close()

    def get(self, path: str, **kw) -> tuple[int, str]:
        status, _headers, data = self.request("GET", path, **kw)
        return status, data.decode("utf-8", errors="replace")

    def wait_idle(self, timeout: float = 300) -> str:
        """Until the background scan has finished at least once; returns the list page."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status, body = self.get("/progress", headers=self.auth())
            if status == 200 and ("所有报告均已评查" in body or "检查清单无法加载" in body):
                return self.get("/", headers=self.auth())[1]
            time.sleep(0.2)
        raise AssertionError(f"scoring did not finish: {self.stderr()}")

    def auth(self) -> dict[str, str]:
        return {"X-Scorer-Token": self.token} if self.token else {}


def multipart(files: list[tuple[str, bytes]], fields: dict[str, str] | None = None) -> tuple[bytes, str]:
    """A multipart/form-data body with `file` parts, as a browser sends it."""
    boundary = "----scorer-test-boundary-7d9f"
    parts = []
    for k, v in (fields or {}).items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
    for name, data in files:
        head = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n").encode("utf-8")
        parts.append(head + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def copy_seeds(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, folder / p.name)
    return folder


def rows(body: str) -> list[str]:
    """The report ids listed on a list page, in order."""
    return re.findall(r'<tr data-id="([^"]+)"', body)
