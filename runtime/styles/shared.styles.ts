import { css } from "lit";
import { baseStyles } from "../../kit/styles";

/** The shared base, with a hover the field app's buttons show. */
export const sharedStyles = [
  baseStyles,
  css`
    button:hover {
      filter: brightness(1.1);
    }
  `,
];
