import { css } from "lit";

/** The frame around Creator; the Creator host gets a height of its own, since Creator fills its container. */
export default css`
  :host {
    display: block;
  }
  [hidden] {
    display: none !important;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
  }
  h2 {
    margin: 0.5rem 0;
  }
  h3 {
    font-size: 1rem;
    margin: 0 0 0.5rem;
  }
  .said p {
    margin: 0.25rem 0;
    color: var(--rsu-color-muted);
  }
  .said .saved {
    color: var(--rsu-color-success);
    font-weight: 600;
  }
  .problems {
    display: grid;
    gap: 0.5rem;
    margin: 0.5rem 0 1rem;
  }
  .problems ul {
    margin: 0;
    padding-left: 1.25rem;
  }
  .problems .link {
    min-height: 0;
    margin-left: 0.5rem;
    padding: 0.25rem;
  }
  .creator {
    height: max(640px, calc(100vh - 14rem));
    border: 1px solid var(--rsu-color-border);
    border-radius: 8px;
    overflow: hidden;
  }
`;
