// Calculator pages, the one renderer: draws the view Python describes (calculators/view.py).
//
// A view is a list of blocks {kind, ...}; every text and figure in it is Python's, already
// formatted. This file knows no calculator and no result key: it turns blocks into elements
// (text always as text, never as HTML) and positions a chart's points. An unknown kind is skipped.

import { el } from "./calculator-form.js";

const SVG = ["http:", "", "www.w3.org", "2000", "svg"].join("/"); // the SVG namespace (not a request)

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

const text = (value) => (typeof value === "string" || typeof value === "number" ? String(value) : "");
const list = (value) => (Array.isArray(value) ? value : []);

// On a phone (site.css) a table of a few rows and many columns becomes one card per row
// ("label: value", the label from data-label); a longer one (a schedule) scrolls sideways with its
// first column kept in view. Any table wider than its box says so above it (markScrolling).
const CARD_ROWS = 8;
const PLAIN_COLUMNS = 3;

function table(block) {
  const columns = list(block.columns);
  const rows = list(block.rows);
  const layout = columns.length <= PLAIN_COLUMNS ? "plain" : rows.length <= CARD_ROWS ? "cards" : "scroll";
  const node = el("div", { class: `calc-table-wrap calc-table-wrap--${layout}` },
    el("p", { class: "calc-scroll-hint", "aria-hidden": "true" }, "表格较宽：左右滑动看全部 →"),
    el("table", { class: `calc-table calc-table--${layout}` },
      el("caption", {}, text(block.caption)),
      el("thead", {}, el("tr", {}, columns.map((column) => el("th", { scope: "col" }, text(column?.label))))),
      el("tbody", {}, rows.map((row) => el("tr", {}, columns.map((column, index) =>
        el("td", { class: column?.numeric ? "num" : null, "data-label": text(column?.label) },
          text(list(row)[index]))))))));
  if (!block.collapsed) return node;
  return el("details", { class: "calc-details" }, el("summary", {}, text(block.collapsed)), node);
}

const finitePoints = (value) => list(value).filter((point) => Array.isArray(point) &&
  Number.isFinite(point[0]) && Number.isFinite(point[1]));

/** A plain line or bar chart; Python gives the points and every label. A `compare` line (its own
 *  points and label) is drawn dashed over the first, with a legend naming both. */
function chart(block) {
  const points = finitePoints(block.points);
  if (!points.length) return null;
  const compare = block.compare && typeof block.compare === "object" ? finitePoints(block.compare.points) : [];
  const all = points.concat(compare);
  const width = 320;
  const height = 180;
  const left = 62; // room for "1,234,567.89" at 10px
  const bottom = 28;
  const top = 24; // the unit above the axis, clear of the top label
  const right = 10;
  const maxY = Math.max(...all.map((point) => point[1])) || 1;
  const minX = Math.min(...all.map((point) => point[0]));
  const maxX = Math.max(...all.map((point) => point[0]));
  const span = Math.max(maxX - minX, 1);
  const px = (x) => left + ((x - minX) / span) * (width - left - right);
  const py = (y) => height - bottom - (y / maxY) * (height - bottom - top);
  const title = text(block.title);
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "calc-chart", role: "img",
                            "aria-label": title, preserveAspectRatio: "xMidYMid meet" });
  root.append(svg("title", {}, title));
  root.append(svg("line", { x1: left, y1: height - bottom, x2: width - right, y2: height - bottom, class: "axis" }));
  root.append(svg("line", { x1: left, y1: top, x2: left, y2: height - bottom, class: "axis" }));
  root.append(svg("text", { x: left - 4, y: top + 4, "text-anchor": "end", class: "label" }, text(block.y_top)));
  root.append(svg("text", { x: left - 4, y: height - bottom, "text-anchor": "end", class: "label" }, "0"));
  root.append(svg("text", { x: left, y: height - 8, "text-anchor": "start", class: "label" }, text(block.x_first)));
  root.append(svg("text", { x: width - right, y: height - 8, "text-anchor": "end", class: "label" }, text(block.x_last)));
  root.append(svg("text", { x: 4, y: 10, class: "label unit" }, text(block.y_label)));
  if (block.style === "bar") {
    const barWidth = Math.max(1, (width - left - right) / points.length - 1);
    for (const [x, y] of points) {
      const bx = left + ((x - minX) / (span + 1)) * (width - left - right);
      root.append(svg("rect", { x: bx.toFixed(1), y: py(y).toFixed(1), width: barWidth.toFixed(1),
                                height: Math.max(0, height - bottom - py(y)).toFixed(1), class: "bar" }));
    }
  } else {
    const path = points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(" ");
    root.append(svg("polyline", { points: path, class: "line" }));
  }
  if (compare.length) {
    const path = compare.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(" ");
    root.append(svg("polyline", { points: path, class: "line compare" }));
    root.append(svg("line", { x1: left + 6, y1: top - 8, x2: left + 22, y2: top - 8, class: "line" }));
    root.append(svg("text", { x: left + 26, y: top - 5, class: "label" }, text(block.label)));
    root.append(svg("line", { x1: left + 120, y1: top - 8, x2: left + 136, y2: top - 8, class: "line compare" }));
    root.append(svg("text", { x: left + 140, y: top - 5, class: "label" }, text(block.compare.label)));
  }
  return el("figure", { class: "calc-figure" }, root, el("figcaption", {}, title));
}

