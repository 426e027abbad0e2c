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
`;
