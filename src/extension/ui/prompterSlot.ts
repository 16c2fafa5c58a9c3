import { windowPrompter, type Prompter } from './prompter';

/** Holds the prompter in use; the VS Code tests swap in a scripted one through the extension's API. */
export class PrompterSlot implements Prompter {
  current: Prompter = windowPrompter;

  pick: Prompter['pick'] = (items, options) => this.current.pick(items, options);
  input: Prompter['input'] = (options) => this.current.input(options);
  openFile: Prompter['openFile'] = (options) => this.current.openFile(options);
  saveFile: Prompter['saveFile'] = (options) => this.current.saveFile(options);
  showMessage: Prompter['showMessage'] = (level, message, buttons, isModal) => this.current.showMessage(level, message, buttons, isModal);
}
