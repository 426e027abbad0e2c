import RsuDashboards from "./rsu-dashboards.component";

export default RsuDashboards;
customElements.define("rsu-dashboards", RsuDashboards);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-dashboards": RsuDashboards;
  }
}
