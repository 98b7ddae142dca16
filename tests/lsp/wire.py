"""A language client written without pygls: JSON-RPC over the server's stdin and stdout.

It frames messages with ``Content-Length`` as the specification says and
knows nothing of the server's libraries, so the tests that use it check the
protocol as any editor sees it.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

SERVER = [sys.executable, "-m", "govrules", "lsp"]


def file_uri(path: str | Path) -> str:
    return Path(path).resolve().as_uri()


class WireClient:
    """One server process and the messages it sent, read on a thread."""

    def __init__(self, cwd: str | Path | None = None, env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            SERVER,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env={**os.environ, **(env or {})},
        )
        self.inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.next_id = 0
        self.notifications: list[dict[str, Any]] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.stderr: list[str] = []
        """What the server wrote to stderr (read on, so a full pipe never blocks it)."""
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        err = self.proc.stderr
        assert err is not None
        for line in err:
            self.stderr.append(line.decode("utf-8", "replace"))

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None, "a message without Content-Length"
            self.inbox.put(json.loads(out.read(length).decode("utf-8")))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self.proc.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def send_raw(self, data: bytes) -> None:
        stdin = self.proc.stdin
        assert stdin is not None
        stdin.write(data)
        stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 60) -> Any:
        self.next_id += 1
        ident = self.next_id
        self.send({"id": ident, "method": method, "params": params})
        while True:
            message = self._next(timeout)
            if message.get("id") == ident and "method" not in message:
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message.get("result")

    def _next(self, timeout: float) -> dict[str, Any]:
        message = self.inbox.get(timeout=timeout)
        if message is None:
            raise EOFError("the server closed its output")
        if "method" in message:
            if "id" in message:  # a request from the server: answer it plainly
                self.send({"id": message["id"], "result": None})
            else:
                self.notifications.append(message)
        return message

    def wait_for(
        self,
        method: str,
        uri: str | None = None,
        timeout: float = 60,
        version: int | None = None,
    ) -> dict[str, Any]:
        """The next notification ``method`` (for ``uri``, of ``version``), reading on as needed."""
        seen = len(self.notifications)
        while True:
            for message in self.notifications[seen:]:
                params = message["params"]
                if (
                    message["method"] == method
                    and (uri is None or params.get("uri") == uri)
                    and (version is None or params.get("version") == version)
                ):
                    return params  # type: ignore[no-any-return]
            seen = len(self.notifications)
            self._next(timeout)

    def initialize(self, root: str | Path | None, options: dict[str, Any] | None = None) -> Any:
        result = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": file_uri(root) if root is not None else None,
                "capabilities": {},
                "initializationOptions": options or {},
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, path: str | Path, text: str | None = None, version: int = 1) -> str:
        uri = file_uri(path)
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": "govrules",
                    "version": version,
                    "text": Path(path).read_text(encoding="utf-8") if text is None else text,
                }
            },
        )
        return uri

    def close(self) -> int:
        """Shut the server down as a client does; its exit code."""
        try:
            self.request("shutdown", None, timeout=30)
            self.notify("exit", None)
            return self.proc.wait(timeout=30)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
