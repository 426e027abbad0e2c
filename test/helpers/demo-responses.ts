/** The demo's household generator lives with the demo seed (npm start seeds a registry with it); tests use it too. */
export * from "../../api/db/seeders/demo/household-answers";
