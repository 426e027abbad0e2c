import { css, html } from "lit";
import { t } from "../../i18n";
import type { AttachmentRef } from "../../../schemas/contracts/attachments";

/**
 * Files, photos and signatures (issue #20): a thumbnail of each image, a link to every file, each named by
 * the variable it answers. `href` is the route that serves it with the reader's rights (a household's, a
 * submission's); answers the reader may not read are already left out by the API.
 */
export function renderFileList(
  files: readonly { variable: string; file: AttachmentRef }[],
  href: (file: AttachmentRef) => string,
  nameVariable: (variable: string) => string,
) {
  if (!files.length) return "";
  return html`<h3>${t("filesHeading")}</h3>
    <ul class="files">
      ${files.map(({ variable, file }) => {
        const url = href(file);
        return html`<li>
          <a href=${url} target="_blank" rel="noopener">
            ${file.type.startsWith("image/") ? html`<img src=${url} alt="" loading="lazy" />` : ""}
            <span class="file-title">${nameVariable(variable)}</span>
            <span>${t("openFile", { name: file.name, size: Math.max(1, Math.round(file.size / 1024)) })}</span>
          </a>
        </li>`;
      })}
    </ul>`;
}

export const fileListStyles = css`
  .files {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
    list-style: none;
    padding: 0;
  }
  .files a {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    max-width: 12rem;
    overflow-wrap: anywhere;
  }
  .files .file-title {
    font-weight: 600;
  }
  .files img {
    max-width: 12rem;
    max-height: 9rem;
    object-fit: contain;
    border: 1px solid var(--rsu-color-border);
    border-radius: 4px;
    background: #fff;
  }
`;
