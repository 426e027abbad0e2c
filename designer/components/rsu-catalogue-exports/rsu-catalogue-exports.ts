import RsuCatalogueExports from "./rsu-catalogue-exports.component";

export default RsuCatalogueExports;
customElements.define("rsu-catalogue-exports", RsuCatalogueExports);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-catalogue-exports": RsuCatalogueExports;
  }
}
