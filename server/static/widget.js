/*
 * widget.js - factsheet's search box for any docs page: one script tag
 * and one element.
 *
 *   <script src="https://search.example.org/widget.js" defer></script>
 *   <div data-factsheet-search></div>
 *
 * The element becomes a button that opens a search dialog (also Ctrl-K,
 * or "/" outside a text field); with data-inline the search panel is
 * shown in place (factsheet-serve's own page).  Results are grouped by
 * publication, one option per section, with its breadcrumb, snippet and
 * contacts.  Everything shown is built with DOM calls and textContent:
 * nothing from the server is parsed as HTML, and only http(s), tel: and
 * mailto: links are made.  The input and list follow the ARIA combobox
 * and listbox patterns: arrows move, Enter opens, Escape closes.
 */
(function () {
	'use strict';

	var script = document.currentScript;
	var base = new URL('.', script ? script.src : location.href).href;
	var counter = 0;

	function el(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls)
			e.className = cls;
		if (text !== undefined && text !== null)
			e.textContent = text;
		return e;
	}

	/* A link only to http(s) pages, resolved against this page. */
	function webHref(value) {
		try {
			var u = new URL(value, location.href);
			if (u.protocol === 'http:' || u.protocol === 'https:')
				return u.href;
		} catch (e) { /* not a URL */ }
		return null;
	}

	/* The href a contact may have, or null: never javascript:. */
	function contactHref(c) {
		var v = String(c.value || '');
		if (c.kind === 'phone' || c.kind === 'tty' || c.kind === 'fax') {
			var digits = v.replace(/[^0-9+]/g, '');
			return digits.replace(/\D/g, '').length >= 7 ?
			    'tel:' + digits : null;
		}
		if (c.kind === 'email')
			return /^[^\s@<>"'():;,]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/
			    .test(v) ? 'mailto:' + v : null;
		if (c.kind === 'website' || c.kind === 'link')
			return /^https?:\/\//i.test(v) ? webHref(v) : null;
		return null;
	}

	var entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'",
	    '#39': "'", '#x27': "'" };

	function unescapeHtml(s) {
		return s.replace(/&(amp|lt|gt|quot|apos|#39|#x27);/g,
		    function (m, name) { return entities[name]; });
	}

	/* The server's snippet (escaped text, matches in <mark>) as nodes:
	 * only <mark> becomes an element, the rest is text. */
	function snippetNodes(parent, snippet) {
		var parts = String(snippet || '').split(/(<mark>|<\/mark>)/);
		var marked = false;
		parts.forEach(function (p) {
			if (p === '<mark>') {
				marked = true;
			} else if (p === '</mark>') {
				marked = false;
			} else if (p) {
				var text = unescapeHtml(p);
				parent.appendChild(marked ? el('mark', null, text) :
				    document.createTextNode(text));
			}
		});
	}

	function Search(host, inline) {
		var id = 'factsheet-' + (++counter);
		var self = this;
		this.inline = inline;
		this.host = host;
		this.options = [];
		this.active = -1;
		this.timer = null;
		this.seq = 0;

		this.panel = el('div', 'fs-panel');
		if (!inline) {
			this.opener = el('button', 'fs-open');
			this.opener.type = 'button';
			this.opener.setAttribute('aria-haspopup', 'dialog');
			this.opener.appendChild(el('span', 'fs-open-label',
			    'Search'));
			this.opener.appendChild(el('kbd', 'fs-key', 'Ctrl K'));
			this.opener.addEventListener('click', function () {
				self.open();
			});
			host.appendChild(this.opener);
			this.overlay = el('div', 'fs-overlay');
			this.overlay.hidden = true;
			this.panel.setAttribute('role', 'dialog');
			this.panel.setAttribute('aria-modal', 'true');
			this.panel.setAttribute('aria-label', 'Search');
			this.overlay.appendChild(this.panel);
			this.overlay.addEventListener('mousedown', function (e) {
				if (e.target === self.overlay)
					self.close();
			});
			document.body.appendChild(this.overlay);
		} else {
			host.appendChild(this.panel);
		}

		var label = el('label', 'fs-label', 'Search the publications');
		label.htmlFor = id + '-input';
		this.input = el('input', 'fs-input');
		this.input.id = id + '-input';
		this.input.type = 'search';
		this.input.autocomplete = 'off';
		this.input.spellcheck = false;
		this.input.placeholder = 'Search: "password expired", "deaf"';
		this.input.setAttribute('role', 'combobox');
		this.input.setAttribute('aria-autocomplete', 'list');
		this.input.setAttribute('aria-expanded', 'false');
		this.input.setAttribute('aria-controls', id + '-list');
		this.status = el('p', 'fs-status');
		this.status.setAttribute('role', 'status');
		this.status.setAttribute('aria-live', 'polite');
		this.correction = el('p', 'fs-correction');
		this.correction.hidden = true;
		this.list = el('div', 'fs-list');
		this.list.id = id + '-list';
		this.list.setAttribute('role', 'listbox');
		this.list.setAttribute('aria-label', 'Results');
		this.list.hidden = true;
		this.panel.appendChild(label);
		this.panel.appendChild(this.input);
		this.panel.appendChild(this.status);
		this.panel.appendChild(this.correction);
		this.panel.appendChild(this.list);

		this.input.addEventListener('input', function () {
			clearTimeout(self.timer);
			self.timer = setTimeout(function () { self.run(); }, 120);
		});
		this.input.addEventListener('keydown', function (e) {
			self.key(e);
		});
		if (inline) {
			var q = new URLSearchParams(location.search).get('q');
			if (q) {
				this.input.value = q;
				this.run();
			}
		}
	}

	Search.prototype.open = function () {
		if (this.inline) {
			this.input.focus();
			return;
		}
		this.overlay.hidden = false;
		this.opener.setAttribute('aria-expanded', 'true');
		this.input.focus();
		this.input.select();
	};

	Search.prototype.close = function () {
		if (this.inline)
			return;
		this.overlay.hidden = true;
		this.opener.setAttribute('aria-expanded', 'false');
		this.opener.focus();
	};

	Search.prototype.isOpen = function () {
		return this.inline || !this.overlay.hidden;
	};

	Search.prototype.setActive = function (i) {
		if (this.active >= 0 && this.options[this.active])
			this.options[this.active].el.setAttribute('aria-selected',
			    'false');
		this.active = i;
		if (i < 0) {
			this.input.removeAttribute('aria-activedescendant');
			return;
		}
		var o = this.options[i];
		o.el.setAttribute('aria-selected', 'true');
		this.input.setAttribute('aria-activedescendant', o.el.id);
		if (o.el.scrollIntoView)
			o.el.scrollIntoView({ block: 'nearest' });
	};

	Search.prototype.go = function (i) {
		var o = this.options[i];
		if (o && o.href)
			location.assign(o.href);
	};

	Search.prototype.key = function (e) {
		var n = this.options.length;
		if (e.key === 'ArrowDown' && n) {
			e.preventDefault();
			this.setActive((this.active + 1) % n);
		} else if (e.key === 'ArrowUp' && n) {
			e.preventDefault();
			this.setActive(this.active <= 0 ? n - 1 : this.active - 1);
		} else if (e.key === 'Home' && n && e.ctrlKey) {
			e.preventDefault();
			this.setActive(0);
		} else if (e.key === 'End' && n && e.ctrlKey) {
			e.preventDefault();
			this.setActive(n - 1);
		} else if (e.key === 'Enter') {
			e.preventDefault();
			if (this.active >= 0)
				this.go(this.active);
			else {
				clearTimeout(this.timer);
				this.run();
			}
		} else if (e.key === 'Escape') {
			e.preventDefault();
			if (this.active >= 0)
				this.setActive(-1);
			else if (!this.inline)
				this.close();
			else {
				this.input.value = '';
				this.show(null);
			}
		}
	};

	Search.prototype.run = function () {
		var q = this.input.value.trim();
		var self = this;
		var seq = ++this.seq;
		if (!q) {
			this.show(null);
			return;
		}
		var url = new URL('search', base);
		url.searchParams.set('q', q);
		url.searchParams.set('limit', '20');
		fetch(url.href, { credentials: 'omit' }).then(function (r) {
			return r.json().then(function (d) {
				return { ok: r.ok, data: d };
			});
		}).then(function (res) {
			if (seq !== self.seq)
				return;
			if (!res.ok) {
				self.show(null);
				self.status.textContent = String(res.data.error ||
				    'The search failed.');
				return;
			}
			self.show(res.data);
		}).catch(function () {
			if (seq === self.seq)
				self.status.textContent =
				    'The search service cannot be reached.';
		});
	};

	Search.prototype.renderHit = function (r, groupId, n) {
		var opt = el('div', 'fs-hit');
		var href = webHref(String(r.url || ''));
		opt.id = groupId + '-' + n;
		opt.setAttribute('role', 'option');
		opt.setAttribute('aria-selected', 'false');
		var path = (r.path || []).map(String);
		if (path.length)
			opt.appendChild(el('div', 'fs-crumbs', path.join(' \u203a ')));
		var title = el(href ? 'a' : 'span', 'fs-heading',
		    String(r.heading || ''));
		if (href) {
			title.href = href;
			title.tabIndex = -1;
		}
		opt.appendChild(title);
		var snip = el('p', 'fs-snippet');
		snippetNodes(snip, r.snippet);
		opt.appendChild(snip);
		var contacts = (r.contacts || []).filter(function (c) {
			return c && c.kind !== 'chat' && c.kind !== 'address';
		});
		if (contacts.length) {
			var ul = el('ul', 'fs-contacts');
			contacts.forEach(function (c) {
				var li = el('li', 'fs-contact fs-' +
				    String(c.kind).replace(/[^a-z]/g, ''));
				var h = contactHref(c);
				/* A link's label is its text: not twice. */
				if (c.kind !== 'link' || !c.label)
					li.appendChild(el('span', 'fs-contact-label',
					    String(c.label || c.kind) + ': '));
				var v = el(h ? 'a' : 'span', 'fs-contact-value',
				    String(c.kind === 'link' && c.label ?
				    c.label : c.value || ''));
				if (h)
					v.href = h;
				li.appendChild(v);
				ul.appendChild(li);
			});
			opt.appendChild(ul);
		}
		var self = this;
		var index = this.options.length;
		opt.addEventListener('click', function (e) {
			if (e.target.closest && e.target.closest('a'))
				return;
			self.setActive(index);
			self.go(index);
		});
		this.options.push({ el: opt, href: href });
		return opt;
	};

	Search.prototype.show = function (data) {
		var self = this;
		this.list.textContent = '';
		this.options = [];
		this.active = -1;
		this.input.removeAttribute('aria-activedescendant');
		this.correction.hidden = true;
		this.correction.textContent = '';
		if (!data) {
			this.list.hidden = true;
			this.input.setAttribute('aria-expanded', 'false');
			this.status.textContent = '';
			return;
		}
		if (data.corrected) {
			this.correction.appendChild(document.createTextNode(
			    'Showing results for '));
			this.correction.appendChild(el('strong', null,
			    String(data.corrected)));
			this.correction.hidden = false;
		}
		/* One group a publication, in the order of its best hit. */
		var groups = [], byTitle = {};
		(data.results || []).forEach(function (r) {
			var pub = r.publication || {};
			var key = String(pub.source || '') + '\n' +
			    String(pub.title || '');
			if (!Object.prototype.hasOwnProperty.call(byTitle, key)) {
				byTitle[key] = { title: String(pub.title || ''),
				    hits: [] };
				groups.push(byTitle[key]);
			}
			byTitle[key].hits.push(r);
		});
		groups.forEach(function (g, gi) {
			var gid = self.list.id + '-g' + gi;
			var group = el('div', 'fs-group');
			group.setAttribute('role', 'group');
			group.setAttribute('aria-labelledby', gid + '-title');
			var t = el('div', 'fs-pub', g.title);
			t.id = gid + '-title';
			t.setAttribute('role', 'presentation');
			group.appendChild(t);
			g.hits.forEach(function (r, i) {
				group.appendChild(self.renderHit(r, gid, i));
			});
			self.list.appendChild(group);
		});
		var n = this.options.length;
		this.list.hidden = n === 0;
		this.input.setAttribute('aria-expanded', n ? 'true' : 'false');
		this.status.textContent = n ? n + (n === 1 ? ' result' :
		    ' results') + ' in ' + groups.length +
		    (groups.length === 1 ? ' publication' : ' publications') :
		    'No results.';
	};

	function typing(target) {
		var tag = target && target.tagName;
		return tag === 'INPUT' || tag === 'TEXTAREA' ||
		    tag === 'SELECT' || (target && target.isContentEditable);
	}

	function start() {
		if (!document.querySelector('link[data-factsheet-css]')) {
			var css = document.createElement('link');
			css.rel = 'stylesheet';
			css.href = new URL('widget.css', base).href;
			css.setAttribute('data-factsheet-css', '');
			document.head.appendChild(css);
		}
		var hosts = document.querySelectorAll('[data-factsheet-search]');
		var searches = [];
		Array.prototype.forEach.call(hosts, function (h) {
			if (h.getAttribute('data-factsheet-ready'))
				return;
			h.setAttribute('data-factsheet-ready', '1');
			searches.push(new Search(h, h.hasAttribute('data-inline')));
		});
		if (!searches.length)
			return;
		var first = searches[0];
		document.addEventListener('keydown', function (e) {
			if ((e.ctrlKey || e.metaKey) && (e.key === 'k' ||
			    e.key === 'K')) {
				e.preventDefault();
				first.open();
			} else if (e.key === '/' && !typing(e.target) &&
			    !e.ctrlKey && !e.metaKey && !e.altKey) {
				e.preventDefault();
				first.open();
			} else if (e.key === 'Escape' && !first.inline &&
			    first.isOpen() && e.target !== first.input) {
				first.close();
			}
		});
		window.factsheetSearch = first;
	}

	if (document.readyState === 'loading')
		document.addEventListener('DOMContentLoaded', start);
	else
		start();
})();
