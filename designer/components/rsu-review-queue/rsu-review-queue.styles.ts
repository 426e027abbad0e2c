import { css } from "lit";

export default css`
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
    align-items: end;
  }
  table.sides tr.differs td {
    background: #fff3cd;
    font-weight: 600;
  }
  .bar-row {
    display: grid;
    grid-template-columns: 10rem 14rem 3rem;
    gap: 0.5rem;
    align-items: center;
  }
  meter {
    width: 100%;
  }
  form.decide {
    display: grid;
    gap: 0.5rem;
    max-width: 40rem;
    margin-top: 1rem;
  }
  .buttons {
    display: flex;
    gap: 0.5rem;
  }
  .decided {
    color: var(--rsu-color-muted);
  }
`;
