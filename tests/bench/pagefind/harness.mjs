// harness.mjs - scores a site search on tests/eval/pgdocs/queries.tsv in
// headless Chromium: top-1 and top-3 by page and by section, and the bytes
// the browser received for each query (Playwright's requestfinished events
// and Request.sizes(): response headers and body as received, the page's
// and its workers' requests).  A benchmark, not a test.
//
//   node harness.mjs pagefind SITE_DIR                 (SITE_DIR/pagefind/ is the bundle)
//   node harness.mjs serve http://127.0.0.1:PORT       (factsheet-serve's /search)
//   node harness.mjs query DB                          (factsheet-query --json, no browser)
//
// Options (before the mode): --queries FILE (default
// tests/eval/pgdocs/queries.tsv), --docs DIR (default
// /usr/share/doc/postgresql-doc-15/html), --json FILE (every question's
// ranked results and score, for doc/relevance.md), --chromium PATH
// (default /usr/bin/chromium), --query-bin PATH (factsheet-query).
//
// Pagefind: the page calls pagefind.search(q), then data() of the first
// 10 results; each page's sub_results are ranked as Pagefind's own UI
// ranks them (most matching words first) and listed after the page's
// rank, so the sections are in the order a user sees them.  factsheet:
// the results of /search?q=&limit=10, a fetch() from factsheet-serve's own
// page (same origin), in their order.  A result without an anchor is the
// page's own (first) section.

import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { join, extname, basename, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const top = resolve(here, "../../..");
const opts = {
	queries: join(top, "tests/eval/pgdocs/queries.tsv"),
	docs: "/usr/share/doc/postgresql-doc-15/html",
	json: null,
	chromium: "/usr/bin/chromium",
	"query-bin": join(top, "query/factsheet-query"),
};
const argv = process.argv.slice(2);
while (argv.length && argv[0].startsWith("--")) {
	const k = argv.shift().slice(2);
	if (!(k in opts) || !argv.length) usage(`unknown or incomplete option --${k}`);
	opts[k] = argv.shift();
}
const [mode, target] = argv;
if (!["pagefind", "serve", "query"].includes(mode) || !target) usage("mode and target needed");

function usage(msg) {
	console.error(`harness.mjs: ${msg}\nusage: node harness.mjs [--queries F] [--docs D] [--json F] pagefind SITE_DIR | serve URL | query DB`);
	process.exit(2);
}

// The questions.
const questions = readFileSync(opts.queries, "utf8").split("\n")
	.map((line, i) => [line, i + 1])
	.filter(([l]) => l.trim() && !l.startsWith("#"))
	.map(([l, n]) => {
		const [q, page, anchor, tags] = l.split("\t");
		if (!q || !page || !anchor) {
			console.error(`${opts.queries}:${n}: needs QUESTION<TAB>PAGE<TAB>ANCHOR`);
			process.exit(2);
		}
		return { q, page, anchor, tags: tags || "" };
	});

// A page's own id: the first DocBook section's.
const ownId = new Map();
function pageId(page) {
	if (!ownId.has(page)) {
		let id = "";
		try {
			const html = readFileSync(join(opts.docs, page), "utf8");
			const m = html.match(/<div class="(?:sect\d|chapter|refentry|appendix|part|preface|reference|book|sect1|simplesect)" id="([^"]+)"/);
			if (m) id = m[1];
		} catch { /* a page outside the docs: no id */ }
		ownId.set(page, id);
	}
	return ownId.get(page);
}
for (const x of questions) {
	const html = readFileSync(join(opts.docs, x.page), "utf8");
	if (!html.includes(`id="${x.anchor}"`)) {
		console.error(`${opts.queries}: ${x.page} has no id ${x.anchor}`);
		process.exit(2);
	}
}

