import RsuExports from "./rsu-exports.component";

export default RsuExports;
customElements.define("rsu-exports", RsuExports);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-exports": RsuExports;
  }
}
