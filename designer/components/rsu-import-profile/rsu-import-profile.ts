import RsuImportProfile from "./rsu-import-profile.component";

export default RsuImportProfile;
customElements.define("rsu-import-profile", RsuImportProfile);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-import-profile": RsuImportProfile;
  }
}
