import RsuFormEntry from "./rsu-form-entry.component";

export default RsuFormEntry;
customElements.define("rsu-form-entry", RsuFormEntry);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-form-entry": RsuFormEntry;
  }
}
