import RsuImports from "./rsu-imports.component";

export default RsuImports;
customElements.define("rsu-imports", RsuImports);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-imports": RsuImports;
  }
}
