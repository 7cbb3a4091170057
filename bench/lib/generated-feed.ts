/**
 * Generated RSS 2.0 feeds with realistic news items (HTML bodies of a few hundred words,
 * some in Dari), for the ingest benchmark and the ingest tests. Deterministic for a given seed.
 */

const PLACES = ['Kabul', 'Herat', 'Kandahar', 'Mazar-i-Sharif', 'Jalalabad', 'Bamiyan', 'Kunduz', 'Ghazni', 'Badakhshan'];
const SUBJECTS = [
  'officials',
  'aid agencies',
  'residents',
  'health workers',
  'teachers',
  'traders',
  'farmers',
  'returning refugees',
  'women entrepreneurs',
];
const EVENTS = [
  'discuss plans to repair the main highway',
  'warn of a shortage of clean drinking water',
  'open a new clinic for mothers and children',
  'report rising food prices in local markets',
  'call for more support ahead of the winter',
  'celebrate the reopening of a historic bazaar',
  'begin a vaccination campaign against measles',
  'meet regional envoys to talk about border trade',
];
const SENTENCES = [
  'The meeting was attended by representatives of several provinces and international organisations.',
  'Local people said the situation had become more difficult over the past few months.',
  'According to a statement, the work is expected to be completed before the end of the year.',
  'Prices of flour, cooking oil and fuel have risen sharply, traders said.',
  'The United Nations has repeatedly called for more funding for humanitarian programmes in Afghanistan.',
  'Officials said the project would create hundreds of jobs for young people in the area.',
  'Several families told reporters they had waited for days without receiving assistance.',
  'Heavy snowfall in the mountains has closed a number of roads in the northern provinces.',
  'Doctors warned that children and the elderly were most at risk during the cold season.',
  'The spokesman added that security in the district had improved in recent weeks.',
];
const DARI = [
  'مقام‌های محلی می‌گویند که کار بازسازی جاده‌ها تا پایان سال تکمیل خواهد شد.',
  'باشندگان کابل از افزایش قیمت مواد غذایی در بازارها شکایت دارند.',
  'کارمندان صحی هشدار می‌دهند که کودکان در فصل زمستان بیشتر در معرض خطر هستند.',
];

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface GeneratedFeedOptions {
  /** Used in links and guids: items of different feeds never collide. */
  name: string;
  items: number;
  /** The newest item's date; the others go back an hour each. */
  newest: Date;
  seed?: number;
  /** Paragraphs per item body (default 4–8). */
  paragraphs?: [number, number];
}

/** An RSS 2.0 document; item i has guid `<name>-<i>` and link `https://<name>.example/news/<i>`. */
export function generateRss(options: GeneratedFeedOptions): string {
  const rnd = random(options.seed ?? options.name.length * 7919 + options.items);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const [minP, maxP] = options.paragraphs ?? [4, 8];
  const items: string[] = [];
  for (let i = 0; i < options.items; i++) {
    const persian = rnd() < 0.1;
    const place = pick(PLACES);
    const title = persian ? `${pick(DARI).slice(0, 40)} (${i})` : `${place} ${pick(SUBJECTS)} ${pick(EVENTS)} (${i})`;
    const paragraphs: string[] = [];
    const count = minP + Math.floor(rnd() * (maxP - minP + 1));
    for (let p = 0; p < count; p++) {
      const sentences = Array.from({ length: 4 + Math.floor(rnd() * 4) }, () => (persian ? pick(DARI) : pick(SENTENCES)));
      if (p === 1) sentences.push(`<a href="https://${options.name}.example/topic/${place.toLowerCase()}">More from ${place}</a>.`);
      paragraphs.push(`<p>${p === 0 ? `<strong>${place}:</strong> ` : ''}${sentences.join(' ')}</p>`);
    }
    if (rnd() < 0.3) paragraphs.splice(1, 0, `<figure><img src="https://${options.name}.example/img/${i}.jpg" alt="${place}"><figcaption>${place}</figcaption></figure>`);
    const date = new Date(options.newest.getTime() - i * 3600_000);
    items.push(`    <item>
      <title>${escapeXml(title)}</title>
      <link>https://${options.name}.example/news/${i}</link>
      <guid isPermaLink="false">${options.name}-${i}</guid>
      <pubDate>${date.toUTCString()}</pubDate>
      <dc:creator>Staff reporter</dc:creator>
      <category>${place}</category>
      <description>${escapeXml(paragraphs[0]!)}</description>
      <content:encoded><![CDATA[${paragraphs.join('\n')}]]></content:encoded>
    </item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${escapeXml(options.name)} news</title>
    <link>https://${options.name}.example/</link>
    <description>Generated news feed</description>
    <language>en</language>
${items.join('\n')}
  </channel>
</rss>
`;
}
