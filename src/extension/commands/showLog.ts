import type { Services } from '../services';

/** "OPRO: Show Log": the OPRO output channel. */
export function showLog(services: Services) {
  return (): void => services.log.show(true);
}
