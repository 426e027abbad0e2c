import { LitElement } from "lit";
import { LanguageController } from "../i18n";

/**
 * A back-office screen: it loads its data each time it is shown (a tab opened again reads afresh) and
 * re-renders when the reader switches language. Subclasses say how they load; their failure views call
 * `load()` again for « Réessayer ».
 */
export abstract class BackOfficeScreen extends LitElement {
  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  protected abstract load(): Promise<void>;
}
