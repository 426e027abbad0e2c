import RsuVariableForm from "./rsu-variable-form.component";

export default RsuVariableForm;
customElements.define("rsu-variable-form", RsuVariableForm);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-variable-form": RsuVariableForm;
  }
}
