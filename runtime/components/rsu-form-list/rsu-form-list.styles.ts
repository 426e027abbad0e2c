import { css } from "lit";

export default css`
  h2 {
    font-size: 1.25rem;
    margin: 0 0 1rem;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem 1.5rem;
    padding: 1rem 1.25rem;
    background: var(--rsu-color-surface);
    border: 1px solid var(--rsu-color-border);
    border-radius: 8px;
  }
  .new {
    margin-inline-start: 0.5rem;
    padding: 0.125rem 0.5rem;
    border-radius: 4px;
    background: var(--rsu-color-primary);
    color: var(--rsu-color-on-primary);
  }
  .title {
    font-size: 1.125rem;
    font-weight: 600;
    margin: 0 0 0.25rem;
  }
  .meta {
    color: var(--rsu-color-muted);
    margin: 0;
  }
  .status button {
    margin-top: 0.75rem;
  }
`;
