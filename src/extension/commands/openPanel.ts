import { reportError } from '../errors/reportError';
import type { Services } from '../services';

/** "OPRO: Open Panel": the given run, else the live one, else the newest saved run. */
export function openPanel(services: Services) {
  return async (args?: { runId?: string }): Promise<string | undefined> => {
    try {
      const runId = args?.runId ?? services.runs.latestLiveId() ?? (await services.runs.files.list())[0]?.runId;
      if (runId === undefined) {
        services.panel.showEmpty();
        return undefined;
      }
      services.panel.show(await services.runs.readView(runId), await services.runs.fileOf(runId));
      return runId;
    } catch (err) {
      await reportError(err, services);
      return undefined;
    }
  };
}
