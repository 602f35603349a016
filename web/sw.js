// Keeps the web app's files, so that it opens without the internet once it
// has been loaded. scripts/web.sh writes the build's hash in place of
// @VERSION@: a new build replaces the files kept (the page uses it from
// the next time it is opened). Registered after the app's first frame: the
// files the first frame did not need (the PDF writer's module, the Urdu
// font) are fetched then, in the background, for use offline.
const CACHE = "mfi-compare-@VERSION@";
const FILES = ["./", "./index.html", "./mfi_web.js", "./mfi_web_bg.wasm", "./worker.js",
  "./mfi_web_pdf.js", "./mfi_web_pdf_bg.wasm", "./fonts/NotoNaskhArabic-Regular.ttf",
  "./fonts/NotoNaskhArabic-Bold.ttf", "./manifest.json"];

self.addEventListener("install", (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)));
  self.skipWaiting();
});

self.addEventListener("activate", (e) => {
  e.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
  );
  self.clients.claim();
});

self.addEventListener("fetch", (e) => {
  e.respondWith(caches.match(e.request, { ignoreSearch: true }).then((r) => r || fetch(e.request)));
});
