import RsuAuditLog from "./rsu-audit-log.component";

export default RsuAuditLog;
customElements.define("rsu-audit-log", RsuAuditLog);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-audit-log": RsuAuditLog;
  }
}
