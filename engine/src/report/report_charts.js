/*
  Drawing helpers shared by the pages of the html reports (html_template.html of scan --format
  html, stats_template.html of stats --format html). engine/cmake/embed_text.cmake splices this
  file into each page's script, inside its function scope, where the page's include marker
  stands (XIANJIE:INCLUDE in a comment), so that every page stays one offline file.

  Text only ever goes into the page as text (textContent, SVG text nodes), never as markup.
    el(tag, cls, text), svg(tag, attrs, text)   elements
    num(n), clip(s, n)                          a number in Chinese grouping; a text cut to n characters
    barChart(title, entries, limit, what)       horizontal bars of [name, count] pairs, at most
                                                `limit` drawn, then the table of all of them
    columnChart(title, entries, what)           vertical bars in the given order (months)
    countTable(entries, what)                   名称 / count / share table
  `what` names what is counted, with its measure word ("条线索", "件案件"); the default is 条线索.
*/
  var SVG = 'http://www.w3.org/2000/svg';
  // ---- small DOM helpers: text only ever goes in as text ----
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function num(n) { return Number(n).toLocaleString('zh-CN'); }
  function clip(s, n) { s = String(s); return s.length > n ? s.slice(0, n - 1) + '…' : s; }
  // ---- charts: inline SVG bars, each with the table of its figures below it ----
  function barChart(title, entries, limit, what) {
    var card = el('div', 'chart');
    card.appendChild(el('h4', null, title));
    // The long tail is not drawn as one bar, which would dwarf every other; it is counted below
    // the chart and listed in the table.
    var shown = entries.slice(0, limit);
    var max = 1;
    shown.forEach(function (e) { if (e[1] > max) max = e[1]; });
    var W = 560, labelW = 190, barH = 18, gap = 6, top = 4, H = top + Math.max(1, shown.length) * (barH + gap) + 4;
    var s = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, role: 'img', 'aria-label': title });
    s.appendChild(svg('path', { 'class': 'axis', d: 'M' + labelW + ' ' + top + 'V' + (H - 4) }));
    shown.forEach(function (e, i) {
      var y = top + i * (barH + gap), w = Math.max(1, Math.round((W - labelW - 70) * e[1] / max));
      var label = svg('text', { x: labelW - 6, y: y + barH - 5, 'text-anchor': 'end' }, clip(e[0], 14));
      label.appendChild(svg('title', {}, e[0]));
      s.appendChild(label);
      var bar = svg('rect', { 'class': 'bar', x: labelW, y: y, width: w, height: barH, rx: 2 });
      bar.appendChild(svg('title', {}, e[0] + '：' + num(e[1])));
      s.appendChild(bar);
      s.appendChild(svg('text', { x: labelW + w + 4, y: y + barH - 5 }, num(e[1])));
    });
    card.appendChild(s);
    if (entries.length > limit) {
      var rest = 0;
      entries.slice(limit).forEach(function (e) { rest += e[1]; });
      card.appendChild(el('p', 'sub', '另有 ' + num(entries.length - limit) + ' 项共 ' + num(rest) + ' ' + (what || '条线索') + '未画出，见下表。'));
    }
    card.appendChild(countTable(entries, what));
    return card;
  }
  function columnChart(title, entries, what) {
    var card = el('div', 'chart');
    card.appendChild(el('h4', null, title));
    var max = 1;
    entries.forEach(function (e) { if (e[1] > max) max = e[1]; });
    var n = Math.max(1, entries.length), left = 36, bottom = 46, top = 14, plotH = 150;
    var step = Math.max(8, Math.min(40, Math.floor(520 / n))), W = left + n * step + 10, H = top + plotH + bottom;
    var s = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, role: 'img', 'aria-label': title });
    s.appendChild(svg('path', { 'class': 'axis', d: 'M' + left + ' ' + top + 'V' + (top + plotH) + 'H' + (W - 4) }));
    s.appendChild(svg('text', { x: left - 4, y: top + 4, 'text-anchor': 'end' }, num(max)));
    s.appendChild(svg('text', { x: left - 4, y: top + plotH, 'text-anchor': 'end' }, '0'));
    var every = Math.ceil(n / 24);  // at most about 24 month labels
    entries.forEach(function (e, i) {
      var h = Math.max(1, Math.round(plotH * e[1] / max)), x = left + i * step + 1;
      var bar = svg('rect', { 'class': 'bar', x: x, y: top + plotH - h, width: Math.max(2, step - 3), height: h });
      bar.appendChild(svg('title', {}, e[0] + '：' + num(e[1])));
      s.appendChild(bar);
      if (i % every === 0) {
        var lx = x + step / 2, ly = top + plotH + 8;
        s.appendChild(svg('text', { x: lx, y: ly, 'text-anchor': 'end', transform: 'rotate(-50 ' + lx + ' ' + ly + ')' }, e[0]));
      }
    });
    card.appendChild(s);
    card.appendChild(countTable(entries, what));
    return card;
  }
  function countTable(entries, what) {
    var total = 0;
    entries.forEach(function (e) { total += e[1]; });
    var wrap = el('div', 'scroll');
    var t = el('table', 'counts'), head = el('tr');
    head.appendChild(el('th', null, '项目'));
    head.appendChild(el('th', 'num', what ? what.replace(/^[条件]/, '') + '数' : '线索数'));
    head.appendChild(el('th', 'num', '占比'));
    t.appendChild(el('thead')).appendChild(head);
    var body = t.appendChild(el('tbody'));
    entries.forEach(function (e) {
      var tr = body.appendChild(el('tr'));
      tr.appendChild(el('td', null, e[0]));
      tr.appendChild(el('td', 'num', num(e[1])));
      tr.appendChild(el('td', 'num', total ? (100 * e[1] / total).toFixed(1) + '%' : '—'));
    });
    wrap.appendChild(t);
    return wrap;
  }
