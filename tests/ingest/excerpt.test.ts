import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excerptText, firstSentence, lastWord, markdownToText } from '../../src/ingest/excerpt.ts';

function words(count: number, word = 'word'): string {
  return Array.from({ length: count }, (_, i) => `${word}${i + 1}`).join(' ');
}

test('a text within the limit comes back whole', () => {
  assert.equal(excerptText('Short text. Two sentences.'), 'Short text. Two sentences.');
  assert.equal(excerptText(words(60)), words(60));
  assert.equal(excerptText(''), '');
});

test('a longer text is cut at the last sentence end within the limit', () => {
  const text = `${words(30)}. ${words(20, 'more')}. ${words(30, 'tail')}.`;
  assert.equal(excerptText(text, 60), `${words(30)}. ${words(20, 'more')}.`);
  assert.equal(excerptText('One! Two? Three. Four five six seven', 4), 'One! Two? Three.');
});

test('without a late enough sentence end, cut at a word with …', () => {
  assert.equal(excerptText(words(80)), `${words(60)}…`);
  // A sentence end in the first third is too early to cut at.
  assert.equal(excerptText(`Hi. ${words(80)}`, 60), `Hi. ${words(59)}…`);
  assert.equal(excerptText('alpha beta, gamma delta', 2), 'alpha beta…', 'no dangling comma before the ellipsis');
});

test('abbreviations, initials and decimals are not sentence ends; lower-case sentences are', () => {
  const text = `The U.S. officials said 3.5 percent ${words(10)} rose. ${words(60)}`;
  assert.equal(excerptText(text, 20), `The U.S. officials said 3.5 percent ${words(10)} rose.`);
  assert.equal(excerptText(`Dr. Smith met John F. Kennedy in Washington D.C. on a Monday ${words(60)}`, 14), 'Dr. Smith met John F. Kennedy in Washington D.C. on a Monday word1 word2…');
  assert.equal(excerptText(`we start at the homepage of arc. where i first landed ${words(60)}`, 12), 'we start at the homepage of arc.');
});

test('Persian, Arabic and Urdu sentence ends', () => {
  const persian = 'امروز در کابل باران بارید. آیا فردا هم می‌بارد؟ مردم خوشحال هستند! این جمله ادامه دارد و تمام نمی‌شود';
  assert.equal(excerptText(persian, 12), 'امروز در کابل باران بارید. آیا فردا هم می‌بارد؟ مردم خوشحال هستند!');
  assert.equal(excerptText(persian, 9), 'امروز در کابل باران بارید. آیا فردا هم می‌بارد؟');
  const urdu = 'یہ پہلا جملہ ہے۔ یہ دوسرا جملہ ہے۔ تیسرا جملہ بہت لمبا ہے اور ختم نہیں ہوتا';
  assert.equal(excerptText(urdu, 10), 'یہ پہلا جملہ ہے۔ یہ دوسرا جملہ ہے۔');
  assert.equal(excerptText('کلمه '.repeat(70).trim(), 60), `${'کلمه '.repeat(60).trim()}…`);
});

test('closing quotes stay with their sentence', () => {
  const text = `He said “it is over.” ${words(70)}`;
  assert.equal(excerptText(text, 10), 'He said “it is over.”');
});

test('Markdown is reduced to text', () => {
  const md = [
    '## A heading',
    '',
    'Some **bold** and _em_ text with [a link](https://e.example/a(b)) and ![an image](https://e.example/i.png).',
    '',
    '- a list item',
    '1. numbered',
    '',
    '> quoted',
    '',
    '```',
    'code();',
    '```',
    '',
    'Escaped \\*stars\\* and snake\\_case and \\<tag> and \\[brackets\\].',
    '',
    '---',
  ].join('\n');
  assert.equal(
    markdownToText(md),
    [
      'A heading',
      'Some bold and em text with a link and .',
      'a list item',
      'numbered',
      'quoted',
      'Escaped *stars* and snake_case and <tag> and [brackets].',
    ].join('\n\n'),
  );
});

test('plain text with Markdown-like characters is left alone', () => {
  assert.equal(markdownToText('5 * 3 * 2 = 30 and snake_case_name'), '5 * 3 * 2 = 30 and snake_case_name');
});

test('paragraphs are kept apart, and a paragraph end is a place to cut', () => {
  const md = `Standfirst without a full stop ${words(20)}\n\n${words(40, 'x')} ${words(40, 'y')}`;
  assert.equal(excerptText(md, 60), `Standfirst without a full stop ${words(20)}`);
  const early = `Too early\n\n${words(80)}`;
  assert.equal(excerptText(early, 60), `Too early\n\n${words(58)}…`, 'a paragraph end in the first third is too early');
  assert.equal(excerptText('one\n\ntwo', 60), 'one\n\ntwo');
});

test('firstSentence: at most 12 words, full stop dropped, ? and ! kept', () => {
  assert.equal(firstSentence('Oh it’s #WebcomicDay again! If a fantasy…'), 'Oh it’s #WebcomicDay again!');
  assert.equal(firstSentence('The fight is over. Time for all the fighters.'), 'The fight is over');
  assert.equal(firstSentence('Is it? Yes.'), 'Is it?');
  assert.equal(firstSentence(words(20)), `${words(12)}…`);
  assert.equal(firstSentence(words(20), 5), `${words(5)}…`);
  assert.equal(firstSentence('Headline\n\nBody. More.'), 'Headline');
  assert.equal(firstSentence('امروز در کابل باران بارید. فردا آفتابی است.'), 'امروز در کابل باران بارید');
  assert.equal(firstSentence('See U.S. news today. Next.'), 'See U.S. news today');
  assert.equal(firstSentence('Wait...'), 'Wait...');
  assert.equal(firstSentence(''), '');
});

test('lastWord reads backwards what the end-anchored word regex captures', () => {
  const regex = /(?:^|[\s("“‘'«])([\p{L}.]+)$/u;
  const pieces = ['a', 'B', '.', ' ', '(', '"', '“', '‘', "'", '«', '»', '-', '1', 'ş', 'ی', '\u200c', '\u064b', '𝐀', '\ud835', '\udc00', '😀', '\n', ',', 'İ', '\u00a0'];
  let state = 7;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const cases = ['', 'U.S', 'Mr', 'said Dr', 'John F', '(e.g', 'x1', 'a 𝐀𝐁', '\udc00ab', 'ab\ud835'];
  for (let i = 0; i < 20000; i++) {
    cases.push(Array.from({ length: Math.floor(next() * 8) }, () => pieces[Math.floor(next() * pieces.length)]).join(''));
  }
  for (const text of cases) assert.equal(lastWord(text), regex.exec(text)?.[1], JSON.stringify(text));
});
