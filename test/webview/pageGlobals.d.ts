// What the stand-in `acquireVsCodeApi` (see harness.ts) records in the test page.
export {};

declare global {
  interface Window {
    /** Every message the panel posted to the host, in order (JSON copies), detail fetches left out. */
    __posted: unknown[];
    /** The panel's detail fetches (`candidate/details`, `step/details`). */
    __fetched: unknown[];
    /** Detail fetches not answered yet. */
    __pending: number;
    /** What the stand-in host answers detail fetches with. */
    __details?: unknown;
    /** Numbers each message `PanelPage.send` posts, to know when the panel handled it. */
    __seq?: number;
    /** The panel's last `setState` value (or the initial state the test gave). */
    __state: unknown;
    /** `securitypolicyviolation` events as "directive blocked-uri". */
    __violations: string[];
    /** Set only if a planted XSS payload ever runs. */
    __xss?: unknown;
  }
}
