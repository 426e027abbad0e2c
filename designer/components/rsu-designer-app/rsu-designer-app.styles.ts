import { css } from "lit";

export default css`
  :host {
    display: block;
    font-family: var(--rsu-font);
    color: var(--rsu-color-text);
  }
  header {
    background: var(--rsu-color-primary);
    color: var(--rsu-color-on-primary);
  }
  .bar,
  .tabs ul,
  main {
    max-width: 72rem;
    margin: 0 auto;
    padding: 0.75rem 1rem;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
  }
  main {
    padding-top: 1rem;
    padding-bottom: 3rem;
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
  .languages {
    display: flex;
    gap: 0.25rem;
  }
  button.on-primary {
    min-height: 44px;
    min-width: 44px;
    padding: 0 0.875rem;
    font: inherit;
    font-weight: 600;
    border-radius: 6px;
    border: 2px solid var(--rsu-color-on-primary);
    background: transparent;
    color: var(--rsu-color-on-primary);
    cursor: pointer;
  }
  button.on-primary[aria-pressed="true"] {
    background: var(--rsu-color-on-primary);
    color: var(--rsu-color-primary);
  }
  button.on-primary:focus-visible,
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
  .status {
    padding: 1rem 1.25rem;
    border-radius: 6px;
    border-left: 6px solid var(--rsu-color-muted);
    background: var(--rsu-color-surface);
  }
`;
