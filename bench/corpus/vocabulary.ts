/**
 * The corpus's vocabulary: the word lists its titles, bodies, tags and sources are drawn
 * from, and the seeded ranking of categories and tags (Zipf-like use, busiest first).
 */
import { slugify } from '../../src/model/slug.ts';
import { Random, Zipf } from './random.ts';

/** The categories a news desk files most under, most used first; the rest follow in seeded order. */
const BUSY_CATEGORIES = [
  'Political News',
  'Security',
  'Taliban',
  'Economic News',
  'Human Rights',
  'Refugees and Migrants',
  'Afghan Women',
  'Health News',
  'Pakistan-Afghanistan Relations',
  'Education',
  'News in Dari (Persian/Farsi)',
  'Civilian Injuries and Deaths',
  'UN-Afghanistan Relations',
  'Iran-Afghanistan Relations',
  'US-Afghanistan Relations',
  'Opinion/Editorial',
];
export const DARI_CATEGORY = 'News in Dari (Persian/Farsi)';

export const PROVINCES = [
  'Kabul', 'Herat', 'Kandahar', 'Balkh', 'Nangarhar', 'Kunduz', 'Badakhshan', 'Helmand', 'Ghazni', 'Bamiyan',
  'Panjshir', 'Takhar', 'Faryab', 'Khost', 'Paktia', 'Paktika', 'Logar', 'Parwan', 'Kapisa', 'Farah', 'Nimroz',
  'Uruzgan', 'Zabul', 'Laghman', 'Kunar', 'Nuristan', 'Baghlan', 'Samangan', 'Sar-e Pol', 'Jawzjan', 'Ghor',
  'Daikundi', 'Wardak', 'Badghis',
];
export const CITIES = ['Mazar-i-Sharif', 'Jalalabad', 'Torkham', 'Spin Boldak', 'Islam Qala', 'Hairatan', 'Fayzabad', 'Pul-e Khumri'];
export const ABROAD = ['Islamabad', 'Tehran', 'Doha', 'Moscow', 'Beijing', 'Tashkent', 'Dushanbe', 'Ankara', 'Geneva', 'New York', 'Brussels', 'Delhi'];
export const ACTORS = [
  'UN Agencies', 'WHO', 'UNICEF', 'UNHCR', 'The World Bank', 'Taliban Officials', 'The Ministry of Public Health',
  'Aid Groups', 'Rights Groups', 'Local Elders', 'Women Activists', 'Pakistani Authorities', 'Iranian Officials',
  'Returnees', 'Shopkeepers', 'Farmers', 'Teachers', 'University Students', 'Journalists', 'Doctors', 'Donors',
  'The Red Crescent', 'Residents', 'Traders', 'The Cricket Board', 'Resistance Fighters', 'Police',
];
export const ACTIONS = [
  'Warn About', 'Report', 'Call for an End to', 'Condemn', 'Welcome', 'Reject', 'Confirm', 'Deny', 'Announce',
  'Struggle With', 'Protest Against', 'Demand Action on', 'Discuss', 'Launch', 'Suspend', 'Resume', 'Criticise',
  'Raise Alarm Over', 'Investigate', 'Respond to',
];
export const TOPICS = [
  'Measles Outbreak', 'Ban on Girls’ Schooling', 'Border Closure', 'Rising Food Prices', 'Drought', 'Deportations',
  'New Restrictions on Women', 'Aid Cuts', 'Winter Shortages', 'Cholera Cases', 'Trade Deal', 'Prisoner Release',
  'Media Crackdown', 'Power Cuts', 'Flash Floods', 'Earthquake Relief', 'Poppy Eradication', 'Mining Contracts',
  'Railway Link', 'Visa Rules', 'Polio Vaccination', 'Hospital Funding', 'Night Raids', 'Peace Process',
  'Internet Shutdown', 'Water Dispute', 'Landmine Blasts', 'Road Accidents', 'Wheat Harvest', 'Currency Slump',
  'Child Malnutrition', 'Teacher Salaries', 'Refugee Camps', 'Cross-Border Shelling', 'Drug Smuggling',
];
export const QUOTES = [
  'We Need Help Now', 'Schools Must Reopen', 'The Border Is Our Lifeline', 'No One Has Come', 'Prices Have Doubled',
  'We Lost Everything', 'Our Daughters Want to Learn', 'The Roads Are Closed', 'There Is No Work', 'We Will Rebuild',
];
export const GROUPS = ['Families', 'Children', 'Returnees', 'Workers', 'Patients', 'Students', 'Traders', 'Villagers', 'Women'];
export const EVENTS = ['Displaced by', 'Affected by', 'Hit by', 'Left Homeless After', 'Receive Help After', 'Still Waiting After'];

