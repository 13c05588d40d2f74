/** The overview's one query and the cards it fills. */
export const OVERVIEW_QUERY = `{
  branches: organizations(filter: { kind: { in: [BRANCH, JOINT_BRANCH] }, dissolvedOn: { isNull: true } }) { totalCount }
  members(filter: { membershipStatus: { eq: ACTIVE } }) { totalCount }
  departments { totalCount }
  activities(filter: { status: { eq: HELD } }) { totalCount }
  surveyResponses { totalCount }
  honors { totalCount }
}`;

export const CARDS = ['branches', 'members', 'departments', 'activities', 'surveyResponses', 'honors'] as const;
export type CardKey = (typeof CARDS)[number];
export type OverviewData = Record<CardKey, { totalCount: number }>;

export const EXAMPLES = [
  {
    key: 'subtree',
    query: `query ($org: ID!) {
  members(filter: { orgId: $org, politicalStatus: { in: [FULL_MEMBER, PROBATIONARY] }, membershipStatus: { eq: ACTIVE } }, first: 20) {
    totalCount
    nodes { maskedName professionalTitle organization { name } department { name } }
  }
}`,
  },
  {
    key: 'themeDays',
    query: `{
  activities(
    filter: { type: { eq: THEME_PARTY_DAY }, heldOn: { gte: "2025-01-01", lte: "2025-03-31" }, status: { eq: HELD } }
    orderBy: [{ field: HELD_ON, direction: DESC }]
  ) {
    totalCount
    nodes { title heldOn organization { name } }
  }
}`,
  },
] as const;
