import RsuCatalogueImport from "./rsu-catalogue-import.component";

export default RsuCatalogueImport;
customElements.define("rsu-catalogue-import", RsuCatalogueImport);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-catalogue-import": RsuCatalogueImport;
  }
}
