import RsuConfirmDialog from "./rsu-confirm-dialog.component";

export default RsuConfirmDialog;
customElements.define("rsu-confirm-dialog", RsuConfirmDialog);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-confirm-dialog": RsuConfirmDialog;
  }
}
