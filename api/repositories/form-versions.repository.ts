import type { EntityManager } from "@mikro-orm/postgresql";
import type { FormVersionBody, Message, PublishedFormSummary } from "../../schemas/contracts/api";
import { FormVersion } from "../entities";

/** The newest published, non-retired version of every form, the ones clerks are offered. */
export async function listPublishedForms(em: EntityManager): Promise<PublishedFormSummary[]> {
  const rows: { id: string; title: Message; version: number; published_at: Date }[] = await em.getConnection().execute(
    `select distinct on (f.id) f.id, f.title, v.version, v.published_at
       from forms f join form_versions v on v.form_id = f.id
      where v.retired_at is null
      order by f.id, v.version desc`,
  );
  return rows.map((r) => ({ id: r.id, title: r.title, version: r.version, publishedAt: new Date(r.published_at).toISOString() }));
}

export function findFormVersion(em: EntityManager, formId: string, version: number): Promise<FormVersion | null> {
  return em.findOne(FormVersion, { form: formId, version }, { populate: ["form"] });
}

export function formVersionBody(v: FormVersion): FormVersionBody {
  return {
    formId: v.form.id,
    version: v.version,
    title: v.form.title,
    mask: v.mask,
    schema: v.schema,
    checksum: v.checksum,
    publishedAt: v.publishedAt.toISOString(),
  };
}
