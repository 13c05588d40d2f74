/**
 * Which hospitals a scale seeds: `hospital` one large hospital; `province` ≈ 100 hospitals of mixed
 * sizes under one provincial body, sharing ≈ 30 M survey responses by size.
 */
import type { HospitalInput } from './hospital/index.js';
import type { Rng } from './random.js';

export type SeedScale = 'hospital' | 'province';

export interface HospitalPlan extends Omit<HospitalInput, 'rng' | 'sink' | 'start' | 'end'> {
  label: string;
}

export interface SeedPlan {
  /** The provincial body above the hospitals' committees (province scale only). */
  upperBody?: string;
  hospitals: HospitalPlan[];
}

const PROVINCE_CITIES = ['江城', '临川', '清河', '云溪', '兰陵', '平阳', '安和', '青州', '南浦', '东川', '白鹭', '石门'];
const PROVINCE_HOSPITAL_KINDS = [
  '第一人民医院',
  '第二人民医院',
  '中心医院',
  '中医院',
  '妇幼保健院',
  '第三人民医院',
  '人民医院',
  '中西医结合医院',
  '肿瘤医院',
];

const ONE_HOSPITAL: HospitalPlan = {
  label: 'h0',
  name: '江城市第一人民医院',
  level: 'tertiary_a',
  region: '江南省江城市',
  parentOrgId: null,
  size: 1,
  surveyResponses: 300_000,
};

export function planHospitals(scale: SeedScale, rng: Rng): SeedPlan {
  if (scale === 'hospital') return { hospitals: [{ ...ONE_HOSPITAL }] };
  return { upperBody: '中共江南省卫生健康委员会党组', hospitals: planProvince(rng.fork('province')) };
}

/** 100 hospitals of distinct names, the provincial hospital first; survey responses shared by size. */
function planProvince(p: Rng): HospitalPlan[] {
  const hospitals: HospitalPlan[] = [];
  const names = new Set<string>();
  while (hospitals.length < 100) {
    const city = p.pick(PROVINCE_CITIES);
    const name = hospitals.length === 0 ? '江南省人民医院' : `${city}市${p.pick(PROVINCE_HOSPITAL_KINDS)}`;
    if (names.has(name)) continue;
    names.add(name);
    hospitals.push(drawHospital(p, `h${hospitals.length}`, name, city));
  }
  const total = hospitals.reduce((s, h) => s + h.size, 0);
  for (const h of hospitals) h.surveyResponses = Math.round((30_000_000 * h.size) / total);
  return hospitals;
}

/** A hospital's tier (large, medium, small), and from it its size and level. */
function drawHospital(p: Rng, label: string, name: string, city: string): HospitalPlan {
  const tier = p.weighted([
    ['large', 25],
    ['medium', 45],
    ['small', 30],
  ] as const);
  const size = tier === 'large' ? 0.9 + p.float() * 0.3 : tier === 'medium' ? 0.45 + p.float() * 0.35 : 0.2 + p.float() * 0.2;
  const level =
    tier === 'large'
      ? 'tertiary_a'
      : tier === 'medium'
        ? p.pick(['tertiary_a', 'tertiary_b'] as const)
        : p.pick(['secondary_a', 'secondary_b'] as const);
  return { label, name, size, parentOrgId: null, surveyResponses: 0, level, region: `江南省${city}市` };
}
