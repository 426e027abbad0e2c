import { MEMBERS_ROSTER } from "../contracts/registry";
import { walkMask } from "../compile/mask-walker";
import type { SurveyJson } from "../compile/types";

/**
 * Where each unit's records stand in a household's state (issue #20): the lists enclosing the unit's own
 * list, outermost first. None for a list of the household (plots); `["plots"]` for harvests kept in each
 * plot; `["members"]` for a member's jobs, kept in the member's answers. Read from the published masks,
 * oldest first, so that the latest version that places a unit decides where an export looks for it.
 */
export function unitPlaces(masks: readonly SurveyJson[]): Map<string, string[]> {
  const parents = new Map<string, string | undefined>();
  for (const mask of masks)
    for (const repeat of walkMask(mask).repeats) {
      const name = String(repeat.question.name);
      if (name !== MEMBERS_ROSTER) parents.set(name, repeat.parent);
    }
  const places = new Map<string, string[]>();
  for (const unit of parents.keys()) {
    const chain: string[] = [];
    // A cycle across versions (a in b in one, b in a in another) stops where it would come back.
    for (let at = parents.get(unit); at !== undefined && !chain.includes(at) && at !== unit; at = parents.get(at)) chain.unshift(at);
    places.set(unit, chain);
  }
  return places;
}
