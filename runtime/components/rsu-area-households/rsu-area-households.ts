import RsuAreaHouseholds from "./rsu-area-households.component";

export default RsuAreaHouseholds;
customElements.define("rsu-area-households", RsuAreaHouseholds);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-area-households": RsuAreaHouseholds;
  }
}
