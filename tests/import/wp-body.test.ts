import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replaceShortcodes, shortcodeAttributes, type ShortcodeContext } from '../../src/import/shortcodes.ts';
import { MORE_MARKER, wpBody } from '../../src/import/wp-body.ts';

function context(counted: string[] = []): Omit<ShortcodeContext, 'stash'> {
  return {
    attachment: (id) => (id === 7 ? { url: 'https://old.example/wp-content/uploads/a.jpg', title: 'A' } : undefined),
    ownAttachments: () => [{ url: 'https://old.example/wp-content/uploads/own.jpg', title: 'Own' }],
    count: (name) => counted.push(name),
  };
}

const stashing = (counted: string[] = []): ShortcodeContext => ({ ...context(counted), stash: (html) => html });

test('shortcode attributes: quoted, unquoted and positional', () => {
  const attrs = shortcodeAttributes(` id="attachment_3" align='left' width=300 https://youtu.be/x "two words"`);
  assert.equal(attrs.id, 'attachment_3');
  assert.equal(attrs.align, 'left');
  assert.equal(attrs.width, '300');
  assert.deepEqual(attrs._, ['https://youtu.be/x', 'two words']);
});

test('[caption] becomes the image with its caption; [gallery] its images; others keep their inner text and are counted', () => {
  const counted: string[] = [];
  const html = replaceShortcodes(
    '[caption id="attachment_7" width="300"]<a href="/x"><img src="a.jpg" alt="A" /></a> The caption[/caption] [gallery ids="7, 99"] [gallery] [poll id="3"] [contact-form]Write to us[/contact-form]',
    stashing(counted),
  );
  assert.equal(
    html,
    '<figure><a href="/x"><img src="a.jpg" alt="A" /></a><figcaption>The caption</figcaption></figure> <p><img src="https://old.example/wp-content/uploads/a.jpg" alt="A" /></p> <p><img src="https://old.example/wp-content/uploads/own.jpg" alt="Own" /></p>  Write to us',
  );
  assert.deepEqual(counted, ['caption', 'gallery', 'gallery', 'poll', 'contact-form']);
});

test('bracketed words that are not shortcodes stay; [[x]] is a literal [x]', () => {
  const counted: string[] = [];
  assert.equal(replaceShortcodes('He said [sic] and cited [1]. Write [[gallery]] to show one.', stashing(counted)), 'He said [sic] and cited [1]. Write [gallery] to show one.');
  assert.deepEqual(counted, []);
});

test('the first YouTube video becomes video:, from a bare URL, [embed], [youtube], an embed block or an iframe', () => {
  const cases = [
    'Intro.\n\nhttps://www.youtube.com/watch?v=Xk3nD9pQr2s\n\nOutro.',
    'Intro. [embed]https://youtu.be/Xk3nD9pQr2s[/embed] Outro.',
    'Intro. [youtube=https://www.youtube.com/watch?v=Xk3nD9pQr2s&w=640] Outro.',
    '<!-- wp:paragraph --><p>Intro.</p><!-- /wp:paragraph --><!-- wp:embed {"url":"https://www.youtube.com/watch?v=Xk3nD9pQr2s"} --><figure><div>https://www.youtube.com/watch?v=Xk3nD9pQr2s</div></figure><!-- /wp:embed --><p>Outro.</p>',
    'Intro.<iframe width="560" src="https://www.youtube-nocookie.com/embed/Xk3nD9pQr2s?rel=0"></iframe>Outro.',
  ];
  for (const content of cases) {
    const body = wpBody(content, context());
    assert.equal(body.video, 'https://www.youtube.com/watch?v=Xk3nD9pQr2s', content);
    assert.doesNotMatch(body.html, /Xk3nD9pQr2s|wp:/, content);
    assert.match(body.html, /Intro\.[\s\S]*Outro\./, content);
  }
});

test('a second video and other embeds become links', () => {
  const body = wpBody('https://youtu.be/Xk3nD9pQr2s\n\nhttps://youtu.be/Bm4yS7tQw1E\n\nhttps://twitter.com/x/status/1', context());
  assert.equal(body.video, 'https://www.youtube.com/watch?v=Xk3nD9pQr2s');
  assert.match(body.html, /<a href="https:\/\/youtu\.be\/Bm4yS7tQw1E">/);
  assert.match(body.html, /<a href="https:\/\/twitter\.com\/x\/status\/1">/);
});

test('classic text gets paragraphs; block-editor text keeps its own; <!--more--> is a marker paragraph; <!--nextpage--> goes', () => {
  assert.equal(wpBody('One.\nTwo.\n\nThree.<!--more-->Four.<!--nextpage-->Five.', context()).html, `<p>One.<br />\nTwo.</p>\n<p>Three.</p>\n<p>${MORE_MARKER}</p>\n<p>Four.</p>\n<p>Five.</p>\n`);
  const block = wpBody('<!-- wp:paragraph -->\n<p>One.\nstill one.</p>\n<!-- /wp:paragraph -->', context()).html;
  assert.equal(block.trim(), '<p>One.\nstill one.</p>');
});

test('a caption survives automatic paragraphs whole', () => {
  const html = wpBody('Text.\n\n[caption width="300"]<img src="a.jpg" alt="A" /> Caption[/caption]\n\nMore.', context()).html;
  assert.equal(html, '<p>Text.</p>\n<figure><img src="a.jpg" alt="A" /><figcaption>Caption</figcaption></figure>\n<p>More.</p>\n');
});
