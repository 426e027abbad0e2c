import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { OpenApiDocument, OpenApiOperation as Operation } from "./document";

/**
 * The API reference as one server-written page, French first: it works offline and without script (the
 * machines that run rsu often have no internet, and a CDN-loaded viewer would show nothing there).
 */
export function referencePage(document: OpenApiDocument) {
  const byTag = new Map<string, { method: string; path: string; op: Operation }[]>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags[0] ?? "service";
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
    }
  }
  const tags = [...byTag.keys()].sort();
  return html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Référence de l'API · API reference — rsu</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem; color: #1a1a1a; line-height: 1.45; }
nav ul { columns: 4 12rem; padding-left: 1.2rem; }
section { border-top: 1px solid #bbb; margin-top: 1.5rem; }
article { margin: 1rem 0; padding: .5rem .8rem; border-left: 4px solid #3a5f8a; background: #f6f7f9; }
h3 { font-size: 1rem; margin: .2rem 0; }
.method { display: inline-block; min-width: 4.2rem; font-family: monospace; font-weight: bold; color: #fff; background: #2d4f73; padding: 0 .3rem; border-radius: 3px; }
code, pre { font-family: ui-monospace, monospace; }
pre { background: #fff; border: 1px solid #ccc; padding: .5rem; overflow: auto; max-height: 24rem; }
.en { color: #444; }
</style>
</head>
<body>
<header>
<h1>Référence de l'API <span class="en">· API reference</span></h1>
<p>${document.info.title}, version ${document.info.version}. Document OpenAPI 3.1 : <a href="/api/openapi.json">/api/openapi.json</a>.
<span class="en">OpenAPI 3.1 document: <a href="/api/openapi.json" lang="en">/api/openapi.json</a>.</span></p>
<p>Authentification : <code>Authorization: Bearer &lt;jeton&gt;</code> (<code>rsu token create</code>) ou la session du navigateur.
<span class="en" lang="en">Authentication: a bearer token or the browser's session.</span></p>
</header>
<nav aria-label="Sections"><ul>${tags.map((tag) => html`<li><a href="#${tag}">${tag}</a></li>`)}</ul></nav>
<main>
${tags.map(
  (tag) => html`<section id="${tag}" aria-labelledby="h-${tag}"><h2 id="h-${tag}">${tag}</h2>
${byTag.get(tag)!.map(({ method, path, op }) => operationArticle(method, path, op))}</section>`,
)}
</main>
</body>
</html>`;
}

function operationArticle(method: string, path: string, op: Operation): HtmlEscapedString | Promise<HtmlEscapedString> {
  const [en] = op.description.split("\n\n");
  const roles = op["x-rsu-roles"] === "anyone" ? "tous, même anonymes · anyone" : op["x-rsu-roles"].join(", ");
  const body = op.requestBody?.content["application/json"]?.schema;
  const success = Object.entries(op.responses).find(([status]) => status.startsWith("2"));
  const answer = success?.[1].content && Object.values(success[1].content)[0]?.schema;
  // Schemas scroll within their box: tabindex="0" lets a keyboard reach and scroll them (axe: scrollable-region-focusable).
  return html`<article>
<h3><span class="method">${method.toUpperCase()}</span> <code>${path}</code></h3>
<p>${op.summary} <span class="en" lang="en">· ${en}</span></p>
<p>Rôles <span class="en">· Roles</span> : ${roles}</p>
${op.parameters?.length ? html`<ul>${op.parameters.map((p) => html`<li><code>${p.name}</code> (${p.in}${p.required ? ", obligatoire · required" : ""}) ${p.description ?? ""}</li>`)}</ul>` : ""}
<p>Erreurs <span class="en">· Errors</span> : ${raw(op["x-rsu-errors"].map((code) => `<code>${code}</code>`).join(", "))}</p>
${body ? html`<details><summary>Corps de la requête <span class="en">· Request body</span></summary><pre tabindex="0">${JSON.stringify(body, null, 2)}</pre></details>` : ""}
${answer && Object.keys(answer).length ? html`<details><summary>Réponse ${success![0]} <span class="en">· Response</span></summary><pre tabindex="0">${JSON.stringify(answer, null, 2)}</pre></details>` : ""}
</article>`;
}
