/**
 * Realistic Chinese personal data for demo members: names drawn by surname frequency, ID-card numbers
 * with a valid GB 11643 check digit, mobile numbers on real prefixes. All of it is invented.
 */
import type { Day } from './dates.js';
import { ymd } from './dates.js';
import type { Rng } from './random.js';

// The most common surnames with rough weights (per mille of the population, 2020 census order).
const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 72],
  ['李', 70],
  ['张', 68],
  ['刘', 54],
  ['陈', 46],
  ['杨', 32],
  ['黄', 24],
  ['赵', 20],
  ['吴', 20],
  ['周', 19],
  ['徐', 15],
  ['孙', 15],
  ['马', 14],
  ['朱', 13],
  ['胡', 12],
  ['郭', 12],
  ['何', 11],
  ['林', 10],
  ['高', 10],
  ['罗', 10],
  ['郑', 9],
  ['梁', 9],
  ['谢', 7],
  ['宋', 7],
  ['唐', 7],
  ['许', 6],
  ['韩', 6],
  ['冯', 6],
  ['邓', 6],
  ['曹', 6],
  ['彭', 5],
  ['曾', 5],
  ['肖', 5],
  ['田', 5],
  ['董', 5],
  ['袁', 5],
  ['潘', 4],
  ['于', 4],
  ['蒋', 4],
  ['蔡', 4],
  ['余', 4],
  ['杜', 4],
  ['叶', 4],
  ['程', 4],
  ['苏', 4],
  ['魏', 4],
  ['吕', 4],
  ['丁', 3],
  ['任', 3],
  ['沈', 3],
  ['姚', 3],
  ['卢', 3],
  ['姜', 3],
  ['崔', 3],
  ['钟', 3],
  ['谭', 3],
  ['陆', 3],
  ['汪', 3],
  ['范', 3],
  ['金', 3],
  ['石', 3],
  ['廖', 3],
  ['贾', 2],
  ['夏', 2],
  ['韦', 2],
  ['付', 2],
  ['方', 2],
  ['白', 2],
  ['邹', 2],
  ['孟', 2],
  ['熊', 2],
  ['秦', 2],
  ['邱', 2],
  ['江', 2],
  ['尹', 2],
  ['薛', 2],
  ['闫', 2],
  ['段', 2],
  ['雷', 2],
  ['侯', 2],
  ['龙', 2],
  ['史', 2],
  ['陶', 2],
  ['黎', 2],
  ['贺', 2],
  ['顾', 2],
  ['毛', 2],
  ['郝', 2],
  ['欧阳', 0.5],
  ['司马', 0.1],
  ['上官', 0.1],
  ['诸葛', 0.1],
];
const GIVEN_MALE =
  '伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘';
const GIVEN_FEMALE =
  '秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝丽阳妮宝贝初程梵罡恒鸿桦骅剑娇纪宽苛灵玛媚琪晴容睿烁堂唯威韦雯苇萱阅彦宇雨洋忠宗曼紫逸';

// Ethnicity by rough share in hospital staff: Han first.
const ETHNICITIES: ReadonlyArray<readonly [string, number]> = [
  ['汉族', 920],
  ['回族', 15],
  ['满族', 15],
  ['壮族', 12],
  ['蒙古族', 8],
  ['土家族', 8],
  ['苗族', 6],
  ['藏族', 3],
  ['维吾尔族', 3],
  ['朝鲜族', 3],
  ['彝族', 4],
  ['侗族', 3],
];

// County-level administrative codes (GB/T 2260) a hospital's staff would come from.
const REGION_CODES = [
  '110101',
  '110105',
  '120101',
  '310101',
  '320102',
  '320106',
  '330102',
  '330106',
  '340102',
  '350102',
  '370102',
  '370202',
  '410102',
  '420102',
  '420106',
  '430102',
  '440103',
  '440106',
  '500103',
  '510104',
  '510107',
  '610102',
];
const MOBILE_PREFIXES = [
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '158',
  '159',
  '177',
  '180',
  '186',
  '187',
  '188',
  '189',
  '191',
  '199',
];

const GIVEN_MALE_CHARS = [...GIVEN_MALE];
const GIVEN_FEMALE_CHARS = [...GIVEN_FEMALE];

export function chineseName(rng: Rng, gender: 'male' | 'female'): string {
  const chars = gender === 'male' ? GIVEN_MALE_CHARS : GIVEN_FEMALE_CHARS;
  const given = rng.chance(0.3) ? rng.pick(chars) : rng.pick(chars) + rng.pick(chars);
  return rng.weighted(SURNAMES) + given;
}

export const ethnicity = (rng: Rng): string => rng.weighted(ETHNICITIES);

/** The GB 11643-1999 check character over the first 17 digits. */
export function idCardCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i];
  return '10X98765432'[sum % 11];
}

/** An 18-character resident ID number; the sequence digit's parity encodes the gender. */
export function idCardNo(rng: Rng, birth: Day, gender: 'male' | 'female'): string {
  const { y, m, d } = ymd(birth);
  let seq = rng.int(0, 499) * 2 + (gender === 'male' ? 1 : 0);
  seq %= 1000;
  const first17 = `${rng.pick(REGION_CODES)}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  return first17 + idCardCheckDigit(first17);
}

export const mobile = (rng: Rng): string => rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
