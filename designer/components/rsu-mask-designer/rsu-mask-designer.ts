import RsuMaskDesigner from "./rsu-mask-designer.component";

export default RsuMaskDesigner;
customElements.define("rsu-mask-designer", RsuMaskDesigner);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-mask-designer": RsuMaskDesigner;
  }
}
