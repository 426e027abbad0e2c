import RsuRegistryBrowser from "./rsu-registry-browser.component";

export default RsuRegistryBrowser;
customElements.define("rsu-registry-browser", RsuRegistryBrowser);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-registry-browser": RsuRegistryBrowser;
  }
}
