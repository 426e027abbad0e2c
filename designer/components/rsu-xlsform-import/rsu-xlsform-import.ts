import RsuXlsFormImport from "./rsu-xlsform-import.component";

export default RsuXlsFormImport;
customElements.define("rsu-xlsform-import", RsuXlsFormImport);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-xlsform-import": RsuXlsFormImport;
  }
}
