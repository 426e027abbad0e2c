import RsuDrafts from "./rsu-drafts.component";

export default RsuDrafts;
customElements.define("rsu-drafts", RsuDrafts);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-drafts": RsuDrafts;
  }
}
