"""The HTTP side of `lawcmp serve`: the one module that imports Starlette and uvicorn.

Every endpoint answers through `guarded`: a problem of the input (a bill that does not
parse, an unknown state, a bad date) is a 4xx with a message; anything else is a 500
whose body says only that lawcmp failed, never where (the traceback goes to the
server's log on the drafter's own terminal, not to the page). Nothing is written to
disk: downloads are built in memory and sent as the response.

Bound to loopback by default, and it answers only requests addressed to the name it
was bound as (`TrustedHostMiddleware`): a web page elsewhere cannot reach it by
rebinding its own domain name to 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import logging
import sys
from collections.abc import Awaitable, Callable
from functools import wraps
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from lawcmp.serve import pages
from lawcmp.serve.workspace import MAX_BILL, NotFound, Workspace, check_bill, checked_json, gap_document, whatif_report
from lawcmp.support.diagnostics import LawcmpError, render_concise

LOG = logging.getLogger("lawcmp.serve")
STATIC = Path(__file__).resolve().parent.parent / "templates" / "serve"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8", "json": "application/json", "csv": "text/csv; charset=utf-8",
    "markdown": "text/markdown; charset=utf-8", "table": "text/plain; charset=utf-8",
}
Endpoint = Callable[[Request], Awaitable[Response]]


class BadRequest(ValueError):
    """A request the server cannot answer as asked: its message is for the drafter."""

    def __init__(self, message: str, status: int = 400, diagnostics: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.diagnostics = diagnostics or []


def error(message: str, status: int, diagnostics: list[dict[str, Any]] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"error": message}
    if diagnostics is not None:
        body["diagnostics"] = diagnostics
    return JSONResponse(body, status_code=status)


def guarded(endpoint: Endpoint) -> Endpoint:
    """The endpoint, with every error it meets made an answer: 4xx for the input's, 500 with no trace for lawcmp's."""

    @wraps(endpoint)
    async def run(request: Request) -> Response:
        try:
            return await endpoint(request)
        except BadRequest as exc:
            return error(str(exc), exc.status, exc.diagnostics or None)
        except NotFound as exc:
            return error(str(exc), 404)
        except LawcmpError as exc:
            from lawcmp.serve.workspace import diagnostic_json

            return error(render_concise(exc.diagnostics).strip(), 422, [diagnostic_json(d) for d in exc.diagnostics])
        except Exception:
            LOG.exception("internal error answering %s", request.url.path)
            return error("internal error: this is a bug in lawcmp, not a problem of the bill; the server's log says where", 500)

    return run


# -- reading requests ---------------------------------------------------------------------------------------


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"`{value}` is not a date (YYYY-MM-DD)") from None


async def _fields(request: Request) -> dict[str, str]:
    """A POST's fields, from JSON or a form (urlencoded, read here: Starlette's form parser needs python-multipart)."""
    data = await request.body()
    if len(data) > MAX_BILL * 4:
        raise BadRequest("the request is too large", 413)
    kind = request.headers.get("content-type", "").split(";")[0].strip()
    try:
        if kind == "application/json":
            value = json.loads(data.decode("utf-8"))
            if not isinstance(value, dict):
                raise BadRequest("expected a JSON object")
            return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}
        if kind == "application/x-www-form-urlencoded":
            return {k: v[0] for k, v in parse_qs(data.decode("utf-8"), keep_blank_values=True).items()}
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadRequest(f"the request's body does not read: {exc}") from None
    raise BadRequest("send the bill as JSON or as a form", 415)


def _format(value: str | None) -> str:
    if value not in MEDIA:
        raise BadRequest(f"no format `{value}` (one of: {', '.join(MEDIA)})")
    return value


def _attachment(body: str | bytes, media: str, filename: str) -> Response:
    headers = {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"}
    return Response(body.encode("utf-8") if isinstance(body, str) else body, media_type=media, headers=headers)


# -- the application ----------------------------------------------------------------------------------------


def create_app(ws: Workspace, hosts: tuple[str, ...] = LOOPBACK_NAMES) -> Starlette:
    """The application over a workspace read once; it answers requests addressed to `hosts` only."""
    from lawcmp.render.write import BY_NAME, render

    def lang(request: Request) -> str:
        return pages.lang_of(request.query_params.get("lang"))

    async def home(request: Request) -> Response:
        return RedirectResponse(f"/editor?{urlencode({'lang': lang(request)})}", status_code=307)

    async def report(request: Request) -> Response:
        state, day, problem, status = request.query_params.get("state"), None, None, 200
        try:
            day = _day(request.query_params.get("date"))
            state = ws.state(state) if state else None
        except (BadRequest, NotFound) as exc:
            problem, status, state = str(exc), 404 if isinstance(exc, NotFound) else 400, None
        return HTMLResponse(pages.report_page(ws, lang(request), state, day, problem), status_code=status)

    def _gap(request: Request) -> tuple[str, dt.date, Any]:
        state = ws.state(request.query_params.get("state") or "")
        day = _day(request.query_params.get("date")) or ws.default_day(state)
        return state, day, gap_document(ws, state, day, lang(request))

    async def report_view(request: Request) -> Response:
        return HTMLResponse(render(_gap(request)[2], "html"))

    async def report_download(request: Request) -> Response:
        fmt = _format(request.query_params.get("format"))
        state, day, doc = _gap(request)
        return _attachment(render(doc, fmt), MEDIA[fmt], f"report-{state}-{day.isoformat()}{BY_NAME[fmt].suffix}")

    async def editor(request: Request) -> Response:
        name = request.query_params.get("bill") or None
        problem, status = None, 200
        if name is not None and name not in ws.drafts:
            problem, status, name = f"no bill `{name}` in the corpus (it has {', '.join(sorted(ws.drafts)) or 'none'})", 404, None
        text = ws.drafts[name].text if name else ""
        first = checked_json(check_bill(ws, text, name), lang(request)) if text else {"diagnostics": [], "whatif": None}
        return HTMLResponse(pages.editor_page(ws, lang(request), name, text, first, problem), status_code=status)

    async def check(request: Request) -> Response:
        fields = await _fields(request)
        answer = check_bill(ws, fields.get("text", ""), fields.get("name") or None)
        return JSONResponse(checked_json(answer, pages.lang_of(fields.get("lang"))))

    async def download_bill(request: Request) -> Response:
        fields = await _fields(request)
        text = fields.get("text", "")
        if len(text.encode("utf-8")) > MAX_BILL:
            raise BadRequest("the bill is too large", 413)
        name = Path(fields.get("name") or "bill.law").name
        return _attachment(text, "text/plain; charset=utf-8", name if name.endswith(".law") else f"{name}.law")

    async def download_whatif(request: Request) -> Response:
        fmt = _format(request.query_params.get("format"))
        fields = await _fields(request)
        doc = whatif_report(ws, fields.get("text", ""), fields.get("name") or None, pages.lang_of(fields.get("lang")))
        stem = Path(fields.get("name") or "bill").stem
        return _attachment(render(doc, fmt), MEDIA[fmt], f"whatif-{stem}{BY_NAME[fmt].suffix}")

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        media = {"serve.js": "text/javascript; charset=utf-8", "serve.css": "text/css; charset=utf-8"}
        if name not in media:
            raise NotFound(f"no file `{name}`")
        return Response((STATIC / name).read_bytes(), media_type=media[name])

    routes = [
        Route("/", guarded(home)), Route("/report", guarded(report)), Route("/report/view", guarded(report_view)),
        Route("/report/download", guarded(report_download)), Route("/editor", guarded(editor)),
        Route("/api/check", guarded(check), methods=["POST"]),
        Route("/download/bill", guarded(download_bill), methods=["POST"]),
        Route("/download/whatif", guarded(download_whatif), methods=["POST"]),
        Route("/static/{name}", guarded(static)),
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        return error(f"no page {request.url.path}", getattr(exc, "status_code", 404))

    async def failed(request: Request, exc: Exception) -> Response:
        return error("internal error: this is a bug in lawcmp; the server's log says where", 500)

    return Starlette(routes=routes, middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))],
                     exception_handlers={404: not_found, 405: not_found, 500: failed})


# -- running it ---------------------------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    if host.strip("[]") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind_host(host: str | None) -> tuple[str, str | None]:
    """The address to bind, and a warning to print: loopback unless the drafter names another address.

    The page reads the corpus and runs lawcmp's checks for whoever reaches it, with no
    login; a non-loopback address is therefore only ever bound when asked for by name.
    """
    if host is None:
        return "127.0.0.1", None
    if not host.strip():
        raise ValueError("--host is empty")
    if is_loopback(host):
        return host, None
    return host, (f"serving on {host}, not only on this machine: anyone who can reach it can read the corpus "
                  "and run checks, with no login (docs/serve.md)")


def allowed_hosts(host: str) -> tuple[str, ...]:
    """The Host headers to answer: the loopback names, or every name when bound beyond loopback (then the drafter chose to share it)."""
    return LOOPBACK_NAMES if is_loopback(host) else ("*",)


def run(ws: Workspace, host: str, port: int) -> None:
    """Serve until interrupted."""
    import uvicorn

    url_host = f"[{host}]" if ":" in host else host
    sys.stderr.write(f"lawcmp serve: http://{url_host}:{port}/ (Ctrl-C to stop)\n")
    sys.stderr.flush()
    uvicorn.run(create_app(ws, allowed_hosts(host)), host=host, port=port, log_level="warning")
