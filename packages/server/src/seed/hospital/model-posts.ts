/**
 * Model posts (党员示范岗, 先锋岗, 服务台, 突击队, 责任区): about one a branch, held by a member, a
 * department or the branch itself; a few revoked.
 */
import { isoDay } from '../dates.js';
import type { Rng } from '../random.js';
import { labelOf, stamp, YEAR, type Branch, type Hospital } from './model.js';

const POST_TYPES = [
  ['model_post', 40],
  ['vanguard_post', 25],
  ['service_desk', 15],
  ['commando_team', 10],
  ['responsibility_area', 10],
] as const;

const POST_LEVELS = [
  ['hospital', 80],
  ['sector', 10],
  ['municipal', 8],
  ['provincial', 2],
] as const;

export function addModelPosts(h: Hospital): void {
  const mp = h.r('model-posts');
  for (const branch of h.branches) {
    const k = branch.category === 'retired' ? (mp.chance(0.3) ? 1 : 0) : mp.poisson(0.9);
    for (let i = 0; i < k; i++) addModelPost(h, mp, branch);
  }
}

/** One post: a member's (示范岗, 责任区), a department's (先锋岗), else the branch's. */
function addModelPost({ sink, start, end, departments }: Hospital, mp: Rng, branch: Branch): void {
  const type = mp.weighted(POST_TYPES);
  const candidates = branch.people.filter((p) => p.joined !== null && p.membership === 'active');
  const established = start - 2 * YEAR + mp.int(0, 3 * YEAR);
  const byMember = (type === 'model_post' || type === 'responsibility_area') && candidates.length > 0;
  const dept = branch.deptIds.length ? mp.pick(branch.deptIds) : null;
  const deptName = departments.find((d) => d.id === dept)?.name ?? branch.name.replace(/党支部$/, '');
  sink.add('model_post', {
    id: sink.id('model_post'),
    type,
    title: `${deptName}${labelOf(type)}`,
    member_id: byMember ? mp.pick(candidates).id : null,
    department_id: type === 'vanguard_post' ? dept : null,
    organization_id: byMember || (type === 'vanguard_post' && dept) ? null : branch.id,
    level: mp.weighted(POST_LEVELS),
    established_on: isoDay(established),
    revoked_on: mp.chance(0.1) ? isoDay(Math.min(end, established + mp.int(180, 700))) : null,
    created_at: stamp(Math.min(established, end)),
  });
}