/** Save `content` as a file made on this device (a Blob URL: nothing is requested from anywhere). */
export function saveFile(content, filename, mime) {
  const url = URL.createObjectURL(new Blob([content], { type: mime || "application/octet-stream" }));
  const link = el("a", { href: url, download: filename || "download", hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function download(block) {
  const button = el("button", { type: "button", class: "md-button md-button--primary calc-download",
                                "data-filename": text(block.filename) }, text(block.text));
  button.addEventListener("click", () => saveFile(text(block.content), text(block.filename), text(block.mime)));
  return el("p", { class: "calc-download-wrap" }, button);
}

const DRAW = {
  headline: (block) => el("p", { class: "calc-summary" }, text(block.text)),
  paragraph: (block) => el("p", {}, text(block.text)),
  warning: (block) => el("p", { class: "calc-warning" }, text(block.text)),
  figures: (block) => el("dl", { class: "calc-figures" },
    list(block.items).map((item) => [el("dt", {}, text(item?.label)), el("dd", {}, text(item?.value))])),
  table,
  chart,
  notes: (block) => el("div", { class: "calc-notes" }, el("h3", {}, text(block.title)),
    el("ul", {}, list(block.items).map((item) => el("li", {}, text(item))))),
  download,
  link: (block) => el("p", { class: "calc-link" }, el("a", { href: safeHref(block.href) }, text(block.text))),
};

/** Links in a view stay on this site: a relative path, never another host or a script. */
function safeHref(href) {
  const value = text(href);
  return /^(?![a-z][a-z0-9+.-]*:|\/\/)[^\s]*$/i.test(value) ? value : "#";
}

/** Show the scroll hint of each table in `root` that is wider than its box (call once it is on the page). */
export function markScrolling(root) {
  for (const wrap of root.querySelectorAll(".calc-table-wrap")) {
    wrap.classList.toggle("is-scrolling", wrap.scrollWidth > wrap.clientWidth + 1);
  }
}

/** {nodes, copy}: the elements to show and the text "复制" copies. */
export function render(view) {
  const nodes = [];
  let copy = "";
  for (const block of list(view)) {
    if (!block || typeof block !== "object") continue;
    if (block.kind === "copy") {
      copy = text(block.text);
      continue;
    }
    const draw = DRAW[block.kind];
    const node = draw ? draw(block) : null;
    if (node) {
      node.dataset.block = block.kind;
      nodes.push(node);
    }
  }
  return { nodes, copy };
}
