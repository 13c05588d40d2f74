/**
 * A small, hand-shaped hospital for tests: a committee, general branches, branches with party groups,
 * departments and members. Written through MikroORM, so the database triggers fill paths.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Education,
  Gender,
  OrgCategory,
  OrgKind,
  PoliticalStatus,
  ProfessionalTitle,
  StaffCategory,
  DepartmentType,
} from '../domain/enums.js';
import { Member } from '../modules/member/member.entity.js';
import { BranchDepartment, Department } from '../modules/organization/department.entity.js';
import { Hospital, Organization } from '../modules/organization/organization.entity.js';

export interface FixtureShape {
  generalBranches: number;
  branchesPerGeneral: number;
  membersPerBranch: number;
}

export interface Fixture {
  committee: Organization;
  hospital: Hospital;
  generalBranches: Organization[];
  branches: Organization[];
  departments: Department[];
  members: Member[];
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳'];

export async function buildFixture(em: EntityManager, shape: FixtureShape): Promise<Fixture> {
  const f = await createCommittee(em);
  await createGeneralBranches(em, f, shape);
  await createBranches(em, f, shape);
  f.branches.forEach((branch, i) =>
    em.create(BranchDepartment, { branch, department: f.departments[i], validFrom: '2020-01-01' } as never),
  );
  f.branches.forEach((branch, i) => {
    for (let m = 0; m < shape.membersPerBranch; m++) f.members.push(createMember(em, f, branch, i, m, shape));
  });
  await em.flush();
  return f;
}

/** The committee and its hospital; the rest of the fixture empty. */
async function createCommittee(em: EntityManager): Promise<Fixture> {
  const committee = em.create(Organization, {
    name: '测试医院党委',
    kind: OrgKind.COMMITTEE,
    termYears: 5,
    foundedOn: '2000-07-01',
  } as never);
  const hospital = em.create(Hospital, { name: '测试医院', committee } as never);
  await em.flush();
  return { committee, hospital, generalBranches: [], branches: [], departments: [], members: [] };
}

async function createGeneralBranches(em: EntityManager, f: Fixture, shape: FixtureShape): Promise<void> {
  for (let g = 0; g < shape.generalBranches; g++) {
    const gb = em.create(Organization, { name: `第${g + 1}党总支`, kind: OrgKind.GENERAL_BRANCH, parent: f.committee } as never);
    f.generalBranches.push(gb);
  }
  await em.flush();
}

/** The branches of each general branch, the n-th with its own department (clinical and nursing in turn). */
async function createBranches(em: EntityManager, f: Fixture, shape: FixtureShape): Promise<void> {
  let n = 0;
  for (const gb of f.generalBranches) {
    for (let b = 0; b < shape.branchesPerGeneral; b++, n++) {
      const branch = em.create(Organization, {
        name: `${gb.name}第${b + 1}党支部`,
        kind: OrgKind.BRANCH,
        parent: gb,
        category: n % 2 ? OrgCategory.NURSING : OrgCategory.CLINICAL,
        foundedOn: `20${10 + (n % 10)}-03-01`,
        termYears: 3,
      } as never);
      const dept = em.create(Department, {
        hospital: f.hospital,
        name: `测试科室${n + 1}`,
        type: n % 2 ? DepartmentType.NURSING_UNIT : DepartmentType.CLINICAL,
      } as never);
      f.branches.push(branch);
      f.departments.push(dept);
    }
  }
  await em.flush();
}

/** The m-th member of the i-th branch (its first member an activist, the others full members). */
function createMember(em: EntityManager, f: Fixture, branch: Organization, i: number, m: number, shape: FixtureShape): Member {
  const k = i * shape.membersPerBranch + m;
  return em.create(Member, {
    hospital: f.hospital,
    organization: branch,
    department: f.departments[i],
    name: SURNAMES[k % SURNAMES.length] + GIVEN[k % GIVEN.length] + (k % 3 ? '' : GIVEN[(k + 3) % GIVEN.length]),
    gender: k % 3 ? Gender.FEMALE : Gender.MALE,
    birthDate: `19${70 + (k % 25)}-05-0${1 + (k % 9)}`,
    education: Education.BACHELOR,
    professionalTitle: k % 4 ? ProfessionalTitle.INTERMEDIATE : ProfessionalTitle.SENIOR_FULL,
    staffCategory: k % 2 ? StaffCategory.NURSE : StaffCategory.PHYSICIAN,
    politicalStatus: m === 0 ? PoliticalStatus.ACTIVIST : PoliticalStatus.FULL_MEMBER,
    joinedOn: m === 0 ? undefined : `20${10 + (k % 10)}-07-01`,
    convertedOn: m === 0 ? undefined : `20${11 + (k % 10)}-07-01`,
    isBackbone: k % 4 === 0,
    idCardNo: '110101199003078515',
    mobile: '13800000000',
  } as never);
}
