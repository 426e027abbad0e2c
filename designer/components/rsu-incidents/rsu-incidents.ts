import RsuIncidents from "./rsu-incidents.component";

export default RsuIncidents;
customElements.define("rsu-incidents", RsuIncidents);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-incidents": RsuIncidents;
  }
}
