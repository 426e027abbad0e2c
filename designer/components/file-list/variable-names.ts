import type { Labels } from "../../../schemas/catalogue/types";
import { getVariable } from "../../api/catalogue";
import { getLanguage } from "../../i18n";

/**
 * Variables' labels, by code, learnt from the catalogue as screens show files (issue #20): a file is named
 * by its variable's label in the reader's language, French where it has none; a code stays a code if its
 * variable cannot be read.
 */
export class VariableNames {
  private readonly labels = new Map<string, Labels>();

  async learn(codes: readonly string[]): Promise<void> {
    const unknown = [...new Set(codes)].filter((code) => !this.labels.has(code));
    const found = await Promise.all(
      unknown.map((code) =>
        getVariable(code).then(
          (v) => [code, v.label] as const,
          () => null,
        ),
      ),
    );
    for (const pair of found) if (pair) this.labels.set(pair[0], pair[1]);
  }

  readonly name = (code: string): string => {
    const label = this.labels.get(code);
    return label ? label[getLanguage()] || label.fr : code;
  };
}
