import RsuUserForm from "./rsu-user-form.component";

export default RsuUserForm;
customElements.define("rsu-user-form", RsuUserForm);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-user-form": RsuUserForm;
  }
}
