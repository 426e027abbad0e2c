import RsuOperations from "./rsu-operations.component";

export default RsuOperations;
customElements.define("rsu-operations", RsuOperations);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-operations": RsuOperations;
  }
}
