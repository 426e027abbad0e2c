import { css } from "lit";

export default css`
  .bar,
  .tabs ul,
  main {
    max-width: 72rem;
    margin: 0 auto;
    padding: 0.75rem 1rem;
  }
  main {
    padding-top: 1rem;
    padding-bottom: 3rem;
  }
  .user {
    display: grid;
    margin: 0;
    line-height: 1.3;
  }
  .user .name {
    font-weight: 600;
  }
  .user .roles {
    font-size: 0.875rem;
    opacity: 0.9;
  }
  .tabs a:focus-visible {
    outline: 3px solid var(--rsu-color-on-primary);
    outline-offset: 2px;
  }
  .tabs {
    border-top: 1px solid rgba(255, 255, 255, 0.25);
  }
  .tabs ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    list-style: none;
    padding-top: 0;
    padding-bottom: 0;
  }
  .tabs a {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    padding: 0 1rem;
    color: var(--rsu-color-on-primary);
    font-weight: 600;
    text-decoration: none;
    border-bottom: 4px solid transparent;
  }
  .tabs a:hover {
    background: rgba(255, 255, 255, 0.12);
  }
  .tabs a[aria-current="page"] {
    border-bottom-color: var(--rsu-color-on-primary);
  }
  /* The shared sign-in form sits a little below the header, as the back office's screens do. */
  rsu-sign-in {
    margin: 1rem 0;
  }
`;
