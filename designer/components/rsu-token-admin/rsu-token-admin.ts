import RsuTokenAdmin from "./rsu-token-admin.component";

export default RsuTokenAdmin;
customElements.define("rsu-token-admin", RsuTokenAdmin);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-token-admin": RsuTokenAdmin;
  }
}
