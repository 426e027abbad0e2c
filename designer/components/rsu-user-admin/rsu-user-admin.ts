import RsuUserAdmin from "./rsu-user-admin.component";

export default RsuUserAdmin;
customElements.define("rsu-user-admin", RsuUserAdmin);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-user-admin": RsuUserAdmin;
  }
}