// "dir/page.html#A" -> { page, anchor }, the anchor defaulting to the page's.
function target_of(url) {
	const u = new URL(url, "http://x/");
	let page = basename(decodeURIComponent(u.pathname));
	if (!page.endsWith(".html")) page += ".html";
	const anchor = decodeURIComponent(u.hash.replace(/^#/, "")) || pageId(page);
	return { page, anchor };
}

// Scores one question given its ranked sections (targets).
function score(x, ranked) {
	const pages = [];
	for (const r of ranked) if (!pages.includes(r.page)) pages.push(r.page);
	const hit = (r) => r.page === x.page && (r.anchor === x.anchor);
	return {
		page1: pages[0] === x.page,
		page3: pages.slice(0, 3).includes(x.page),
		sect1: ranked.length > 0 && hit(ranked[0]),
		sect3: ranked.slice(0, 3).some(hit),
	};
}

function median(a) {
	const s = [...a].sort((p, q) => p - q);
	return s.length ? s[Math.floor((s.length - 1) / 2)] : 0;
}

// A static file server for the Pagefind site.
function staticServer(root) {
	const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript",
		".css": "text/css", ".json": "application/json", ".wasm": "application/wasm",
		".svg": "image/svg+xml", ".png": "image/png" };
	const server = createServer((req, res) => {
		const path = decodeURIComponent(new URL(req.url, "http://x/").pathname);
		if (path.includes("..")) { res.writeHead(400).end(); return; }
		let body;
		try { body = readFileSync(join(root, path === "/" ? "/index.html" : path)); }
		catch { res.writeHead(404).end("not found"); return; }
		res.writeHead(200, { "Content-Type": types[extname(path)] || "application/octet-stream",
			"Content-Length": body.length });
		res.end(body);
		server.sent += body.length;
	});
	server.sent = 0;
	return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

async function browserRun(startUrl, search) {
	const { chromium } = await import("playwright-core");
	const browser = await chromium.launch({ executablePath: opts.chromium,
		args: ["--no-sandbox", "--disable-gpu"] });
	const context = await browser.newContext();
	const page = await context.newPage();
	// Every request the page and its workers make (Pagefind searches in a
	// Web Worker, which a page-level DevTools session does not see).
	let bytes = 0, requests = 0, pending = [];
	context.on("requestfinished", (r) => {
		requests++;
		pending.push(r.sizes().then((s) => { bytes += s.responseHeadersSize + s.responseBodySize; },
			() => {}));
	});
	await page.goto(startUrl, { waitUntil: "load" });
	const settle = async () => {
		await new Promise((ok) => setTimeout(ok, 100));
		await Promise.all(pending);
		pending = [];
	};
	const init = await page.evaluate(search.init);
	await settle();
	const initBytes = bytes, initRequests = requests;
	const rows = [];
	for (const x of questions) {
		bytes = 0; requests = 0;
		const urls = await page.evaluate(search.query, x.q);
		await settle();
		rows.push({ x, urls, bytes, requests });
	}
	await browser.close();
	return { init, initBytes, initRequests, rows };
}

const pagefindSearch = {
	init: async () => {
		window.pagefind = await import("/pagefind/pagefind.js");
		await window.pagefind.init();
		return "pagefind";
	},
	query: async (q) => {
		const r = await window.pagefind.search(q);
		const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
		const out = [];
		for (const d of data) {
			const subs = [...(d.sub_results || [])];
			// Pagefind's UI shows the sub-results with the most matches.
			subs.sort((a, b) => b.locations.length - a.locations.length);
			if (!subs.length) out.push(d.url);
			for (const s of subs) out.push(s.url);
		}
		return out;
	},
};

const serveSearch = {
	init: async () => "factsheet-serve",
	query: async (q) => {
		const res = await fetch(`/search?limit=10&q=${encodeURIComponent(q)}`);
		if (!res.ok) return [`error:${res.status}`];
		const j = await res.json();
		return (j.results || []).map((r) => r.url || `${r.publication?.source ?? ""}#${r.anchor ?? ""}`);
	},
};

let run;
if (mode === "pagefind") {
	const server = await staticServer(target);
	const port = server.address().port;
	writeFileSync(join(target, "__bench.html"),
		"<!doctype html><html lang=en><head><meta charset=utf-8><title>bench</title></head><body></body></html>\n");
	run = await browserRun(`http://127.0.0.1:${port}/__bench.html`, pagefindSearch);
	run.serverBodyBytes = server.sent;
	server.close();
} else if (mode === "serve") {
	run = await browserRun(`${target.replace(/\/$/, "")}/`, serveSearch);
} else {
	// factsheet-query --json, one process per question, no browser: the
	// stand-in until factsheet-serve answers /search.
	const rows = questions.map((x) => {
		let out = "";
		try {
			out = execFileSync(opts["query-bin"], ["--db", target, "--json", "--limit", "10", "--", x.q],
				{ encoding: "utf8", maxBuffer: 1 << 26 });
		} catch (e) { out = e.stdout || ""; }
		let urls = [];
		try { urls = JSON.parse(out).results.map((r) => `${r.publication.source}#${r.anchor ?? ""}`); }
		catch { urls = []; }
		return { x, urls, bytes: Buffer.byteLength(out), requests: 0 };
	});
	run = { init: "factsheet-query", initBytes: 0, initRequests: 0, rows };
}

// Scores.
const totals = { page1: 0, page3: 0, sect1: 0, sect3: 0 };
const detail = [];
for (const { x, urls, bytes, requests } of run.rows) {
	const ranked = urls.filter((u) => !u.startsWith("error:")).map(target_of);
	const s = score(x, ranked);
	for (const k in totals) totals[k] += s[k] ? 1 : 0;
	detail.push({ q: x.q, expected: `${x.page}#${x.anchor}`, ...s, bytes, requests,
		top3: ranked.slice(0, 3).map((r) => `${r.page}#${r.anchor}`), errors: urls.filter((u) => u.startsWith("error:")) });
}
const n = questions.length;
const pct = (k) => `${totals[k]}/${n} (${(100 * totals[k] / n).toFixed(1)}%)`;
const perQuery = run.rows.map((r) => r.bytes);
const summary = {
	tool: run.init, mode, date: new Date().toISOString().replace(/\.\d+Z$/, "Z"), questions: n,
	page_top1: pct("page1"), page_top3: pct("page3"),
	section_top1: pct("sect1"), section_top3: pct("sect3"),
	init_bytes: run.initBytes, init_requests: run.initRequests,
	bytes_per_query_median: median(perQuery),
	bytes_per_query_min: Math.min(...perQuery), bytes_per_query_max: Math.max(...perQuery),
	bytes_all_queries: perQuery.reduce((a, b) => a + b, 0),
	requests_per_query_median: median(run.rows.map((r) => r.requests)),
	server_body_bytes_total: run.serverBodyBytes,
	errors: detail.reduce((a, d) => a + d.errors.length, 0),
};
console.log(JSON.stringify(summary, null, 1));
if (opts.json) writeFileSync(opts.json, JSON.stringify({ summary, detail }, null, 1) + "\n");
