import { LitElement } from "lit";
import { LanguageController } from "./language.controller";
import { LatestRequestController } from "./latest-request.controller";

/**
 * A screen that loads its data each time it is shown (a tab opened again reads afresh) and re-renders
 * when the reader switches language. Subclasses say how they load; their failure views call `load()`
 * again for « Réessayer ». Used by the runtime and the back office alike.
 */
export abstract class LoadingScreen extends LitElement {
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

/** A list read a page at a time, one request at a time (a newer page cancels the older request). */
export abstract class PagedScreen<Page> extends LoadingScreen {
  page?: Page;
  protected offset = 0;
  protected readonly requests = new LatestRequestController(this);

  protected abstract readonly pageSize: number;
  protected abstract fetchPage(limit: number, offset: number, signal: AbortSignal): Promise<Page>;

  protected override load() {
    return this.requests.run(async (signal) => {
      this.page = await this.fetchPage(this.pageSize, this.offset, signal);
    });
  }

  protected turn(delta: number) {
    this.offset = Math.max(0, this.offset + delta * this.pageSize);
    void this.load();
  }
}
