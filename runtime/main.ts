import "./shared/theme.css";
import { getLanguage } from "./i18n";
import "./components/rsu-runtime-app/rsu-runtime-app";

// The page is served in French; a clerk who chose English keeps it across reloads.
document.documentElement.lang = getLanguage();
