/** Joins the Chinese term and its English gloss the way every description in the schema reads. */
export const d = (zh: string, en: string): string => `${zh} / ${en}`;
