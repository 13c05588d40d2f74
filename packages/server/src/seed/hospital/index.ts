/**
 * One demo hospital: its Party committee and organisation tree, departments and the branches built on
 * them, members moving through the development procedure, positions, three years of activities at the
 * official cadence (with the misses real branches have), honors, model posts, medical-ethics events,
 * monthly business figures, Party-building research projects, yearly assessments and the surveys whose
 * responses the set-based SQL expands later. Each step draws from random streams of its own, so one
 * step can change without shifting another's rows; the order of the steps fixes the ids.
 */
import { addActivities } from './activities.js';
import { addHonors } from './honors.js';
import { addMembers } from './members.js';
import { addModelPosts } from './model-posts.js';
import { newHospital, type HospitalInput, type HospitalSummary } from './model.js';
import { addOperations } from './operations.js';
import { writePeople } from './people-rows.js';
import { runPipeline } from './pipeline.js';
import { appointPositions } from './positions.js';
import { addReviews } from './reviews.js';
import { addSurveys } from './surveys.js';
import { buildTree } from './tree.js';

export type { HospitalInput, HospitalSummary } from './model.js';

export function generateHospital(input: HospitalInput): HospitalSummary {
  const h = newHospital(input);
  buildTree(h);
  // People: staff and members, applicants' development, positions; written once all three shaped them.
  addMembers(h);
  runPipeline(h);
  appointPositions(h);
  writePeople(h);
  addActivities(h);
  // Recognition: honors, model posts.
  addHonors(h);
  addModelPosts(h);
  addOperations(h);
  addReviews(h);
  addSurveys(h);
  return { hospitalId: h.hospitalId, committeeId: h.committeeId, members: h.everyone.length, branches: h.branches.length };
}
