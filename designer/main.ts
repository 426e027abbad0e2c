import "../kit/tokens.css";
import { getLanguage } from "./i18n";
import "./components/rsu-designer-app/rsu-designer-app";

// The page is served in French; someone who chose English keeps it across reloads.
document.documentElement.lang = getLanguage();
