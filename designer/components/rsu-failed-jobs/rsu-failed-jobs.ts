import RsuFailedJobs from "./rsu-failed-jobs.component";

export default RsuFailedJobs;
customElements.define("rsu-failed-jobs", RsuFailedJobs);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-failed-jobs": RsuFailedJobs;
  }
}
