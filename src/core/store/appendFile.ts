import type { StoreFs } from './storeFs';

/** Where a line sits in an append-only file: what the event log stores to find details again. */
export interface ByteRange {
  offset: number;
  length: number;
}

const TAIL_CHUNK = 64 * 1024;

/** Offset just past the last newline of `file` (0 when there is none): where a torn last line starts. */
async function endOfLastLine(fs: StoreFs, file: string, size: number): Promise<number> {
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - TAIL_CHUNK);
    const chunk = await fs.readBytes(file, start, end - start);
    const at = chunk.lastIndexOf(0x0a);
    if (at !== -1) {
      return start + at + 1;
    }
    end = start;
  }
  return 0;
}

/**
 * An append-only JSON Lines file. Appends are serialized, so each line's byte range is known when
 * it is written; a torn last line a crash left behind is cut off when the file is opened.
 */
export class AppendFile {
  private tail: Promise<unknown> = Promise.resolve();
  /** A failed append whose partial line could not be cut: appending more would corrupt the file. */
  private brokenBy: unknown;

  private constructor(
    readonly file: string,
    private readonly fs: StoreFs,
    private size: number,
  ) {}

  /** Opens `file` for appending (it need not exist), cutting a torn last line. */
  static async open(file: string, fs: StoreFs): Promise<AppendFile> {
    const size = (await fs.size(file)) ?? 0;
    const whole = size === 0 ? 0 : await endOfLastLine(fs, file, size);
    if (whole < size) {
      await fs.truncate(file, whole);
    }
    return new AppendFile(file, fs, whole);
  }

  /** Appends one line (`text` must hold no newline); resolves with its byte range once written. */
  append(text: string): Promise<ByteRange> {
    const line = `${text}\n`;
    const written = this.tail.then(async () => {
      if (this.brokenBy !== undefined) {
        throw this.brokenBy;
      }
      const offset = this.size;
      try {
        await this.fs.appendFile(this.file, line);
      } catch (err) {
        await this.cutBackTo(offset, err);
        throw err;
      }
      const length = Buffer.byteLength(line) - 1;
      this.size = offset + length + 1;
      return { offset, length };
    });
    this.tail = written.catch(() => undefined);
    return written;
  }

  /** After a failed append (a full disk may have taken half the line), puts the file back to its last whole line. */
  private async cutBackTo(offset: number, cause: unknown): Promise<void> {
    try {
      if (((await this.fs.size(this.file)) ?? 0) > offset) {
        await this.fs.truncate(this.file, offset);
      }
    } catch {
      this.brokenBy = cause;
    }
  }
}
