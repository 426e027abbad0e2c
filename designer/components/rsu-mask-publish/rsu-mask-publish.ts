import RsuMaskPublish from "./rsu-mask-publish.component";

export default RsuMaskPublish;
customElements.define("rsu-mask-publish", RsuMaskPublish);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-mask-publish": RsuMaskPublish;
  }
}
