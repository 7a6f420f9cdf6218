// Opens a report in Debian's headless Chromium and prints one JSON line:
// console errors, requests to anything but the file itself, axe-core
// violations, elements wider than a phone screen, and a screenshot path.
// Usage: node check.mjs REPORT.html SCREENSHOT.png
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const [report, shot] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         "--disable-component-update", "--disable-sync", "--disable-quic"],
});
const result = { consoleErrors: [], outsideRequests: [], violations: [], overflowAt375: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("console", (m) => { if (m.type() === "error") result.consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => result.consoleErrors.push(String(e)));
  const url = "file://" + report;
  page.on("request", (r) => { if (r.url() !== url) result.outsideRequests.push(r.url()); });
  await page.goto(url, { waitUntil: "load" });
  await page.screenshot({ path: shot, fullPage: true });
  // axe-core is injected after load; its own evaluation makes no request.
  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  result.violations = axe.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  // A leader's first screen at 1280 x 800: the key figures, the dot plot
  // and the first priority are there without scrolling.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => window.scrollTo(0, 0));
  result.belowFoldAt1280 = await page.evaluate(() => {
    const out = [];
    for (const sel of [".keys", "figure.dots", "#summary .statements li"]) {
      const el = document.querySelector(sel);
      if (!el) { out.push(sel + " missing"); continue; }
      const r = el.getBoundingClientRect();
      if (r.bottom > window.innerHeight) out.push(sel + " ends at " + Math.round(r.bottom));
    }
    return out;
  });
  // On a phone, body text must not scroll sideways (charts in a box that
  // scrolls may), and no text, chart labels included, is under 11 px.
  await page.setViewportSize({ width: 375, height: 800 });
  result.overflowAt375 = await page.evaluate(() => {
    const out = [];
    const scrolls = (el) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === "auto" || o === "scroll") return true;
      }
      return false;
    };
    for (const el of document.querySelectorAll("main *")) {
      if (scrolls(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.right > document.documentElement.clientWidth + 1) out.push(el.tagName + (el.className && typeof el.className === "string" ? "." + el.className : "") + " " + Math.round(r.right));
    }
    return out.slice(0, 10);
  });
  result.pageWidthAt375 = await page.evaluate(() => document.documentElement.scrollWidth);
  result.smallTextAt375 = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll("main *")) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own || el.getClientRects().length === 0) continue;
      let size = parseFloat(getComputedStyle(el).fontSize);
      const svg = el.closest("svg");
      if (svg && svg.viewBox.baseVal && svg.viewBox.baseVal.width) {
        size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      }
      if (size < 10.95) out.push(el.tagName + " " + Math.round(size * 10) / 10 + " " + el.textContent.trim().slice(0, 30));
    }
    return out.slice(0, 10);
  });
  // Printed on A4 and on Letter (the @page margins of the stylesheet): no
  // element reaches past the printable width, in print media, where
  // nothing can scroll. Widths in CSS px (96 per inch).
  await page.emulateMedia({ media: "print" });
  result.overflowInPrint = {};
  result.printedPages = {};
  for (const [name, widthMm, format] of [["A4", 210, "A4"], ["Letter", 215.9, "Letter"]]) {
    const printable = Math.floor(((widthMm - 2 * 15) / 25.4) * 96);
    await page.setViewportSize({ width: printable, height: 1000 });
    result.overflowInPrint[name] = await page.evaluate((w) => {
      const out = [];
      for (const el of document.querySelectorAll("main *")) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > w + 1) {
          out.push(el.tagName + (el.className && typeof el.className === "string" ? "." + el.className : "") + " " + Math.round(r.right));
        }
      }
      return out.slice(0, 10);
    }, printable);
    const pdf = await page.pdf({ format, preferCSSPageSize: true });
    result.printedPages[name] = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
