import RsuTokenForm from "./rsu-token-form.component";

export default RsuTokenForm;
customElements.define("rsu-token-form", RsuTokenForm);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-token-form": RsuTokenForm;
  }
}
