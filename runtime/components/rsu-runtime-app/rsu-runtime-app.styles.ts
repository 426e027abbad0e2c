import { css } from "lit";

export default css`
  .bar {
    max-width: 60rem;
    margin: 0 auto;
    padding: 0.75rem 1rem;
  }
  main {
    max-width: 60rem;
    margin: 0 auto;
    padding: 1.5rem 1rem 3rem;
  }
  .views {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-bottom: 1.25rem;
  }
  .views button[aria-current="page"] {
    background: var(--rsu-color-primary);
    color: var(--rsu-color-on-primary);
  }
  .offline {
    margin: 0;
    padding: 0.5rem 1rem;
    text-align: center;
    background: var(--rsu-color-surface);
    border-bottom: 2px solid var(--rsu-color-danger);
  }
  .update {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: 0.5rem 1rem;
    padding: 0.5rem 1rem;
    background: var(--rsu-color-surface);
    border-bottom: 1px solid var(--rsu-color-border);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 0.75rem;
  }
  [role="alert"] {
    margin-bottom: 1.25rem;
  }
`;
