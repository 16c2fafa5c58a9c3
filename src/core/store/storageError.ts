import { OproError, writeFailureReason } from '../errors';

/** The error a run store throws when it cannot write: names the file and what to do. */
export function storageError(file: string, err: unknown): OproError {
  return new OproError('storage', `Could not save the run to ${file}: ${writeFailureReason(err)}.`, {
    hint: 'What was saved before is kept. Free some space or make the folder writable, then resume the run.',
    cause: err,
  });
}
