import RsuSignIn from "./rsu-sign-in.component";

export default RsuSignIn;
customElements.define("rsu-sign-in", RsuSignIn);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-sign-in": RsuSignIn;
  }
}
