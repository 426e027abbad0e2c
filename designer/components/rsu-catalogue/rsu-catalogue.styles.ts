import { css } from "lit";

export default css`
  .views {
    display: flex;
    gap: 0.5rem;
    margin: 0.5rem 0 1rem;
  }
  .editing {
    display: grid;
    gap: 1rem;
    margin-bottom: 1rem;
  }
  .detail {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
    gap: 1rem;
  }
  label.search input {
    width: min(24rem, 80vw);
  }
  .count {
    margin: 1.25rem 0 0.5rem;
  }
  tr.deprecated td,
  tr.deprecated th {
    color: var(--rsu-color-muted);
  }
`;
