import { css } from "lit";

export default css`
  :host {
    display: block;
    font-family: var(--rsu-font);
    color: var(--rsu-color-text);
  }
  [hidden] {
    display: none !important;
  }
  header {
    background: var(--rsu-color-primary);
    color: var(--rsu-color-on-primary);
  }
  .bar,
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
    padding-top: 1.5rem;
    padding-bottom: 3rem;
  }
  h1 {
    font-size: 1.375rem;
    margin: 0;
  }
  h2 {
    font-size: 1.25rem;
    margin: 1rem 0;
  }
  h3 {
    font-size: 1.125rem;
    margin: 1.5rem 0 0.75rem;
  }
  .subtitle {
    margin: 0.125rem 0 0;
    opacity: 0.9;
    font-size: 0.9375rem;
  }
  button {
    min-height: 44px;
    min-width: 44px;
    padding: 0 1.125rem;
    font: inherit;
    font-weight: 600;
    border-radius: 6px;
    border: 2px solid var(--rsu-color-primary);
    background: var(--rsu-color-primary);
    color: var(--rsu-color-on-primary);
    cursor: pointer;
  }
  button.secondary {
    background: var(--rsu-color-surface);
    color: var(--rsu-color-primary);
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  .link:focus-visible,
  h2:focus-visible {
    outline: 3px solid var(--rsu-color-focus);
    outline-offset: 2px;
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
  }
  button.on-primary[aria-pressed="true"] {
    background: var(--rsu-color-on-primary);
    color: var(--rsu-color-primary);
  }
  button.on-primary:focus-visible {
    outline-color: var(--rsu-color-on-primary);
  }
  form {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.75rem 1rem;
    padding: 1rem;
    background: var(--rsu-color-surface);
    border: 1px solid var(--rsu-color-border);
    border-radius: 8px;
  }
  label {
    display: grid;
    gap: 0.25rem;
    font-weight: 600;
  }
  input,
  select {
    box-sizing: border-box;
    height: 44px;
    padding: 0 0.75rem;
    font: inherit;
    background: var(--rsu-color-surface);
    border: 1px solid var(--rsu-color-muted);
    border-radius: 6px;
  }
  .status {
    padding: 1rem 1.25rem;
    border-radius: 6px;
    border-left: 6px solid var(--rsu-color-muted);
    background: var(--rsu-color-surface);
  }
  .status.error {
    border-left-color: var(--rsu-color-danger);
  }
  .table-wrap {
    overflow-x: auto;
    background: var(--rsu-color-surface);
    border: 1px solid var(--rsu-color-border);
    border-radius: 8px;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: left;
    padding: 0.625rem 0.75rem;
    border-bottom: 1px solid var(--rsu-color-border);
  }
  th {
    background: var(--rsu-color-background);
    font-size: 0.9375rem;
  }
  tbody tr:last-child td {
    border-bottom: none;
  }
  td.number {
    text-align: right;
  }
  .link {
    text-align: left;
    padding: 0.5rem 0;
    font: inherit;
    font-weight: 600;
    color: var(--rsu-color-primary);
    background: none;
    border: none;
    min-height: 44px;
    text-decoration: underline;
    cursor: pointer;
  }
  .pager {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
    margin: 1rem 0;
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: 0.75rem 1.5rem;
    margin: 0;
    padding: 1rem;
    background: var(--rsu-color-surface);
    border: 1px solid var(--rsu-color-border);
    border-radius: 8px;
  }
  dt {
    color: var(--rsu-color-muted);
    font-size: 0.875rem;
  }
  dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  dd.code {
    font-family: ui-monospace, "DejaVu Sans Mono", monospace;
    font-weight: normal;
    font-size: 0.875rem;
  }
`;
