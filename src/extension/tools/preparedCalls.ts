/**
 * What `prepareInvocation` worked out for a tool call (its run config), kept for the `invoke` that
 * follows with the same input, so the endpoint is checked and the dataset read once per call.
 */
export class PreparedCalls<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly capacity = 8) {}

  /** The preparation for `input`, made now or earlier; a failed one is forgotten so a retry prepares again. */
  get(input: unknown, prepare: () => Promise<T>): Promise<T> {
    const key = JSON.stringify(input);
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = prepare();
      entry.catch(() => this.entries.delete(key));
      this.entries.set(key, entry);
      while (this.entries.size > this.capacity) {
        this.entries.delete(this.entries.keys().next().value as string);
      }
    }
    return entry;
  }

  /** Like `get`, and forgets it: a later call with the same input prepares afresh (settings may have changed). */
  take(input: unknown, prepare: () => Promise<T>): Promise<T> {
    const entry = this.get(input, prepare);
    this.entries.delete(JSON.stringify(input));
    return entry;
  }
}
