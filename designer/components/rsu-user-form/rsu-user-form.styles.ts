import { css } from "lit";

/** The area tree; forms, fieldsets and check boxes come from the shared back-office styles. */
export default css`
  .area-tree,
  .area-tree ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .area-tree > li + li {
    margin-top: 0.5rem;
    padding-top: 0.5rem;
    border-top: 1px solid var(--rsu-color-border);
  }
  .area-tree > li > label.check {
    font-weight: 600;
  }
  .area-tree ul {
    padding-left: 1.75rem;
  }
  /* Prefectures side by side: the tree stays about half as tall on a laptop screen. */
  .area-tree > li > ul {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(19rem, 1fr));
    align-items: start;
    column-gap: 1rem;
  }
  summary {
    margin-left: 1.75rem;
    padding: 0.25rem 0;
    cursor: pointer;
    color: var(--rsu-color-primary);
    font-size: 0.9375rem;
  }
  .communes {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
  }
`;
