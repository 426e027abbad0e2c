import RsuDesignerApp from "./rsu-designer-app.component";

export default RsuDesignerApp;
customElements.define("rsu-designer-app", RsuDesignerApp);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-designer-app": RsuDesignerApp;
  }
}
