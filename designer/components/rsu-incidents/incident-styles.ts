import { css } from "lit";

/** What the register and an incident's page share: severity badges and wide text fields. */
export const incidentStyles = css`
  .field { max-width: 40rem; }
  .field textarea, .field input { width: 100%; box-sizing: border-box; }
  textarea { font: inherit; padding: 0.5rem 0.75rem; border: 1px solid var(--rsu-color-muted); border-radius: 6px; }
  textarea[aria-invalid="true"] { border: 2px solid var(--rsu-color-danger); }
  .severity { display: inline-block; padding: 0.1rem 0.5rem; border-radius: 999px; border: 1px solid var(--rsu-color-border); font-weight: 600; }
  .severity.critical, .severity.major { border-color: var(--rsu-color-danger); color: var(--rsu-color-danger); }
`;
