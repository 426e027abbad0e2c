import { html, nothing } from "lit";
import { coveredAreas, type AreaNode } from "../../api/areas";
import { pick, t } from "../../i18n";
import { fieldState, renderFieldError, type FieldMessages } from "../../views/field-errors";

type Toggle = (code: string, checked: boolean) => void;

/**
 * The areas of an account as a tree of check boxes, island → prefecture → commune, communes folded under
 * their prefecture. An area covers everything it contains, so what lies under a ticked area shows as
 * included and cannot be ticked again.
 */
export function renderAreaPicker(tree: AreaNode[], selected: ReadonlySet<string>, messages: FieldMessages | null, onToggle: Toggle) {
  const covered = coveredAreas(tree, selected);
  const state = fieldState("areas", messages, true);
  return html`<fieldset class="areas" aria-describedby=${state.describedBy || nothing} aria-invalid=${state.invalid}>
    <legend>${t("areasLegend")}</legend>
    <p class="hint" id="areas-hint">${t("areasHint")}</p>
    ${renderFieldError("areas", messages)}
    ${
      tree.length
        ? html`<ul class="area-tree">
          ${tree.map(
            (island) => html`<li>
              ${areaBox(island, selected, covered, onToggle)}
              <ul>
                ${island.children.map((prefecture) => renderPrefecture(prefecture, selected, covered, onToggle))}
              </ul>
            </li>`,
          )}
        </ul>`
        : html`<p class="hint">${t("areasUnavailable")}</p>`
    }
  </fieldset>`;
}

function renderPrefecture(prefecture: AreaNode, selected: ReadonlySet<string>, covered: Set<string>, onToggle: Toggle) {
  const open = prefecture.children.some((commune) => selected.has(commune.code));
  return html`<li>
    ${areaBox(prefecture, selected, covered, onToggle)}
    ${
      prefecture.children.length
        ? html`<details ?open=${open}>
          <summary>${t("communesOf", { name: pick(prefecture.label), count: prefecture.children.length })}</summary>
          <ul class="communes">
            ${prefecture.children.map((commune) => html`<li>${areaBox(commune, selected, covered, onToggle)}</li>`)}
          </ul>
        </details>`
        : nothing
    }
  </li>`;
}

function areaBox(area: AreaNode, selected: ReadonlySet<string>, covered: Set<string>, onToggle: Toggle) {
  const included = covered.has(area.code);
  return html`<label class="check">
    <input
      type="checkbox"
      value=${area.code}
      .checked=${included || selected.has(area.code)}
      ?disabled=${included}
      @change=${(event: Event) => onToggle(area.code, (event.target as HTMLInputElement).checked)}
    />
    <span>${pick(area.label)} (${area.code})${included ? html` <span class="muted">— ${t("coveredByParent")}</span>` : nothing}</span>
  </label>`;
}
