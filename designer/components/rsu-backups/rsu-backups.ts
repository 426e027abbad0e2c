import RsuBackups from "./rsu-backups.component";

export default RsuBackups;
customElements.define("rsu-backups", RsuBackups);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-backups": RsuBackups;
  }
}
