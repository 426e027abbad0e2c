import { css } from "lit";

export default css`
  h2 {
    font-size: 1.25rem;
    margin: 0 0 0.5rem;
  }
  thead th {
    background: var(--rsu-color-background);
    font-size: 0.9375rem;
  }
  .number {
    text-align: end;
  }
  td.date {
    white-space: nowrap;
  }
  td button {
    white-space: nowrap;
  }
  td p {
    margin: 0 0 0.25rem;
  }
  .status button {
    margin-top: 0.75rem;
  }
`;
