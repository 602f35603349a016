"""Serves a folder as a static web server does: files gzipped on the way
when the browser accepts it (Content-Encoding: gzip, as nginx or any host
compresses .wasm, .js, .html and fonts), so that the web test's throttled
first load moves the bytes a real line would. Python's own http.server
sends everything uncompressed. Used by scripts/web-test.sh.

    python3 tests/web/serve.py DIR PORT
"""
import functools
import gzip
import http.server
import os
import sys

DIR, PORT = sys.argv[1], int(sys.argv[2])
COMPRESSED = (".wasm", ".js", ".html", ".json", ".ttf", ".css", ".svg")


class Handler(http.server.SimpleHTTPRequestHandler):
    # (path, mtime) -> gzipped bytes
    cache = {}

    def end_headers(self):
        # Always asked again (a 304 when unchanged): a new build is never
        # served from a stale copy; the service worker keeps the files offline.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.endswith(COMPRESSED) and os.path.isfile(path)):
            return super().send_head()
        key = (path, os.stat(path).st_mtime)
        body = self.cache.get(key)
        if body is None:
            with open(path, "rb") as f:
                body = gzip.compress(f.read(), compresslevel=9)
            self.cache[key] = body
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.body = body
        return None

    def do_GET(self):
        self.body = None
        f = self.send_head()
        if self.body is not None:
            self.wfile.write(self.body)
        elif f:
            try:
                self.copyfile(f, self.wfile)
            finally:
                f.close()

    def do_HEAD(self):
        self.body = None
        f = self.send_head()
        if f:
            f.close()

    def log_message(self, *args):
        pass


Handler.extensions_map = {**Handler.extensions_map, ".wasm": "application/wasm",
                          ".js": "text/javascript", ".ttf": "font/ttf"}
server = http.server.ThreadingHTTPServer(("127.0.0.1", PORT),
                                         functools.partial(Handler, directory=DIR))
server.serve_forever()
