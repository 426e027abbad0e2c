import RsuCodeListEditor from "./rsu-code-list-editor.component";

export default RsuCodeListEditor;
customElements.define("rsu-code-list-editor", RsuCodeListEditor);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-code-list-editor": RsuCodeListEditor;
  }
}
