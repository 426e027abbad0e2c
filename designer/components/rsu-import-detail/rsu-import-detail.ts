import RsuImportDetail from "./rsu-import-detail.component";

export default RsuImportDetail;
customElements.define("rsu-import-detail", RsuImportDetail);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-import-detail": RsuImportDetail;
  }
}
