/** What `panel-open` measures (panel/panelOpen.ts fills it in Chromium, figures/panelOpen.ts reports it). */
export interface PanelOpenMeasure {
  candidates: number;
  rows: number;
  /** Reading the light view from disk (header and event log). */
  readMs: number;
  /** From the start of the read to the examples table of the selected candidate being in the page. */
  openMs: number;
  /** The `run/show` message and the one details answer, as JSON. */
  postedBytes: number;
  showBytes: number;
}
