import type { ReactiveController, ReactiveControllerHost } from "lit";
import { LANGUAGE_CHANGE } from "./i18n";

/** Re-renders its host when the reader switches language, so every text follows without props. */
export class LanguageController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly handleChange = () => this.host.requestUpdate();

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener(LANGUAGE_CHANGE, this.handleChange);
  }

  hostDisconnected(): void {
    window.removeEventListener(LANGUAGE_CHANGE, this.handleChange);
  }
}
