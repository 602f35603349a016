// The web app's worker: computes what would hold the page and sends the
// results back. The draws over the weights and the data run in the page's
// own module (the page sends it compiled with the job: the worker starts at
// once). The PDFs (the report, the field forms, the resolution, the cards'
// form) are written by the PDF writer's module, mfi_web_pdf, loaded here
// the first time one is asked for, so that the page's first visit does not
// wait for it. See crates/app/src/web.rs and crates/web-pdf.
let page = null;
let pdf = null;

async function pageModule(compiled) {
  const m = await import("./mfi_web.js");
  page ??= m.default({ module_or_path: compiled });
  await page;
  return m;
}

async function pdfModule() {
  const m = await import("./mfi_web_pdf.js");
  pdf ??= m.default();
  await pdf;
  return m;
}

self.onmessage = async (event) => {
  const m = event.data;
  try {
    if (m.kind === "stability") {
      const { stability_job } = await pageModule(m.module);
      for (const draws of m.runs) {
        const stability = stability_job(m.study, draws);
        if (stability === undefined || stability === null) break;
        self.postMessage({ stability });
      }
      self.postMessage({ done: true });
    } else {
      const w = await pdfModule();
      let bytes;
      if (m.kind === "report") bytes = w.report_job(m.study, m.lang);
      else if (m.kind === "forms") bytes = w.forms_job(m.study, m.filled, m.lang);
      else if (m.kind === "resolution") bytes = w.resolution_job(m.study, m.stability, m.lang);
      else if (m.kind === "cards") bytes = w.cards_job(m.lang);
      else throw new Error("no such job: " + m.kind);
      self.postMessage({ bytes }, [bytes.buffer]);
    }
  } catch (e) {
    self.postMessage({ error: String(e) });
  }
};
