import RsuIncident from "./rsu-incident.component";

export default RsuIncident;
customElements.define("rsu-incident", RsuIncident);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-incident": RsuIncident;
  }
}
