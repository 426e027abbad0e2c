import { getLanguage } from "./i18n";
import "./components/rsu-registry-browser/rsu-registry-browser";

// The page is served in French; someone who chose English keeps it across reloads.
document.documentElement.lang = getLanguage();
