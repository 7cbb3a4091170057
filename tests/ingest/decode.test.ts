import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { decodeFeed } from '../../src/ingest/decode.ts';
import { feedBytes } from '../helpers/fixtures.ts';

const real = (name: string) => feedBytes(name);

function assertClean(text: string) {
  assert.ok(!text.includes('\uFFFD'), 'no U+FFFD replacement characters');
  assert.ok(!text.startsWith('\uFEFF'), 'BOM stripped');
}

test('windows-1251 declared in the XML declaration (Russian)', () => {
  const text = decodeFeed(real('rss-ibash-windows-1251.xml'), 'application/rss+xml');
  assert.ok(text.includes('<description>Новый цитатник Рунета</description>'));
  assert.ok(text.includes('<title>Цитата #17703</title>'));
  assertClean(text);
});

test('a wrong HTTP "utf-8" on non-UTF-8 bytes falls through to the XML declaration', () => {
  const text = decodeFeed(real('rss-ibash-windows-1251.xml'), 'text/xml; charset=utf-8');
  assert.ok(text.includes('Новый цитатник Рунета'));
  assertClean(text);
});

test('an unknown HTTP charset label falls through to the XML declaration', () => {
  const text = decodeFeed(real('rss-ibash-windows-1251.xml'), 'application/rss+xml; charset=x-no-such-charset');
  assert.ok(text.includes('Новый цитатник Рунета'));
  assertClean(text);
});

test('iso-8859-7 declared in the XML declaration (Greek)', () => {
  const text = decodeFeed(real('rss-liberal-greek-iso-8859-7.xml'));
  assert.ok(text.includes('<title>Liberal - ΕΠΙΚΑΙΡΟΤΗΤΑ</title>'));
  assert.ok(text.includes('<title>«Πορτραίτα καραντίνας» για έμπνευση από τη συλλογή Φέλιου</title>'));
  assertClean(text);
});

test('ISO-8859-1 declared in the XML declaration (German, golem.de)', () => {
  const text = decodeFeed(real('rss-golem-iso-8859-1.xml'), 'application/rss+xml');
  assert.ok(text.includes('<title>Wochenrückblick: Wilder Westen, buntes Handy, nutzloses Siegel</title>'));
  assert.ok(text.includes('Viele Spieler wünschen sich eine PC-Version'));
  assertClean(text);
});

test('ISO-8859-1 is decoded as windows-1252, as browsers do (0x80–0x9F are curly quotes, €, …)', () => {
  const body = Buffer.from([...Buffer.from('<a>'), 0x93, 0x80, 0x20, 0xe9, 0x96, 0x94, ...Buffer.from('</a>')]);
  assert.equal(decodeFeed(body, 'text/xml; charset=ISO-8859-1'), '<a>“€ é–”</a>');
});

const uolStrings = [
  '<description>Últimas Notícias</description>',
  'Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno',
  'acusa militares de Mianmar de atrocidades contra muçulmanos rohingyas',
  'Rival de Putin é condenado a mais 20 dias de prisão',
];

test('UOL: Latin-1 without an XML declaration, charset from HTTP', () => {
  const text = decodeFeed(real('rss-uol-latin1-no-declaration.xml'), 'application/rss+xml; charset=ISO-8859-1');
  for (const expected of uolStrings) assert.ok(text.includes(expected), expected);
  assertClean(text);
});

test('UOL: without the HTTP charset, not valid UTF-8, so the windows-1252 fallback', () => {
  const text = decodeFeed(real('rss-uol-latin1-no-declaration.xml'), 'application/rss+xml');
  for (const expected of uolStrings) assert.ok(text.includes(expected), expected);
  assertClean(text);
});

// Dari in windows-1256: Arabic yeh (ي) as that code page writes it, ZWNJ (0x9D), پ چ ژ گ ک.
const dari = 'گزارش\u200Cهاي تازه از کابل و هرات: پل، چاي، ژاله و گندم؛ «خبرنامه» 1403';
const dariFeed = (declaration: string) =>
  iconv.encode(`${declaration}<rss version="2.0"><channel><title>${dari}</title></channel></rss>`, 'windows-1256');

test('windows-1256 Dari feed declared in the XML declaration', () => {
  const body = dariFeed('<?xml version="1.0" encoding="windows-1256"?>\n');
  assert.ok(body.includes(0x81) && body.includes(0x9d), 'the fixture really uses windows-1256-only bytes');
  const text = decodeFeed(body, 'application/rss+xml');
  assert.equal(text, `<?xml version="1.0" encoding="windows-1256"?>\n<rss version="2.0"><channel><title>${dari}</title></channel></rss>`);
  assertClean(text);
});

test('windows-1256 Dari feed declared only in the HTTP header', () => {
  const body = dariFeed('<?xml version="1.0"?>\n');
  const text = decodeFeed(body, 'application/rss+xml; charset="Windows-1256"');
  assert.equal(text, `<?xml version="1.0"?>\n<rss version="2.0"><channel><title>${dari}</title></channel></rss>`);
  assertClean(text);
  // Without the header nothing says 1256: the guess is windows-1252, i.e. mojibake (proves the header was used).
  assert.ok(!decodeFeed(body, 'application/rss+xml').includes('کابل'));
});

test('the HTTP charset wins over the XML declaration', () => {
  const body = iconv.encode('<?xml version="1.0" encoding="windows-1252"?><t>Жж</t>', 'koi8-r');
  assert.equal(decodeFeed(body, 'text/xml; charset=KOI8-R'), '<?xml version="1.0" encoding="windows-1252"?><t>Жж</t>');
});

test('byte-order marks: UTF-8, UTF-16LE, UTF-16BE are used and stripped', () => {
  const xml = '<?xml version="1.0"?><t>کابل Ж é</t>';
  const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)]);
  assert.equal(decodeFeed(utf8), xml);
  // A BOM is unambiguous, so it beats a contradicting label.
  assert.equal(decodeFeed(utf8, 'text/xml; charset=iso-8859-1'), xml);
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
  assert.equal(decodeFeed(le), xml);
  const be = Buffer.from(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(xml, 'utf16le')]));
  for (let i = 2; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];
  assert.equal(decodeFeed(be), xml);
});

test('UTF-8: declared in the XML declaration, or undeclared but valid', () => {
  const text = decodeFeed(real('rss-bbc-urdu-rtl.xml'));
  assert.ok(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>'));
  assert.match(text, /[\u0600-\u06FF]{3}/);
  assertClean(text);
  assert.equal(decodeFeed(Buffer.from('<rss><title>Kabul – کابل</title></rss>')), '<rss><title>Kabul – کابل</title></rss>');
});

test('JSON feeds follow the same rules', () => {
  const text = decodeFeed(real('json-npr-world.json'), 'application/feed+json');
  const feed = JSON.parse(text) as { title: string; items: { title: string }[] };
  assert.equal(feed.title, 'World');
  assert.ok(feed.items.some((item) => item.title === 'They are Olympic athletes — and refugees'));
  const dariJson = iconv.encode(JSON.stringify({ title: dari }), 'windows-1256');
  assert.equal((JSON.parse(decodeFeed(dariJson, 'application/feed+json; charset=windows-1256')) as { title: string }).title, dari);
});
