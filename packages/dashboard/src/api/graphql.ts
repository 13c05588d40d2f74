/** A small GraphQL client for same-origin `/graphql`; it throws the server's message on any error. */
export interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}

export class GraphQLRequestError extends Error {}

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}, fetchFn: typeof fetch = fetch): Promise<T> {
  const res = await fetchFn('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json().catch(() => null)) as { data?: T; errors?: GraphQLError[] } | null;
  if (body?.errors?.length) throw new GraphQLRequestError(body.errors.map((e) => e.message).join('; '));
  if (!res.ok || !body?.data) throw new GraphQLRequestError(`HTTP ${res.status}`);
  return body.data;
}
