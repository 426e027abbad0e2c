import { css } from "lit";

export default css`
  header {
    background: var(--rsu-color-primary);
    color: var(--rsu-color-on-primary);
  }
  .bar {
    max-width: 60rem;
    margin: 0 auto;
    padding: 0.75rem 1rem;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
  }
  h1 {
    font-size: 1.375rem;
    margin: 0;
  }
  .subtitle {
    margin: 0.125rem 0 0;
    opacity: 0.9;
    font-size: 0.9375rem;
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }
  .languages {
    display: flex;
    gap: 0.25rem;
  }
  button.on-primary {
    border-color: var(--rsu-color-on-primary);
    background: transparent;
    color: var(--rsu-color-on-primary);
    padding: 0 0.875rem;
  }
  button.on-primary[aria-pressed="true"] {
    background: var(--rsu-color-on-primary);
    color: var(--rsu-color-primary);
  }
  button.on-primary:focus-visible {
    outline-color: var(--rsu-color-on-primary);
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
