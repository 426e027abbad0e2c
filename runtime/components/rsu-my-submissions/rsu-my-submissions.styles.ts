import { css } from "lit";

/** What « Mes envois » adds to the table of « Ménages de ma zone » (its heading, dates and cells). */
export default css`
  th p,
  td p {
    margin: 0 0 0.25rem;
  }
  p.date {
    white-space: nowrap;
  }
  .muted {
    color: var(--rsu-color-muted);
    font-weight: normal;
    font-size: 0.875rem;
  }
  td.details {
    min-width: 16rem;
  }
  /* « Correct and send again » is long in English: it wraps rather than overflow the table. */
  td button {
    white-space: normal;
    max-width: 12rem;
  }
  td ul {
    margin: 0 0 0.25rem;
    padding-inline-start: 1.25rem;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.75rem;
    margin: 0.5rem 0 1rem;
  }
  .filters label {
    display: grid;
    gap: 0.25rem;
    font-weight: 600;
  }
  .filters select {
    min-height: var(--rsu-target-size);
    min-width: 12rem;
    padding: 0 0.5rem;
    font: inherit;
  }
  .stage {
    display: inline-block;
    padding: 0.125rem 0.5rem;
    border-radius: 999px;
    font-weight: 600;
    white-space: nowrap;
    background: var(--rsu-color-background);
    border: 1px solid var(--rsu-color-border);
  }
  .stage.attention {
    border-color: var(--rsu-color-danger);
    color: var(--rsu-color-danger);
  }
  .comment {
    border-inline-start: 3px solid var(--rsu-color-primary);
    padding-inline-start: 0.5rem;
  }
`;
