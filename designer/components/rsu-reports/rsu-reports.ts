import RsuReports from "./rsu-reports.component";

export default RsuReports;
customElements.define("rsu-reports", RsuReports);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-reports": RsuReports;
  }
}
