/**
 * Demo accounts, one per role, printed at start. Their passwords are public (they are in this file):
 * a real installation creates its own accounts with `rsu user add` and never seeds these.
 */
export const DEMO_ACCOUNTS = [
  { username: "admin", displayName: "Administrateur démo", roles: ["admin"], areas: [], password: "admin-demo-2026" },
  { username: "concepteur", displayName: "Concepteur démo", roles: ["designer"], areas: [], password: "concepteur-demo-2026" },
  { username: "superviseur", displayName: "Superviseur Ngazidja", roles: ["supervisor"], areas: ["1"], password: "superviseur-demo-2026" },
  { username: "agent", displayName: "Agent de saisie Moroni", roles: ["clerk"], areas: ["101"], password: "agent-demo-2026" },
  { username: "analyste", displayName: "Analyste démo", roles: ["analyst"], areas: [], password: "analyste-demo-2026" },
] as const;
