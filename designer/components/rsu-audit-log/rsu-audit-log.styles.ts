import { css } from "lit";

export default css`
  /* Seven columns on a laptop: ids break at their hyphens, never inside a group, and keep room for two lines. */
  .object {
    display: inline-block;
    min-width: 12rem;
  }
  code.id {
    font-size: 0.8125rem;
  }
  tr.details td {
    background: var(--rsu-color-background);
  }
  /* Details are a few named values (ids, counts, roles), laid side by side. */
  dl {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 2rem;
    margin: 0;
    font-family: ui-monospace, "DejaVu Sans Mono", monospace;
    font-size: 0.8125rem;
  }
  dt {
    color: var(--rsu-color-muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
`;
