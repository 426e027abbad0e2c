import RsuForms from "./rsu-forms.component";

export default RsuForms;
customElements.define("rsu-forms", RsuForms);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-forms": RsuForms;
  }
}
