import { css } from "lit";

export default css`
  .editing {
    display: grid;
    gap: 1rem;
  }
  .count {
    margin: 1.25rem 0 0.5rem;
  }
  tr.inactive td,
  tr.inactive th {
    color: var(--rsu-color-muted);
    background: var(--rsu-color-background);
  }
`;
