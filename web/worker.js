// The web app's worker: the same wasm module as the page, computing what
// would hold the page (the draws over the weights and the data, and the
// report) and sending the results back. See crates/app/src/web.rs.
import init, { stability_job, report_job } from "./mfi_web.js";

const ready = init();

self.onmessage = async (event) => {
  await ready;
  const m = event.data;
  try {
    if (m.kind === "stability") {
      for (const draws of m.runs) {
        const stability = stability_job(m.study, draws);
        if (stability === undefined || stability === null) break;
        self.postMessage({ stability });
      }
      self.postMessage({ done: true });
    } else if (m.kind === "report") {
      const bytes = report_job(m.study, m.lang);
      self.postMessage({ bytes }, [bytes.buffer]);
    }
  } catch (e) {
    self.postMessage({ error: String(e) });
  }
};
