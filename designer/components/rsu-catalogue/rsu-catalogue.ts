import RsuCatalogue from "./rsu-catalogue.component";

export default RsuCatalogue;
customElements.define("rsu-catalogue", RsuCatalogue);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-catalogue": RsuCatalogue;
  }
}
