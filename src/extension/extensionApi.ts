import type { Prompter } from './ui/prompter';
import type { Services } from './services';

/**
 * What `activate` returns in `ExtensionMode.Test` only (other modes return nothing): the VS Code tests
 * use it to answer questions and read toasts (through the prompter) and to reach the shared services.
 */
export interface OproExtensionApi {
  /** Replaces the quick picks, input boxes and toasts; returns a function that restores them. */
  usePrompter(prompter: Prompter): () => void;
  readonly services: Services;
}

export function createExtensionApi(services: Services): OproExtensionApi {
  return {
    usePrompter(prompter) {
      const previous = services.prompter.current;
      services.prompter.current = prompter;
      return () => {
        services.prompter.current = previous;
      };
    },
    services,
  };
}
