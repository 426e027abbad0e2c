import RsuReviewQueue from "./rsu-review-queue.component";

export default RsuReviewQueue;
customElements.define("rsu-review-queue", RsuReviewQueue);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-review-queue": RsuReviewQueue;
  }
}