export const NEWS_WORDS = (
  'officials said on the government has announced that the ministry of in province district authorities local ' +
  'residents told reporters according to sources statement this week last month earlier today country region ' +
  'border international aid support health services schools students women and children families returning ' +
  'refugees economy market prices trade exports imports water electricity roads project funding donors meeting ' +
  'delegation visit agreement cooperation relations foreign minister spokesman deputy acting regime fighters ' +
  'attack killed wounded incident police investigation court prison rights activists protest restrictions decree ' +
  'education university teachers hospital clinic doctors patients cases outbreak vaccine campaign drought floods ' +
  'earthquake winter snow rain crops farmers wheat cultivation smuggling journalists freedom press internet access ' +
  'culture music heritage mosque leaders community elders council village city capital north south east west ' +
  'several many most some more than over under about after before during since while however also still again ' +
  'already recently currently later years months days hours percent million thousand dozens increase decline ' +
  'growth crisis humanitarian assistance emergency response situation conditions concerns warned urged called ' +
  'confirmed denied expected planned launched opened closed resumed suspended would could will'
).split(' ');
/** One word each, so that a sentence's length is its word count. */
export const CONNECTIVES = ['However,', 'Meanwhile,', 'Separately,', 'Earlier,', 'Additionally,', 'Elsewhere,'];

/** Persian words in Arabic script, for Dari posts (titles, bodies and a few tags). */
export const PERSIAN_WORDS = (
  'افغانستان کابل هرات بلخ ننگرهار مردم حکومت طالبان زنان کودکان مکتب دانشگاه صحت اقتصاد امنیت وزارت ولایت ' +
  'گزارش سازمان ملل کمک بشری مهاجران ایران پاکستان مرز سیلاب زلزله خشکسالی آموزش حقوق رسانه خبرنگاران نشست ' +
  'گفتگو صلح قیمت بازار گندم برق آب راه شهر روستا امروز دیروز هفته سال جدید بزرگ مهم اعلام کرد است شد در از ' +
  'به با و این که برای شمار افزایش کاهش مسئولان باشندگان بیمارستان داکتران دانش‌آموزان زمستان بحران پناهجویان'
).split(' ');
const PERSIAN_TAGS = [
  'کابل', 'هرات', 'مهاجران', 'زنان', 'آموزش', 'سیلاب', 'زلزله', 'اقتصاد', 'صحت', 'امنیت', 'طالبان', 'گندم',
  'پناهجویان', 'خشکسالی', 'رسانه', 'بازار', 'مرز', 'زمستان', 'دانشگاه', 'کودکان',
];

