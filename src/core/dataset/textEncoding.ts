import { isUtf8 } from 'node:buffer';
import { DatasetError } from '../errors';
import { lineAtOffset } from './lineCounter';

/** The UTF-16 byte orders a dataset may come in (Excel's "Unicode Text", PowerShell 5's `Out-File`). */
export type Utf16Order = 'utf-16le' | 'utf-16be';

/** Bytes looked at to tell UTF-16 from UTF-8 when there is no byte-order mark. */
const SNIFFED_BYTES = 4096;

/**
 * The byte order of a UTF-16 file: from its byte-order mark, else from where the NUL bytes fall, since
 * text that is mostly ASCII has a NUL in every other byte in UTF-16 and none in UTF-8. Undefined for
 * anything else (read as UTF-8).
 */
export function detectUtf16(bytes: Uint8Array): Utf16Order | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return 'utf-16le';
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return 'utf-16be';
  }
  const pairs = Math.floor(Math.min(bytes.length, SNIFFED_BYTES) / 2);
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < pairs; i++) {
    evenNuls += bytes[2 * i] === 0 ? 1 : 0;
    oddNuls += bytes[2 * i + 1] === 0 ? 1 : 0;
  }
  // Most pairs hold one NUL, always on the same side: a UTF-8 file with a stray NUL does not look like this.
  if (pairs === 0 || Math.min(evenNuls, oddNuls) > pairs / 20) {
    return undefined;
  }
  if (oddNuls >= pairs / 2) {
    return 'utf-16le';
  }
  return evenNuls >= pairs / 2 ? 'utf-16be' : undefined;
}

/**
 * The file's text as UTF-8 bytes: UTF-16 is decoded (its mark dropped), UTF-8 is returned as it is.
 * @throws {DatasetError} at the line of the first byte that is not UTF-8 (a Latin-1 or other
 * legacy-encoded file), instead of reading its accented letters as replacement characters.
 */
export function toUtf8(file: string, bytes: Buffer): Buffer {
  const order = detectUtf16(bytes);
  if (order !== undefined) {
    return Buffer.from(new TextDecoder(order).decode(bytes), 'utf8');
  }
  if (!isUtf8(bytes)) {
    const decoded = new TextDecoder().decode(bytes);
    // The first replacement character: the first invalid byte, unless the file holds a real U+FFFD earlier.
    const line = lineAtOffset(decoded, decoded.indexOf('\uFFFD'));
    throw new DatasetError(
      file,
      line,
      'the file is not UTF-8 text (a legacy encoding such as Windows-1252 or Latin-1?)',
      'Save it as UTF-8 (in VS Code: the encoding in the status bar, then Save with Encoding) or UTF-16',
    );
  }
  return bytes;
}
