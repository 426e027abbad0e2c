import RsuDesignerSignIn from "./rsu-designer-sign-in.component";

export default RsuDesignerSignIn;
customElements.define("rsu-designer-sign-in", RsuDesignerSignIn);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-designer-sign-in": RsuDesignerSignIn;
  }
}
