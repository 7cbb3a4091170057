import { test } from 'node:test';
import assert from 'node:assert/strict';
import { youtubeId, youtubeWatchUrl } from '../../src/model/video.ts';

const ID = 'dQw4w9WgXcQ';

test('youtubeId: watch?v=, with or without www./m. and other parameters', () => {
  assert.equal(youtubeId(`https://www.youtube.com/watch?v=${ID}`), ID);
  assert.equal(youtubeId(`https://youtube.com/watch?v=${ID}&t=42s`), ID);
  assert.equal(youtubeId(`https://m.youtube.com/watch?feature=share&v=${ID}`), ID);
  assert.equal(youtubeId(`http://www.youtube.com/watch?v=${ID}`), ID);
  assert.equal(youtubeId(`https://WWW.YOUTUBE.COM/watch?v=${ID}`), ID);
});

test('youtubeId: youtu.be, embed, shorts, live and youtube-nocookie.com', () => {
  assert.equal(youtubeId(`https://youtu.be/${ID}`), ID);
  assert.equal(youtubeId(`https://youtu.be/${ID}?t=10`), ID);
  assert.equal(youtubeId(`https://www.youtube.com/embed/${ID}`), ID);
  assert.equal(youtubeId(`https://www.youtube.com/embed/${ID}?autoplay=1`), ID);
  assert.equal(youtubeId(`https://www.youtube.com/shorts/${ID}`), ID);
  assert.equal(youtubeId(`https://www.youtube.com/live/${ID}`), ID);
  assert.equal(youtubeId(`https://www.youtube-nocookie.com/embed/${ID}`), ID);
  assert.equal(youtubeId('https://youtu.be/a_b-C1d2E3f'), 'a_b-C1d2E3f');
});

test('youtubeId refuses other hosts, look-alike hosts and non-URLs', () => {
  for (const url of [
    `https://evil.example/watch?v=${ID}`,
    `https://youtube.com.evil.example/watch?v=${ID}`,
    `https://notyoutube.com/watch?v=${ID}`,
    `https://evil.example/youtu.be/${ID}`,
    `https://vimeo.com/${ID}`,
    `javascript:alert(1)//youtu.be/${ID}`,
    `youtu.be/${ID}`,
    'not a url',
    '',
  ]) {
    assert.equal(youtubeId(url), null, url);
  }
});

test('youtubeId refuses ids that are not 11 URL-safe characters', () => {
  for (const url of [
    'https://www.youtube.com/watch?v=short',
    `https://www.youtube.com/watch?v=${ID}1`,
    'https://www.youtube.com/watch?v=dQw4w9WgX%22Q',
    'https://www.youtube.com/embed/dQw4w9WgXc"Q',
    'https://www.youtube.com/watch?v=dQw4w9<b>Q',
    'https://www.youtube.com/watch',
    'https://youtu.be/',
    `https://youtu.be/${ID}/extra`,
    `https://www.youtube.com/v/${ID}`,
    `https://www.youtube.com/channel/${ID}`,
  ]) {
    assert.equal(youtubeId(url), null, url);
  }
});

test('the watch URL of an id', () => {
  assert.equal(youtubeWatchUrl(ID), `https://www.youtube.com/watch?v=${ID}`);
  assert.equal(youtubeId(youtubeWatchUrl(ID)), ID);
});
