import RsuFormEntry from "./rsu-form-entry.component";

export default RsuFormEntry;
export { prepareQuestionnaires } from "./questionnaire-model";
customElements.define("rsu-form-entry", RsuFormEntry);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-form-entry": RsuFormEntry;
  }
}
