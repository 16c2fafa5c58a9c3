// What the stand-in `acquireVsCodeApi` (see harness.ts) records in the test page.
export {};

declare global {
  interface Window {
    /** Every message the panel posted to the host, in order (JSON copies). */
    __posted: unknown[];
    /** The panel's last `setState` value (or the initial state the test gave). */
    __state: unknown;
    /** `securitypolicyviolation` events as "directive blocked-uri". */
    __violations: string[];
    /** Set only if a planted XSS payload ever runs. */
    __xss?: unknown;
  }
}
