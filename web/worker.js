// The web app's worker: the same wasm module as the page, computing what
// would hold the page (the draws over the weights and the data, the report,
// the field forms) and sending the results back. See
// crates/app/src/web.rs. The page sends its compiled module with the job:
// the worker starts at once.
import init, { stability_job, report_job, forms_job } from "./mfi_web.js";

let ready = null;

self.onmessage = async (event) => {
  const m = event.data;
  try {
    ready ??= init({ module_or_path: m.module });
    await ready;
    if (m.kind === "stability") {
      for (const draws of m.runs) {
        const stability = stability_job(m.study, draws);
        if (stability === undefined || stability === null) break;
        self.postMessage({ stability });
      }
      self.postMessage({ done: true });
    } else if (m.kind === "report" || m.kind === "forms") {
      const bytes = m.kind === "report"
        ? report_job(m.study, m.lang)
        : forms_job(m.study, m.filled, m.lang);
      self.postMessage({ bytes }, [bytes.buffer]);
    }
  } catch (e) {
    self.postMessage({ error: String(e) });
  }
};
