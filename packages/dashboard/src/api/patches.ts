/**
 * A pushed view asked for patches (`live(orgId, patches: true)`): its pushes are the view's data whole with a
 * revision (`extensions.live.revision`: the first push of a subscription, and any the hub sends after a missed
 * revision), then RFC 6902 JSON Patches against the revision before (`extensions.live = { revision, patch }`, no
 * `data`), applied here with fast-json-patch to the last push's data. The page's HTTP-loaded data is no revision:
 * the first push of a subscription is always whole. A patch that does not follow the revision held, or does not
 * apply, leaves nothing to show: the caller loads the view again and subscribes anew (its first push is whole).
 */
import jsonPatch, { type Operation } from 'fast-json-patch';

/** What a push may carry beside its data (the hub's `extensions.live`). */
export interface LiveRevision {
  revision: number;
  patch?: Operation[];
}

/** A push as graphql-ws hands it over. */
export interface Push<S> {
  data?: S | null;
  errors?: readonly unknown[];
  extensions?: { live?: LiveRevision } & Record<string, unknown>;
}

/** The last revision of a pushed view, and the next one made of a push. */
export class PushedRevisions<S> {
  #data: S | null = null;
  #revision: number | null = null;

  /** The view's data after `push`, or null: the push is a patch that cannot be applied (a revision gap, a failed apply). */
  take(push: Push<S>): S | null {
    const live = push.extensions?.live;
    if (!live?.patch) {
      if (push.data == null) return this.forget();
      this.#data = push.data;
      this.#revision = typeof live?.revision === 'number' ? live.revision : null;
      return push.data;
    }
    if (this.#data === null || this.#revision === null || live.revision !== this.#revision + 1) return this.forget();
    try {
      // Validated and on a copy: the data shown before stays as it was, and a patch that does not fit throws.
      this.#data = jsonPatch.applyPatch(this.#data, live.patch, true, false).newDocument;
    } catch {
      return this.forget();
    }
    this.#revision = live.revision;
    return this.#data;
  }

  /** Holds nothing: the next push must be whole. */
  forget(): null {
    this.#data = null;
    this.#revision = null;
    return null;
  }
}
