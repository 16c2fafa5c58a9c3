import { reportError } from '../errors/reportError';
import type { Services } from '../services';

/** "OPRO: Open Panel": the given run, else the live one, else the newest saved run. */
export function openPanel(services: Services) {
  return async (args?: { runId?: string }): Promise<string | undefined> => {
    try {
      const runId = args?.runId ?? services.runs.latestLive()?.runId ?? (await services.runFiles().list())[0]?.runId;
      if (runId === undefined) {
        services.view.showEmpty();
        return undefined;
      }
      const file = await services.lookup.fileOf(runId);
      services.view.show(await services.lookup.read(runId), file);
      return runId;
    } catch (err) {
      await reportError(err, services);
      return undefined;
    }
  };
}
