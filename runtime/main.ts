import "../kit/tokens.css";
// Restores the clerk's language (and the page's direction) before anything renders.
import "./i18n";
import "./components/rsu-runtime-app/rsu-runtime-app";
