import RsuFormList from "./rsu-form-list.component";

export default RsuFormList;
customElements.define("rsu-form-list", RsuFormList);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-form-list": RsuFormList;
  }
}
