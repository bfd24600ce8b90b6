// browser.mjs - the search page and widget in headless Chromium, driven by
// playwright-core with the system's Chromium.  Prints TAP.
//
//   node browser.mjs BASE ARTIFACTS
//
// BASE is a running factsheet-serve (its index built by browser.sh);
// ARTIFACTS the folder for screenshots.  A sample docs page with the
// widget is served here, on a port of its own, as a docs site would
// serve it, with the URL map of the index pointing at it.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const [base, artifacts, docsPort] = process.argv.slice(2);
fs.mkdirSync(artifacts, { recursive: true });

let n = 0;
let failed = 0;
function ok(cond, desc, diag) {
	n++;
	console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${desc}`);
	if (!cond) {
		failed++;
		if (diag !== undefined)
			for (const line of String(diag).split('\n'))
				console.log(`# ${line}`);
	}
}

// The docs site: a page with the widget (one script, one element), and
// the pages results link to.  Its own CSP allows the search server.
const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sample docs</title>
<script src="${base}/widget.js" defer></script>
</head><body>
<header><a href="/">Docs home</a> <div data-factsheet-search></div></header>
<main><h1>Sample documentation</h1><p>Some text of the docs site.</p>
<p><a id="later-link" href="/other.html">Another page</a></p></main>
</body></html>`;
const server = http.createServer((req, res) => {
	const url = new URL(req.url, 'http://localhost');
	res.setHeader('Content-Security-Policy',
	    `default-src 'self'; script-src 'self' ${base}; ` +
	    `style-src 'self' ${base}; connect-src ${base}`);
	res.setHeader('Content-Type', 'text/html; charset=utf-8');
	if (url.pathname === '/' || url.pathname === '/docs.html')
		res.end(docsPage);
	else
		res.end(`<!doctype html><title>${url.pathname.replace(/[^\w./-]/g, '')}</title>` +
		    `<h1>Landed</h1>`);
});
await new Promise((resolve) => server.listen(Number(docsPort), '127.0.0.1', resolve));
const docs = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
const page = await context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => {
	if (m.type() === 'error')
		errors.push(m.text());
});

async function search(q) {
	const input = page.locator('.fs-input').first();
	await input.fill('');
	const answered = page.waitForResponse((r) =>
	    r.url().startsWith(`${base}/search?`) &&
	    new URL(r.url()).searchParams.get('q') === q);
	await input.fill(q);
	await answered;
	await page.waitForFunction(() =>
	    document.querySelector('.fs-status') &&
	    document.querySelector('.fs-status').textContent !== '');
}

try {
	// 1. The widget on a docs page: Ctrl-K opens it.
	await page.goto(`${docs}/docs.html`);
	await page.waitForSelector('.fs-open');
	ok(await page.locator('.fs-overlay').isHidden(), 'the widget starts closed');
	await page.keyboard.press('Control+k');
	ok(await page.locator('.fs-input').isVisible() &&
	    await page.evaluate(() => document.activeElement.classList.contains('fs-input')),
	    'Ctrl-K opens the widget, the input focused');
	ok(await page.getAttribute('.fs-input', 'role') === 'combobox' &&
	    await page.getAttribute('.fs-list', 'role') === 'listbox' &&
	    (await page.getAttribute('.fs-input', 'aria-controls')) ===
	    (await page.getAttribute('.fs-list', 'id')),
	    'ARIA: a combobox controlling a listbox');

	// 2. "password expired": Accessing the PECOS System first, its
	// I&A links.
	await search('password expired');
	const first = page.locator('[role=option]').first();
	const heading = await first.locator('.fs-heading').textContent();
	ok(heading === 'Accessing the PECOS System',
	    '"password expired": Accessing the PECOS System first', heading);
	const links = await first.locator('.fs-contact a').evaluateAll((as) =>
	    as.map((a) => [a.textContent, a.getAttribute('href')]));
	ok(links.some(([t, h]) => /I&A System Quick Reference Guide/.test(t) &&
	    h === 'https://nppes.cms.hhs.gov/IAWebContent/Quick_Reference_Guide.pdf') &&
	    links.some(([t, h]) => /Identity & Access/.test(t) &&
	    h.startsWith('https://nppes.cms.hhs.gov/')),
	    '"password expired": its I&A links, as https: links',
	    JSON.stringify(links));
	ok(await first.locator('.fs-snippet mark').count() > 0,
	    'the snippet marks the matched words');
	ok((await first.locator('.fs-crumbs').textContent()).includes(
	    'Common Problems and Who to Contact'),
	    'the breadcrumb gives the heading path');
	ok(await page.locator('.fs-group .fs-pub').first().textContent() ===
	    'PECOS Technical Assistance Contact Information',
	    'results grouped under their publication');
	await page.screenshot({ path: path.join(artifacts, 'widget-password-expired.png') });

	// 3. "deaf": the TTY number as a tel: link.
	await search('deaf');
	const tty = await page.locator('[role=option]').first()
	    .locator('.fs-tty a').evaluateAll((as) =>
	    as.map((a) => [a.textContent, a.getAttribute('href')]));
	ok(tty.length === 1 && tty[0][0] === '1-866-523-4759' &&
	    tty[0][1] === 'tel:18665234759',
	    '"deaf": the TTY number as a tel: link', JSON.stringify(tty));
	await page.screenshot({ path: path.join(artifacts, 'widget-deaf.png') });

	// 4. A misspelling: "Showing results for".
	await search('pasword expird');
	const correction = await page.locator('.fs-correction').textContent();
	ok(await page.locator('.fs-correction').isVisible() &&
	    correction === 'Showing results for password expired',
	    'a correction says "Showing results for"', correction);

	// 5. Escape closes, focus back on the button.
	await page.keyboard.press('Escape');
	ok(await page.locator('.fs-overlay').isHidden() &&
	    await page.evaluate(() => document.activeElement.classList.contains('fs-open')),
	    'Escape closes the widget, focus back on its button');

	// 6. The keyboard alone: Tab to the button? "/" opens, type, arrows,
	// Enter opens the result.
	await page.goto(`${docs}/docs.html`);
	await page.waitForSelector('.fs-open');
	await page.keyboard.press('/');
	ok(await page.evaluate(() => document.activeElement.classList.contains('fs-input')),
	    '"/" opens the widget');
	const answered = page.waitForResponse((r) => r.url().includes('/search?'));
	await page.keyboard.type('password expired');
	await answered;
	await page.waitForSelector('[role=option]');
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowUp');
	const active = await page.evaluate(() => {
		const input = document.querySelector('.fs-input');
		const id = input.getAttribute('aria-activedescendant');
		const opt = id && document.getElementById(id);
		return opt ? [opt.getAttribute('aria-selected'),
		    opt.querySelector('.fs-heading').textContent,
		    opt.querySelector('.fs-heading').href] : null;
	});
	ok(active && active[0] === 'true' &&
	    active[1] === 'Accessing the PECOS System',
	    'arrows move the active option (aria-activedescendant, aria-selected)',
	    JSON.stringify(active));
	const nav = page.waitForURL((u) => u.pathname.endsWith('/pecos.txt'));
	await page.keyboard.press('Enter');
	await nav;
	ok(page.url() === active[2] &&
	    page.url().endsWith('/pecos.txt#accessing-the-pecos-system'),
	    'Enter opens the result at its public URL and anchor', page.url());

	// 7. The search page, at 320 px.
	const small = await browser.newContext({ viewport: { width: 320, height: 640 } });
	const sp = await small.newPage();
	sp.on('pageerror', (e) => errors.push(String(e)));
	const spAnswered = sp.waitForResponse((r) => r.url().includes('/search?'));
	await sp.goto(`${base}/?q=${encodeURIComponent('password expired')}`);
	await spAnswered;
	await sp.waitForSelector('[role=option]');
	const width = await sp.evaluate(() => document.documentElement.scrollWidth);
	ok(width <= 320, 'the search page fits 320 px (no sideways scroll)', width);
	ok(await sp.locator('[role=option]').first().locator('.fs-heading').textContent() ===
	    'Accessing the PECOS System', 'the search page answers ?q=');
	await sp.screenshot({ path: path.join(artifacts, 'page-320px.png'), fullPage: true });
	await sp.setViewportSize({ width: 1024, height: 768 });
	await sp.screenshot({ path: path.join(artifacts, 'page.png') });

	// 8. Hostile text: a publication whose headings hold <script> and
	// markup, and (the indexer drops javascript: links, so the answer
	// is given one on the way) a javascript: contact and URL.  Nothing
	// runs: the flag no script sets stays unset.
	await sp.route(`${base}/search?*`, async (route) => {
		const response = await route.fetch();
		const d = await response.json();
		for (const r of d.results) {
			r.contacts.push({ kind: 'link', label: 'Click me',
			    value: 'javascript:window.pwned=true' });
			r.contacts.push({ kind: 'email', label: 'Email',
			    value: 'javascript:window.pwned=true//@x.org' });
			r.contacts.push({ kind: 'phone', label: 'Phone',
			    value: 'javascript:window.pwned=1' });
		}
		d.results.push(Object.assign({}, d.results[0], {
			url: 'javascript:window.pwned=true',
			heading: 'Bad <img src=x onerror="window.pwned=true">',
		}));
		await route.fulfill({ response, json: d });
	});
	const hostile = sp.waitForResponse((r) => r.url().includes('/search?'));
	await sp.fill('.fs-input', 'zebra');
	await hostile;
	await sp.waitForSelector('[role=option]');
	const seen = await sp.evaluate(() => ({
		pwned: window.pwned,
		scripts: document.querySelectorAll('.fs-list script, .fs-list img').length,
		jsLinks: Array.from(document.querySelectorAll('a[href]'))
		    .filter((a) => !/^(https?|tel|mailto):/i.test(a.href)).length,
		text: document.querySelector('.fs-list').textContent,
	}));
	ok(seen.text.includes('<script>window.pwned = true</script>'),
	    'a heading holding <script> is shown as text', seen.text.slice(0, 300));
	ok(seen.scripts === 0, 'no script or img element made from the answer');
	ok(seen.jsLinks === 0, 'no javascript: (or other) link made');
	// Click each option without a web link (the hostile ones): nothing
	// may run or navigate.
	for (const o of await sp.locator('[role=option]').all())
		if (await o.locator('a.fs-heading').count() === 0)
			await o.click();
	await sp.waitForTimeout(300);
	ok(await sp.evaluate(() => window.pwned) === undefined &&
	    sp.url().startsWith(base),
	    'window.pwned, which no script sets, stays unset after clicks',
	    sp.url());
	await sp.goto(`${base}/?q=zebra`);
	await sp.waitForSelector('[role=option]');
	await sp.screenshot({ path: path.join(artifacts, 'page-hostile.png') });
	ok(await sp.evaluate(() => window.pwned) === undefined,
	    'the hostile publication, straight from the index, runs nothing');
	await small.close();
	ok(errors.filter((e) => !/Content Security Policy|net::ERR/.test(e)).length === 0,
	    'no script errors on the pages', errors.join('\n'));
} catch (e) {
	ok(false, 'the browser session ran to the end', e.stack || e);
} finally {
	await browser.close();
	server.close();
}
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
