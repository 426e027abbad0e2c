import RsuRuntimeApp from "./rsu-runtime-app.component";

export default RsuRuntimeApp;
customElements.define("rsu-runtime-app", RsuRuntimeApp);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-runtime-app": RsuRuntimeApp;
  }
}
