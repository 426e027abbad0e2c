import RsuMySubmissions from "./rsu-my-submissions.component";

export default RsuMySubmissions;
customElements.define("rsu-my-submissions", RsuMySubmissions);

declare global {
  interface HTMLElementTagNameMap {
    "rsu-my-submissions": RsuMySubmissions;
  }
}
