import RsuHouseholdHistory from "./rsu-household-history.component";

export default RsuHouseholdHistory;
customElements.define("rsu-household-history", RsuHouseholdHistory);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-household-history": RsuHouseholdHistory;
  }
}
