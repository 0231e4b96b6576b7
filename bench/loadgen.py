"""A small asyncio HTTP/1.1 client and load runner for the benchmarks in bench/run.py.

Gunicorn's sync workers close the connection after every response, so each
request opens its own connection and reads to EOF; nothing here needs
keep-alive, chunked bodies or TLS. The server runs with production settings
behind an imagined TLS proxy: every request says ``X-Forwarded-Proto: https``
and the session keeps its cookies itself (they are marked Secure).
"""

import asyncio
import re
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django_otp.oath import totp

CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
TWO_FACTOR_PATH = "/accounts/two-factor/verify/"
TOTP_STEP = 30  # seconds: django-otp accepts a code once, so a second login in the same step waits for the next


@dataclass
class Response:
    status: int
    headers: dict[str, list[str]]
    body: bytes
    seconds: float

    def header(self, name: str) -> str:
        return (self.headers.get(name.lower()) or [""])[0]

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Session:
    """One logged-in browser: its cookies, and requests that carry them and the CSRF token."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.origin = f"https://{host}:{port}"
        self.cookies: dict[str, str] = {}

    async def request(self, method: str, path: str, *, body: bytes = b"", content_type: str = "",
                      headers: dict[str, str] | None = None) -> Response:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "X-Forwarded-Proto: https",
                 "Connection: close", "Accept-Language: zh-hans"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if method == "POST":
            lines += [f"Origin: {self.origin}", f"Referer: {self.origin}{path}",
                      f"X-CSRFToken: {self.cookies.get('csrftoken', '')}", f"Content-Length: {len(body)}"]
            if content_type:
                lines.append(f"Content-Type: {content_type}")
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        started = time.perf_counter()
        reader, writer = await asyncio.open_connection(self.host, self.port)
        try:
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
            await writer.drain()
            raw = await reader.read()
        finally:
            writer.close()
        seconds = time.perf_counter() - started
        if not raw:  # gunicorn killed the worker (its timeout) or dropped the connection
            raise ConnectionResetError(f"GET {path}: the connection closed without an answer")
        head, _, payload = raw.partition(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        response_headers: dict[str, list[str]] = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            response_headers.setdefault(name.strip().lower(), []).append(value.strip())
        for cookie in response_headers.get("set-cookie", []):
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return Response(int(status_line.split()[1]), response_headers, payload, seconds)

    async def get(self, path: str, **kwargs) -> Response:
        return await self.request("GET", path, **kwargs)

    async def post(self, path: str, data: dict[str, str], **kwargs) -> Response:
        return await self.request("POST", path, body=urlencode(data).encode(),
                                  content_type="application/x-www-form-urlencoded", **kwargs)

    async def post_file(self, path: str, data: dict[str, str], file_field: str, file_name: str,
                        content: bytes, file_type: str) -> Response:
        boundary = uuid.uuid4().hex
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                 for k, v in data.items()]
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
                     f'filename="{file_name}"\r\nContent-Type: {file_type}\r\n\r\n'.encode() + content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return await self.request("POST", path, body=b"".join(parts),
                                  content_type=f"multipart/form-data; boundary={boundary}")

    async def login(self, username: str, password: str, *, totp_key: str = "") -> None:
        """Log in; when the user has an authenticator (``totp_key``, hex), pass the second factor too."""
        page = await self.get("/accounts/login/")
        token = CSRF_INPUT.search(page.body)
        if page.status != 200 or token is None:
            raise RuntimeError(f"login page answered {page.status}")
        answer = await self.post("/accounts/login/", {"csrfmiddlewaretoken": token.group(1).decode(),
                                                     "username": username, "password": password})
        if answer.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login as {username} failed: HTTP {answer.status}")
        if totp_key:
            await self._pass_two_factor(username, totp_key)

    async def _pass_two_factor(self, username: str, key: str) -> None:
        for _ in range(2):
            page = await self.get(TWO_FACTOR_PATH)
            token = CSRF_INPUT.search(page.body)
            if page.status != 200 or token is None:
                return  # no authenticator: this user has no second factor to pass
            code = f"{totp(bytes.fromhex(key)):06d}"
            answer = await self.post(TWO_FACTOR_PATH, {"csrfmiddlewaretoken": token.group(1).decode(), "token": code})
            if answer.status == 302:
                return
            await asyncio.sleep(TOTP_STEP - time.time() % TOTP_STEP + 1)
        raise RuntimeError(f"the second factor as {username} failed twice")


@dataclass
class LoadResult:
    name: str
    path: str
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: int = 0

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        """Latency in milliseconds at ``share`` (0.5, 0.95, 0.99), nearest-rank."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]

    @property
    def mean_ms(self) -> float:
        return 1000 * statistics.fmean(self.latencies) if self.latencies else float("nan")


async def load(name: str, session: Session, path: str, *, connections: int, seconds: float,
               warmup: float, timeout: float = 30) -> LoadResult:
    """``connections`` loops requesting ``path`` for ``warmup`` + ``seconds`` (see ``load_calls``)."""
    return await load_calls(name, path, lambda worker: session.get(path), connections=connections, seconds=seconds,
                            warmup=warmup, timeout=timeout)


async def load_calls(name: str, path: str, call: Callable[[int], Awaitable[Response]], *, connections: int,
                     seconds: float, warmup: float, timeout: float = 30) -> LoadResult:
    """``connections`` loops, each awaiting ``call(its number)`` for ``warmup`` + ``seconds``.

    Counted: the responses that arrive within the last ``seconds``, so a page
    slower than the warm-up still counts. A response other than 200 counts as
    an error (a redirect to the login page would otherwise look like a fast page),
    and so does one that takes longer than ``timeout`` seconds.
    """
    result = LoadResult(name=name, path=path, seconds=seconds)
    loop = asyncio.get_running_loop()
    started = loop.time()
    counting_from, stop_at = started + warmup, started + warmup + seconds

    async def worker(number: int) -> None:
        while loop.time() < stop_at:
            try:
                response = await asyncio.wait_for(call(number), timeout)
                ok = response.status == 200
            except OSError:  # TimeoutError included
                ok = False
            if counting_from <= loop.time() <= stop_at:
                if ok:
                    result.latencies.append(response.seconds)
                else:
                    result.errors += 1

    await asyncio.gather(*(worker(number) for number in range(connections)))
    return result
