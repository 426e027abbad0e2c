import { css } from "lit";

/** The household detail's facts; the rest comes from the shared back-office styles. */
export default css`
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: 0.75rem 1.5rem;
    margin: 0;
    padding: 1rem;
    background: var(--rsu-color-surface);
    border: 1px solid var(--rsu-color-border);
    border-radius: 8px;
  }
  dt {
    color: var(--rsu-color-muted);
    font-size: 0.875rem;
  }
  dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  dd.code {
    font-family: ui-monospace, "DejaVu Sans Mono", monospace;
    font-weight: normal;
    font-size: 0.875rem;
  }
`;
