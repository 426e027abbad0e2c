import { css } from "lit";

export default css`
  /* Read by screen readers (where an item moved), not shown. */
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  form.panel {
    max-width: 64rem;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: 0.75rem 1rem;
    align-items: start;
  }
  .field input,
  .field select {
    width: 100%;
    min-width: 0;
    box-sizing: border-box;
  }
  .field {
    max-width: none;
  }
  ol.items {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  ol.items > li {
    display: grid;
    grid-template-columns: 2.5rem 1fr auto;
    gap: 0.5rem 1rem;
    align-items: start;
    padding: 0.5rem;
    border: 1px solid var(--rsu-color-border, #d0d4da);
    border-radius: 6px;
  }
  .position {
    font-weight: 600;
    padding-top: 1.75rem;
    text-align: right;
  }
  .item-actions {
    display: flex;
    gap: 0.25rem;
    padding-top: 1.5rem;
  }
  /* A parent's name ("Ngazidja (Grande Comore) (1)") is longer than a value or a label. */
  .item-fields label.field {
    grid-column: span 2;
  }
  .item-fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
    gap: 0.5rem 0.75rem;
  }
`;
