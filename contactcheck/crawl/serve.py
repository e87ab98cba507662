"""A quiet static web server on 127.0.0.1 (a free port) in a thread: the demo's site, tests, benchmarks."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with Last-Modified (so revalidation works) and no request log on standard error."""

    def log_message(self, format: str, *args: Any) -> None:
        return


@contextmanager
def serve_directory(folder: Path,
                    handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """Serve ``folder`` until the block ends; yields the base URL (``http://127.0.0.1:PORT/``)."""
    factory = functools.partial(handler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), factory)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="contactcheck-serve", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
