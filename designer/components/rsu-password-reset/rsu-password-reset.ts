import RsuPasswordReset from "./rsu-password-reset.component";

export default RsuPasswordReset;
customElements.define("rsu-password-reset", RsuPasswordReset);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-password-reset": RsuPasswordReset;
  }
}
