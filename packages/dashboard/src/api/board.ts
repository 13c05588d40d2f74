/** The IndicatorBoard query's data as the hub pushes it (`live`, IndicatorBoardLive.graphql): `useQuery`'s `pushed`. */
import { IndicatorBoardLiveDocument, type IndicatorBoardLiveSubscription } from '@party-hub/schema/client';

export const pushedBoard = {
  document: IndicatorBoardLiveDocument,
  pick: (push: unknown) => (push as IndicatorBoardLiveSubscription).live,
};
