import { css } from "lit";

/** What the two lists kept on the device (drafts, outbox) add to the table of « Ménages de ma zone ». */
export default css`
  :host {
    margin-bottom: 2rem;
  }
  td p,
  th p {
    margin: 0 0 0.25rem;
  }
  .muted {
    color: var(--rsu-color-muted);
    font-weight: normal;
    font-size: 0.875rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .state {
    display: inline-block;
    padding: 0.125rem 0.5rem;
    border-radius: 999px;
    border: 1px solid var(--rsu-color-border);
    white-space: nowrap;
    font-weight: 600;
  }
  .state.attention {
    border-color: var(--rsu-color-danger);
    color: var(--rsu-color-danger);
  }
`;
