"""A small synchronous client of the Language Server Protocol over a subprocess's stdio.

The tests and benchmarks/lsp.py drive a real `lawcmp lsp` with it, byte for byte as an
editor does: Content-Length framing, JSON-RPC requests answered by id, notifications kept
in arrival order. pygls's own client is asyncio; a test reads more plainly as a sequence
of calls that block until the server answers.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tests.helpers import ROOT

Message = dict[str, Any]


class LspClient:
    def __init__(self, args: Sequence[str] = (), cwd: Path = ROOT) -> None:
        # The server's log goes to a file: a pipe nobody reads would stall it once full.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (open as long as the server; closed in `close`)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lawcmp", "lsp", *args], cwd=cwd,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log,
        )
        self._next = 0
        self._responses: dict[int, queue.Queue[Message]] = {}
        self._lock = threading.Lock()
        self.notifications: list[Message] = []
        self._arrived = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # -- the wire ------------------------------------------------------------------------------

    def _send(self, message: Message) -> None:
        body = json.dumps(message).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        out = self.process.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if length is None:
                continue
            message = json.loads(out.read(length))
            if "id" in message and "method" in message:  # a request from the server: accept it
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            elif "id" in message:
                with self._lock:
                    self._responses.setdefault(message["id"], queue.Queue()).put(message)
            else:
                with self._arrived:
                    message["received"] = time.perf_counter()
                    self.notifications.append(message)
                    self._arrived.notify_all()

    # -- what a test calls ---------------------------------------------------------------------

    def request(self, method: str, params: Any, timeout: float = 30) -> Any:
        with self._lock:
            self._next += 1
            ident = self._next
            box = self._responses.setdefault(ident, queue.Queue())
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        try:
            reply = box.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"no answer to {method} in {timeout} s; stderr: {self.stderr()}") from None
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_for(self, match: Callable[[Message], bool], after: int = 0, timeout: float = 30) -> Message:
        """The first notification from index `after` on that `match`es, waiting for it."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                found = next((m for m in self.notifications[after:] if match(m)), None)
                if found is not None:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no matching notification in {timeout} s; stderr: {self.stderr()}")
                self._arrived.wait(left)

    def diagnostics(self, uri: str, after: int = 0, version: int | None = None, timeout: float = 30) -> list[Message]:
        found = self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                              and m["params"]["uri"] == uri
                              and (version is None or m["params"].get("version") == version), after, timeout)
        return list(found["params"]["diagnostics"])

    def initialize(self, root: Path = ROOT, capabilities: dict[str, Any] | None = None) -> Any:
        result = self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": capabilities or {}})
        self.notify("initialized", {})
        return result

    def open(self, path: Path, text: str, language: str = "lawcmp-law") -> str:
        uri = path.resolve().as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}})
        return uri

    def change(self, uri: str, text: str, version: int) -> None:
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": [{"text": text}]})

    def errors_logged(self) -> list[str]:
        """The internal errors the server has reported (window/logMessage of type Error)."""
        return [m["params"]["message"] for m in list(self.notifications)
                if m.get("method") == "window/logMessage" and m["params"].get("type") == 1]

    def stderr(self) -> str:
        """What the server wrote to its stderr so far (its last 4000 characters)."""
        self._log.seek(0)
        return self._log.read().decode(errors="replace")[-4000:]

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            self.process.wait(timeout=10)
        except (TimeoutError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            self._log.close()
