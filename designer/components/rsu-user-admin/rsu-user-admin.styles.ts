import { css } from "lit";

export default css`
  .heading {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
  }
  .editing {
    display: grid;
    gap: 1rem;
  }
  .count {
    margin: 1.25rem 0 0.5rem;
  }
  tbody th {
    font-weight: normal;
    background: none;
  }
  tr.inactive td,
  tr.inactive th {
    color: var(--rsu-color-muted);
    background: var(--rsu-color-background);
  }
`;
