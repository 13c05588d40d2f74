/**
 * The IndicatorBoard query's data as the hub pushes it (`live(orgId, patches: true)`, IndicatorBoardLive.graphql):
 * `useQuery`'s `pushed`; the board whole first, then patches applied to it (live.ts `usePushed`, patches.ts).
 */
import { IndicatorBoardLiveDocument, type IndicatorBoardLiveSubscription } from '@party-hub/schema/client';

export const pushedBoard = {
  document: IndicatorBoardLiveDocument,
  pick: (push: unknown) => (push as IndicatorBoardLiveSubscription).live,
};
