import { css } from "lit";

export default css`
  h2 {
    font-size: 1.25rem;
    margin: 0 0 0.5rem;
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
    vertical-align: top;
    padding: 0.625rem 0.75rem;
    border-bottom: 1px solid var(--rsu-color-border);
  }
  thead th {
    background: var(--rsu-color-background);
    font-size: 0.9375rem;
  }
  tbody tr:last-child > * {
    border-bottom: none;
  }
  .number {
    text-align: right;
  }
  td.date {
    white-space: nowrap;
  }
  .pager {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
    margin: 1rem 0;
  }
  .status button {
    margin-top: 0.75rem;
  }
`;
