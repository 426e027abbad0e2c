import { css } from "lit";

/**
 * Adopted by the document, not a shadow root: the element renders into light DOM for SurveyJS, so every
 * rule is scoped by the tag name instead.
 */
export default css`
  rsu-form-entry {
    display: block;
    /* SurveyJS's #909090 (placeholders, a switch's « Oui »/« Non », « Membre n° 2 ») fails contrast (axe, #18). */
    --sjs-font-editorfont-placeholdercolor: var(--rsu-color-muted);
    --sjs-general-forecolor-light: var(--rsu-color-muted);
  }
  rsu-form-entry [hidden] {
    display: none !important;
  }
  /* SurveyJS draws « Page 1 sur 4 » in a light grey that fails contrast (axe): the text colour instead. */
  rsu-form-entry .sd-progress-buttons__page-title,
  rsu-form-entry .sd-progress__text {
    color: var(--rsu-color-text) !important;
  }
  /* A roster shown one record at a time: its buttons' names (« Enregistrement précédent ») and « Enregistrement 12
     sur 60 » are longer than survey-core's one-line footer allows on a tablet. */
  rsu-form-entry .sd-paneldynamic__footer .sd-action-bar {
    flex-wrap: wrap;
    row-gap: 0.5rem;
  }
  rsu-form-entry .rsu-entry-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem 1.25rem;
    margin-bottom: 1rem;
  }
  rsu-form-entry .rsu-entry-bar h2 {
    font-size: 1.25rem;
    margin: 0;
  }
  rsu-form-entry .rsu-entry-language {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    font-weight: 600;
    margin-inline-start: auto;
    max-width: 100%;
  }
  rsu-form-entry .rsu-entry-language select {
    /* A language's name is long (« shingazidja (comorien de Grande Comore) »): never wider than a phone. */
    max-width: 100%;
    min-height: var(--rsu-target-size);
    padding: 0 0.5rem;
    font: inherit;
  }
  rsu-form-entry .rsu-button {
    min-height: 48px;
    min-width: 48px;
    padding: 0 1.25rem;
    font: inherit;
    font-weight: 600;
    border-radius: 6px;
    border: 2px solid var(--rsu-color-primary);
    background: var(--rsu-color-primary);
    color: var(--rsu-color-on-primary);
    cursor: pointer;
  }
  rsu-form-entry .rsu-button.secondary {
    background: var(--rsu-color-surface);
    color: var(--rsu-color-primary);
  }
  rsu-form-entry .rsu-link {
    min-height: 44px;
    padding: 0 0.5rem;
    font: inherit;
    color: var(--rsu-color-primary);
    background: none;
    border: none;
    text-decoration: underline;
    cursor: pointer;
  }
  rsu-form-entry button:focus-visible,
  rsu-form-entry .rsu-entry-errors:focus-visible {
    outline: 3px solid var(--rsu-color-focus);
    outline-offset: 2px;
  }
  rsu-form-entry .rsu-status {
    margin: 0 0 1rem;
    padding: 1rem 1.25rem;
    border-radius: 6px;
    border-inline-start: 6px solid var(--rsu-color-muted);
    background: var(--rsu-color-surface);
  }
  rsu-form-entry .rsu-status > :first-child {
    margin-top: 0;
  }
  rsu-form-entry .rsu-status > :last-child {
    margin-bottom: 0;
  }
  rsu-form-entry .rsu-status.busy {
    border-inline-start-color: var(--rsu-color-primary);
  }
  rsu-form-entry .rsu-status.success {
    border-inline-start-color: var(--rsu-color-success);
  }
  rsu-form-entry .rsu-status.success h3 {
    color: var(--rsu-color-success);
  }
  rsu-form-entry .rsu-status.error {
    border-inline-start-color: var(--rsu-color-danger);
  }
  rsu-form-entry .rsu-status h3 {
    font-size: 1.125rem;
    margin: 0 0 0.5rem;
  }
  rsu-form-entry .rsu-field-errors {
    margin: 0.5rem 0;
    padding-inline-start: 1.25rem;
  }
  rsu-form-entry .rsu-field-errors li {
    margin: 0.25rem 0;
  }
  rsu-form-entry .rsu-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
  }
  rsu-form-entry .rsu-household {
    font-weight: 600;
  }
  rsu-form-entry .rsu-short-ref {
    font-family: ui-monospace, monospace;
    font-weight: 600;
  }
  rsu-form-entry details.rsu-ref summary {
    padding: 0.75rem 0;
    cursor: pointer;
  }
  rsu-form-entry .rsu-ref {
    color: var(--rsu-color-muted);
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  rsu-form-entry .rsu-entry-survey {
    border-radius: 8px;
    overflow: hidden;
  }
`;