const TAG_TOPICS = [
  'floods', 'schools', 'hospitals', 'returnees', 'elections', 'protests', 'drought', 'markets', 'airport', 'power',
  'water', 'mines', 'roads', 'police', 'prison', 'women', 'girls', 'students', 'farmers', 'wheat', 'poppy',
  'refugees', 'earthquake', 'snow', 'cholera', 'measles', 'polio', 'clinics', 'journalists', 'radio', 'border',
  'trade', 'prices', 'jobs', 'mosques', 'cricket', 'football', 'universities', 'internet', 'dam',
];
const STANDALONE_TAGS = [
  'UNICEF', 'WHO', 'UNAMA', 'UNHCR', 'WFP', 'World Bank', 'IMF', 'Red Crescent', 'Doha Agreement', 'Opium',
  'Remittances', 'Sanctions', 'Inflation', 'Afghani', 'Hijab', 'Evacuation', 'TAPI', 'CASA-1000', 'Lithium',
  'Copper', 'Salang Tunnel', 'Kabul Airport', 'Amu Darya', 'Qosh Tepa Canal', 'Helmand River', 'Buzkashi',
  'Nowruz', 'Ramadan', 'Eid', 'Malnutrition', 'Heatwave', 'Locusts', 'Deportations', 'Visas', 'Torkham Crossing',
  'Chaman', 'Girls’ Education', 'Media Freedom', 'Press Freedom', 'Landmines',
];

export const FEEDS: readonly { id: string; name: string; host: string; persian?: boolean }[] = [
  { id: 'tolonews', name: 'Tolo News', host: 'tolonews.example' },
  { id: 'pajhwok', name: 'Pajhwok Afghan News', host: 'pajhwok.example' },
  { id: 'khaama', name: 'Khaama Press', host: 'khaama.example' },
  { id: 'ariana', name: 'Ariana News', host: 'ariananews.example' },
  { id: 'amu-tv', name: 'Amu TV', host: 'amu.example' },
  { id: 'kabulnow', name: 'KabulNow', host: 'kabulnow.example' },
  { id: 'un-news', name: 'UN News', host: 'news.un.example' },
  { id: 'reliefweb', name: 'ReliefWeb', host: 'reliefweb.example' },
  { id: 'azadi', name: 'Radio Azadi', host: 'azadiradio.example', persian: true },
  { id: 'bbc-persian', name: 'BBC Persian', host: 'bbcpersian.example', persian: true },
  { id: 'etilaatroz', name: 'Etilaatroz', host: 'etilaatroz.example', persian: true },
];
export const SECTIONS = ['politics', 'security', 'economy', 'health', 'society', 'world', 'sport', 'culture'];
export const AUTHORS: readonly (readonly [string, number])[] = [
  ['admin', 72],
  ['editor', 14],
  ['farid', 8],
  ['mariam', 6],
];

export interface Vocabulary {
  categories: Zipf<string>;
  tags: Zipf<string>;
  tagCount: number;
  hasDariCategory: boolean;
}

/**
 * ~1,500 tags as a news desk accumulates them: organisations and topics, "<Place> <topic>"
 * pairs and a few Persian ones; no two with the same slug, and never Eleventy's reserved
 * collection names.
 */
function makeTags(random: Random, count: number): string[] {
  const candidates = [...STANDALONE_TAGS, ...PROVINCES, ...CITIES, ...ABROAD, ...PERSIAN_TAGS];
  for (const place of [...PROVINCES, ...CITIES]) {
    for (const topic of TAG_TOPICS) candidates.push(`${place} ${topic}`);
  }
  for (const place of ABROAD) candidates.push(`${place} talks`, `${place} visit`);
  const seen = new Set(['all', 'posts']);
  const tags: string[] = [];
  for (const tag of random.shuffled(candidates)) {
    const slug = slugify(tag);
    if (slug === '' || seen.has(slug)) continue;
    seen.add(slug);
    tags.push(tag);
    if (tags.length === count) break;
  }
  return tags;
}

export function makeVocabulary(seed: string, categoryNames: readonly string[]): Vocabulary {
  const random = new Random(`${seed}/vocabulary`);
  const busy = BUSY_CATEGORIES.filter((name) => categoryNames.includes(name));
  const ranked = [...busy, ...random.shuffled(categoryNames.filter((name) => !busy.includes(name)))];
  const tags = makeTags(random, 1500);
  return {
    categories: new Zipf(ranked, 1.0),
    tags: new Zipf(tags, 1.0),
    tagCount: tags.length,
    hasDariCategory: categoryNames.includes(DARI_CATEGORY),
  };
}
