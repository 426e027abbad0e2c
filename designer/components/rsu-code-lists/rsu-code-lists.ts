import RsuCodeLists from "./rsu-code-lists.component";

export default RsuCodeLists;
customElements.define("rsu-code-lists", RsuCodeLists);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-code-lists": RsuCodeLists;
  }
}
