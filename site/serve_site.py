"""`make serve-site`: serve the built site on 127.0.0.1, with the MIME types Pyodide and JupyterLite need."""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Module scripts and WebAssembly are refused by the browser under a generic type; older Pythons lack both.
MIME_TYPES = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".whl": "application/zip",
}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the right types, and a cache header so a browser keeps the runtime and wheels."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def end_headers(self) -> None:
        # Revalidate with Last-Modified (a 304, no body) rather than download the 26 MiB runtime again.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        """Stay quiet: a page load is hundreds of requests."""


def make_server(directory: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """An HTTP server for `directory` on 127.0.0.1 (port 0 picks a free one)."""
    if not (directory / "index.html").exists():
        raise SystemExit(f"{directory} holds no built site: run `make site` first")
    handler = functools.partial(SiteHandler, directory=str(directory))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


@contextmanager
def serving(directory: Path) -> Iterator[str]:
    """Serve `directory` in a background thread for the duration of the block; yield its base URL."""
    server = make_server(directory)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def main() -> None:
    """Serve _site/ until Ctrl-C."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--dir", type=Path, default=ROOT / "_site")
    arguments = parser.parse_args()
    server = make_server(arguments.dir.resolve(), arguments.port)
    print(f"Serving {arguments.dir} on http://127.0.0.1:{arguments.port}/ (Ctrl-C stops it)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
