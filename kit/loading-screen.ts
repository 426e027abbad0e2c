import { LitElement } from "lit";
import { LanguageController } from "./language.controller";
import { LatestRequestController } from "./latest-request.controller";
import type { PagedTable } from "./paged-table";

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

/**
 * A list read a page at a time, one request at a time (a newer page cancels the older request), shown in
 * the kit's paged table: the subclass makes its `PagedTable` and says how a page is fetched.
 */
export abstract class PagedScreen<Page> extends LoadingScreen {
  page?: Page;
  protected readonly requests = new LatestRequestController(this);

  protected abstract readonly table: PagedTable;
  protected abstract fetchPage(limit: number, offset: number, signal: AbortSignal): Promise<Page>;

  protected override load() {
    return this.requests.run(async (signal) => {
      this.page = await this.fetchPage(this.table.pageSize, this.table.offset, signal);
    });
  }
}
