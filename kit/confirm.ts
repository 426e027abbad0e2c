import "./rsu-confirm-dialog/rsu-confirm-dialog";

export interface Confirmation {
  heading: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
}

/**
 * The kit's replacement for `window.confirm()`: shows an `rsu-confirm-dialog` and resolves with the answer
 * (true to go ahead). The dialog is removed once answered.
 */
export async function confirmAction({ heading, message, confirmLabel, danger = false }: Confirmation): Promise<boolean> {
  const dialog = document.createElement("rsu-confirm-dialog");
  Object.assign(dialog, { heading, message, confirmLabel, danger });
  document.body.append(dialog);
  try {
    return await dialog.ask();
  } finally {
    dialog.remove();
  }
}
