import RsuOutbox from "./rsu-outbox.component";

export default RsuOutbox;
customElements.define("rsu-outbox", RsuOutbox);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-outbox": RsuOutbox;
  }
}
